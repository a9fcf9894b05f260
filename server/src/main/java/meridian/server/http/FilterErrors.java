package meridian.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * How a filter (authentication, work and rate limits) answers a request it refuses before any
 * servlet runs: in the error form of the protocol the request was for. DALI services get
 * {@link ErrorBoundary}'s VOTable document; a path prefix may name another form, as SODA's
 * text/plain {@code AuthenticationError: ...} documents.
 */
public final class FilterErrors {

    /** Writes the error answer to a refused request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpServletResponse response, Exception error) throws IOException;
    }

    /** Every path answers with the DALI VOTable error document. */
    public static final FilterErrors DALI = new FilterErrors(Map.of());

    private final Map<String, Responder> byPrefix;

    /** @param byPrefix the error form of the requests whose path (below the context) starts so */
    public FilterErrors(Map<String, Responder> byPrefix) {
        this.byPrefix = Map.copyOf(byPrefix);
    }

    /** Answers {@code request} with {@code error} in the form its path asks for. */
    public void respond(HttpServletRequest request, HttpServletResponse response, Exception error)
            throws IOException {
        String uri = request.getRequestURI();
        String path = uri == null ? "" : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        for (Map.Entry<String, Responder> e : byPrefix.entrySet()) {
            if (path.startsWith(e.getKey())) {
                e.getValue().respond(response, error);
                return;
            }
        }
        ErrorBoundary.respond(response, error);
    }
}
