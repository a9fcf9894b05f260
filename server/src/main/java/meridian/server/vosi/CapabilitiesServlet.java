package meridian.server.vosi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.MetadataResponse;
import meridian.server.http.ServiceUrls;

/**
 * A service's VOSI capabilities document ({@code /tap/capabilities}; other services mount one
 * each), from the same {@link ServiceCapabilities} their registry records use.
 */
public class CapabilitiesServlet extends HttpServlet {

    private final transient ServiceCapabilities capabilities;
    private final transient ServiceUrls urls;
    private final String servicePath;
    private final long started = System.currentTimeMillis();

    /**
     * @param capabilities the service's capabilities
     * @param urls         the public base URL
     * @param servicePath  the service's path under the base URL, e.g. {@code /tap}
     */
    public CapabilitiesServlet(ServiceCapabilities capabilities, ServiceUrls urls, String servicePath) {
        this.capabilities = capabilities;
        this.urls = urls;
        this.servicePath = servicePath;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            MetadataResponse.send(req, resp, "text/xml;charset=UTF-8",
                    CapabilitiesDocument.of(capabilities, urls.base(req) + servicePath), started);
        } catch (RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }
}
