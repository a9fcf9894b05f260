package meridian.server.datalink;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import meridian.datalink.Links;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.auth.Identity;
import meridian.datalink.LinksDocument;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.Fault;
import meridian.server.http.RequestParameters;
import meridian.server.http.ServiceUrls;

/**
 * {@code /datalink/links}: DataLink 1.1 links of any number of IDs (up to
 * {@code datalink.max_ids}), GET or POST. The document is always
 * {@code application/x-votable+xml;content=datalink}, whatever Accept says: STILTS and TOPCAT
 * send Java's default Accept header, which names no VOTable type.
 */
public class LinksServlet extends DaliServlet {

    private static final Set<String> FORMATS = Set.of("votable", "application/x-votable+xml",
            "application/x-votable+xml;content=datalink", "text/xml");

    private final transient Links links;
    private final transient AccessPolicy access;
    private final transient ServiceUrls urls;

    /** @param access what each caller may see and read */
    public LinksServlet(Links links, ServiceUrls urls, AccessPolicy access) {
        this.access = access;
        this.links = links;
        this.urls = urls;
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DaliParameters params = RequestParameters.read(req);
            params.single("RESPONSEFORMAT").map(f -> f.replace(" ", "").toLowerCase(Locale.ROOT))
                    .filter(f -> !f.isEmpty() && !FORMATS.contains(f)).ifPresent(f -> {
                        throw Fault.usage("RESPONSEFORMAT " + f + " is not offered: links documents are"
                                + " application/x-votable+xml;content=datalink");
                    });
            Links caller = links.as(access.products(AuthFilter.identity(req)), access.products(Identity.ANONYMOUS));
            Links.Document doc = caller.resolve(params.all("ID"), urls.base(req));
            resp.setStatus(HttpServletResponse.SC_OK);
            // no charset parameter: clients compare the type with DataLink's (XML declares UTF-8)
            resp.setContentType(LinksDocument.CONTENT_TYPE);
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(resp.getOutputStream(),
                    StandardCharsets.UTF_8), 1 << 16);
            LinksDocument.write(doc, w);
        } catch (RuntimeException e) {
            DatalinkFaults.respond(resp, e);
        }
    }
}
