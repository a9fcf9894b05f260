package meridian.server.vosi;

import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities of one service, the single source of both its VOSI {@code /capabilities}
 * document and the capabilities in its registry record (so the two can never disagree).
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ServiceCapabilities {

    /**
     * The {@code capability} elements, in order, as XML fragments (no namespace declarations;
     * prefixes from {@link Namespaces#FRAGMENT_PREFIXES}).
     *
     * @param serviceUrl the service's public URL without a trailing slash, e.g.
     *                   {@code http://host:8080/tap}; the capabilities' access URLs hang under it
     */
    List<String> capabilities(String serviceUrl);

    /**
     * These capabilities followed by {@code more}'s for the same service URL (e.g. a DataLink
     * capability added to the TAP service's).
     */
    default ServiceCapabilities and(ServiceCapabilities more) {
        return url -> {
            List<String> all = new ArrayList<>(capabilities(url));
            all.addAll(more.capabilities(url));
            return List.copyOf(all);
        };
    }
}
