package meridian.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * CORS for the anonymous read endpoints, so browser applications (e.g. web TAP clients) can
 * query the service: any origin may read without credentials; origins in the configured
 * allow-list may also send credentials. Preflight (OPTIONS with Access-Control-Request-Method)
 * is answered here with 204.
 */
public class CorsFilter extends HttpFilter {

    private static final String EXPOSED = "X-Query-Status, X-Row-Count, X-Overflow, Content-Disposition, ETag, Location";

    private final transient Set<String> credentialedOrigins;

    public CorsFilter(Set<String> credentialedOrigins) {
        this.credentialedOrigins = Set.copyOf(credentialedOrigins);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String origin = req.getHeader("Origin");
        if (origin != null) {
            if (credentialedOrigins.contains(origin)) {
                resp.setHeader("Access-Control-Allow-Origin", origin);
                resp.setHeader("Access-Control-Allow-Credentials", "true");
                resp.addHeader("Vary", "Origin");
            } else {
                resp.setHeader("Access-Control-Allow-Origin", "*");
            }
            resp.setHeader("Access-Control-Expose-Headers", EXPOSED);
            if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
                resp.setHeader("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS");
                String headers = req.getHeader("Access-Control-Request-Headers");
                resp.setHeader("Access-Control-Allow-Headers", headers == null ? "Content-Type" : headers);
                resp.setHeader("Access-Control-Max-Age", "86400");
                resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        chain.doFilter(req, resp);
    }
}
