package meridian.server.registry;

import java.util.List;

/**
 * A source of registry records. Providers are asked on every OAI-PMH request, so a record appears,
 * changes or disappears as soon as what it describes does (a collection ingested, a service
 * added). Implementations must be thread-safe and fast enough to run per request (cache what is
 * expensive).
 *
 * <p>To publish a new service, add a provider to the list in {@code MeridianServer}, usually a
 * {@link ServiceRecord} built from the same {@link meridian.server.vosi.ServiceCapabilities} the
 * service's VOSI {@code /capabilities} endpoint uses.
 */
@FunctionalInterface
public interface RecordProvider {

    /**
     * The current records.
     *
     * @param baseUrl the service's public base URL without a trailing slash; access URLs hang under it
     */
    List<RegistryRecord> records(String baseUrl);
}
