package meridian.server.vosi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.MetadataResponse;
import meridian.server.http.ServiceUrls;

/** {@code /tap/capabilities}: the VOSI capabilities document. */
public class CapabilitiesServlet extends HttpServlet {

    private final transient TapCapabilities capabilities;
    private final transient ServiceUrls urls;
    private final long started = System.currentTimeMillis();

    public CapabilitiesServlet(TapCapabilities capabilities, ServiceUrls urls) {
        this.capabilities = capabilities;
        this.urls = urls;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            MetadataResponse.send(req, resp, "text/xml;charset=UTF-8",
                    capabilities.document(urls.base(req) + "/tap"), started);
        } catch (RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }
}
