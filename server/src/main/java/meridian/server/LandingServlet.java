package meridian.server;

import static meridian.server.http.ErrorDocument.escape;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import meridian.server.config.MeridianConfig;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;
import meridian.server.http.ServiceUrls;

/**
 * {@code /} (a human landing page listing the endpoints) and {@code /tap} (the TAP service
 * root, listing its resources). Any other unmapped path is a VOTable 404.
 */
public class LandingServlet extends HttpServlet {

    private final transient MeridianConfig config;
    private final transient ServiceUrls urls;

    public LandingServlet(MeridianConfig config, ServiceUrls urls) {
        this.config = config;
        this.urls = urls;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!path.equals("/") && !path.equals("/tap") && !path.equals("/tap/")) {
            ErrorBoundary.respond(resp, Fault.notFound("no such resource: " + path));
            return;
        }
        String base = urls.base(req);
        String tap = base + "/tap";
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"/>"
                + "<title>" + escape(config.service().title()) + "</title></head><body>\n"
                + "<h1>" + escape(config.service().title()) + "</h1>\n"
                + "<p>" + escape(config.service().description()) + "</p>\n"
                + "<h2>Table Access Protocol (TAP 1.1)</h2><ul>\n"
                + item(tap, "TAP service URL (give this to TOPCAT, pyvo or STILTS)")
                + item(tap + "/sync?LANG=ADQL&amp;QUERY=SELECT+TOP+10+*+FROM+ivoa.obscore", "first ten ObsCore rows")
                + item(tap + "/capabilities", "VOSI capabilities")
                + item(tap + "/availability", "VOSI availability")
                + item(tap + "/tables", "VOSI tables")
                + item(tap + "/examples", "example queries")
                + "</ul>\n<h2>Simple Spectral Access (SSA 1.1)</h2><ul>\n"
                + item(base + "/ssa", "SSA service URL (SIZE is the search cone's diameter)")
                + item(base + "/ssa?REQUEST=queryData&amp;POS=187.2779,2.0524&amp;SIZE=0.1", "spectra around 3C 273")
                + item(base + "/ssa?REQUEST=queryData&amp;FORMAT=METADATA", "the service's parameters and fields")
                + item(base + "/ssa/capabilities", "VOSI capabilities")
                + item(base + "/ssa/availability", "VOSI availability")
                + "</ul>\n<h2>DataLink, SODA and bundles</h2><ul>\n"
                + item(base + "/datalink/capabilities", "DataLink and SODA capabilities (links: /datalink/links?ID=...,"
                        + " cutouts: /soda/sync, bundles: /bundle)")
                + "</ul>\n<h2>Registry</h2><ul>\n"
                + item(base + "/oai?verb=Identify", "OAI-PMH publishing registry (IVOA Registry Interfaces 1.1)")
                + item(base + "/oai?verb=ListRecords&amp;metadataPrefix=ivo_vor", "every VOResource record")
                + "</ul>\n</body></html>\n");
    }

    private static String item(String url, String text) {
        return "<li><a href=\"" + url + "\">" + url + "</a> — " + escape(text) + "</li>\n";
    }
}
