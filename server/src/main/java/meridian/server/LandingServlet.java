package meridian.server;

import static meridian.server.http.ErrorDocument.escape;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import meridian.server.config.MeridianConfig;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;
import meridian.server.http.ServiceUrls;

/**
 * {@code /} (the web front end's page, {@code web/index.html} from the classpath, with the
 * service's title, description, contact and endpoint list filled in on the server so that they
 * show without JavaScript too) and {@code /tap} (the TAP service root, listing the endpoints).
 * Any other unmapped path is a VOTable 404.
 */
public class LandingServlet extends HttpServlet {

    /** The page template's resource name. */
    static final String PAGE = "web/index.html";

    private final transient MeridianConfig config;
    private final transient ServiceUrls urls;
    private final String template;

    public LandingServlet(MeridianConfig config, ServiceUrls urls) {
        this.config = config;
        this.urls = urls;
        this.template = resource(PAGE);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean root = path.equals("/") || path.equals("/index.html");
        if (!root && !path.equals("/tap") && !path.equals("/tap/")) {
            ErrorBoundary.respond(resp, Fault.notFound("no such resource: " + path));
            return;
        }
        String base = urls.base(req);
        String title = escape(config.service().title());
        String description = escape(config.service().description());
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        if (root) {
            String email = config.service().contactEmail();
            String contact = escape(config.service().contactName())
                    + (email == null || email.isBlank() ? ""
                            : " &lt;<a href=\"mailto:" + escape(email) + "\">" + escape(email) + "</a>&gt;");
            resp.getWriter().write(template.replace("{{title}}", title).replace("{{description}}", description)
                    .replace("{{contact}}", contact).replace("{{base}}", escape(base))
                    .replace("{{endpoints}}", endpoints(base)));
            return;
        }
        resp.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"/>"
                + "<title>" + title + "</title></head><body>\n<h1>" + title + "</h1>\n<p>" + description + "</p>\n"
                + endpoints(base) + "</body></html>\n");
    }

    /** The list of every endpoint, by protocol, as HTML headings and lists. */
    static String endpoints(String base) {
        String tap = base + "/tap";
        return "<h3>Table Access Protocol (TAP 1.1)</h3><ul>\n"
                + item(tap, "TAP service URL (give this to TOPCAT, pyvo or STILTS)")
                + item(tap + "/sync?LANG=ADQL&amp;QUERY=SELECT+TOP+10+*+FROM+ivoa.obscore", "first ten ObsCore rows")
                + item(tap + "/capabilities", "VOSI capabilities")
                + item(tap + "/availability", "VOSI availability")
                + item(tap + "/tables", "VOSI tables")
                + item(tap + "/examples", "example queries")
                + "</ul>\n<h3>Simple Spectral Access (SSA 1.1)</h3><ul>\n"
                + item(base + "/ssa", "SSA service URL (SIZE is the search cone's diameter)")
                + item(base + "/ssa?REQUEST=queryData&amp;POS=187.2779,2.0524&amp;SIZE=0.1", "spectra around 3C 273")
                + item(base + "/ssa?REQUEST=queryData&amp;FORMAT=METADATA", "the service's parameters and fields")
                + item(base + "/ssa/capabilities", "VOSI capabilities")
                + item(base + "/ssa/availability", "VOSI availability")
                + "</ul>\n<h3>DataLink, SODA and bundles</h3><ul>\n"
                + item(base + "/datalink/capabilities", "DataLink and SODA capabilities (links: /datalink/links?ID=...,"
                        + " cutouts: /soda/sync, bundles: /bundle)")
                + "</ul>\n<h3>Registry</h3><ul>\n"
                + item(base + "/oai?verb=Identify", "OAI-PMH publishing registry (IVOA Registry Interfaces 1.1)")
                + item(base + "/oai?verb=ListRecords&amp;metadataPrefix=ivo_vor", "every VOResource record")
                + "</ul>\n";
    }

    private static String item(String url, String text) {
        return "<li><a href=\"" + url + "\">" + url + "</a> — " + escape(text) + "</li>\n";
    }

    private static String resource(String name) {
        try (InputStream in = LandingServlet.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (a broken build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
