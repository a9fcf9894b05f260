package meridian.server.datalink;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import meridian.datalink.ServiceDescriptors;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.ErrorDocument;
import meridian.server.vosi.TapCapabilities;
import meridian.server.http.MetadataResponse;
import meridian.server.http.ServiceUrls;

/**
 * {@code /datalink/capabilities}: VOSI capabilities of the DataLink and SODA endpoints, with
 * the ID cap declared, so registries and validators find them.
 */
public class DatalinkCapabilitiesServlet extends HttpServlet {

    private final transient ServiceUrls urls;
    private final int maxIds;
    private final long started = System.currentTimeMillis();

    public DatalinkCapabilitiesServlet(ServiceUrls urls, int maxIds) {
        this.urls = urls;
        this.maxIds = maxIds;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            MetadataResponse.send(req, resp, "text/xml;charset=UTF-8", document(urls.base(req)), started);
        } catch (RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }

    String document(String base) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<vosi:capabilities xmlns:vosi=\"http://www.ivoa.net/xml/VOSICapabilities/v1.0\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:vr=\"http://www.ivoa.net/xml/VOResource/v1.0\""
                + " xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\">\n"
                + capability(ServiceDescriptors.LINKS_STANDARD_ID, base + ServiceDescriptors.LINKS_PATH,
                        "<!-- at most " + maxIds + " ID values per request (datalink.max_ids) -->\n")
                + capability(ServiceDescriptors.SODA_SYNC_STANDARD_ID, base + ServiceDescriptors.SODA_PATH, "")
                + capability("ivo://ivoa.net/std/VOSI#capabilities", base + "/datalink/capabilities", "")
                + "</vosi:capabilities>\n";
    }

    /** Anonymous, HTTP Basic and token interfaces at the same URL (proprietary products need the latter). */
    private static String capability(String standardId, String url, String comment) {
        return "  <capability standardID=\"" + ErrorDocument.escape(standardId) + "\">\n" + comment
                + TapCapabilities.stdInterfaces(url, null) + "  </capability>\n";
    }
}
