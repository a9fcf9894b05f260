package meridian.server.datalink;

import java.util.List;
import meridian.datalink.ServiceDescriptors;
import meridian.server.http.ErrorDocument;
import meridian.server.vosi.ServiceCapabilities;
import meridian.server.vosi.TapCapabilities;

/**
 * The capabilities of the DataLink and SODA endpoints, for {@code /datalink/capabilities} and
 * the registry's DataLink service record alike. The service URL is {@code <base>/datalink}; SODA
 * lives beside it at {@code <base>/soda/sync}. Each has a standard interface for anonymous
 * requests and one per authentication method on the same URL (proprietary products need the
 * latter), see {@link TapCapabilities#stdInterfaces(String, String)}.
 *
 * @param maxIds most ID values per links request ({@code datalink.max_ids})
 */
public record DatalinkCapabilities(int maxIds) implements ServiceCapabilities {

    /** The service path the URLs are built from. */
    public static final String PATH = "/datalink";

    @Override
    public List<String> capabilities(String serviceUrl) {
        String base = serviceUrl.endsWith(PATH) ? serviceUrl.substring(0, serviceUrl.length() - PATH.length())
                : serviceUrl;
        return List.of(
                capability(ServiceDescriptors.LINKS_STANDARD_ID, base + ServiceDescriptors.LINKS_PATH,
                        "    <!-- at most " + maxIds + " ID values per request (datalink.max_ids) -->\n"),
                capability(ServiceDescriptors.SODA_SYNC_STANDARD_ID, base + ServiceDescriptors.SODA_PATH, ""),
                capability("ivo://ivoa.net/std/VOSI#capabilities", base + PATH + "/capabilities", ""));
    }

    private static String capability(String standardId, String url, String comment) {
        return "  <capability standardID=\"" + ErrorDocument.escape(standardId) + "\">\n" + comment
                + TapCapabilities.stdInterfaces(url, null) + "  </capability>\n";
    }
}
