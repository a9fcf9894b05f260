package meridian.server.vosi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.MetadataResponse;
import meridian.server.http.ServiceUrls;

/** {@code /tap/capabilities}, {@code /ssa/capabilities}: a service's VOSI capabilities document. */
public class CapabilitiesServlet extends HttpServlet {

    private final transient Function<String, String> document;
    private final transient ServiceUrls urls;
    private final String servicePath;
    private final long started = System.currentTimeMillis();

    /** The TAP service's capabilities at {@code /tap}. */
    public CapabilitiesServlet(TapCapabilities capabilities, ServiceUrls urls) {
        this(capabilities::document, urls, "/tap");
    }

    /**
     * @param document    the document for the service's public URL
     * @param urls        the public base URL
     * @param servicePath the service's path below the base URL ({@code /ssa})
     */
    public CapabilitiesServlet(Function<String, String> document, ServiceUrls urls, String servicePath) {
        this.document = document;
        this.urls = urls;
        this.servicePath = servicePath;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            MetadataResponse.send(req, resp, "text/xml;charset=UTF-8",
                    document.apply(urls.base(req) + servicePath), started);
        } catch (RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }
}
