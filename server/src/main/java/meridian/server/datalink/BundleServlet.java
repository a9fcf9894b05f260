package meridian.server.datalink;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import meridian.datalink.Bundles;
import meridian.server.http.DaliParameters;
import meridian.server.http.RequestParameters;

/**
 * {@code /bundle}: the files of the products named by repeated {@code ID}s, optionally only
 * the {@code CATEGORY} prefixes given (SCIENCE, ANCILLARY.PREVIEW...), as one streamed
 * {@code RESPONSEFORMAT=tar} (default), {@code tar.gz} or {@code zip}, MANIFEST.txt first.
 * The caps ({@code datalink.bundle_*}) are checked before anything is sent.
 */
public class BundleServlet extends HttpServlet {

    private final transient Bundles bundles;

    public BundleServlet(Bundles bundles) {
        this.bundles = bundles;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp);
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DaliParameters params = RequestParameters.read(req);
            List<String> ids = List.copyOf(new LinkedHashSet<>(params.all("ID")));
            Set<String> categories = new LinkedHashSet<>(params.all("CATEGORY"));
            Bundles.Format format = Bundles.Format.parse(params.single("RESPONSEFORMAT").orElse(null));
            List<Bundles.Entry> entries = bundles.plan(ids, categories);
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType(format.mime());
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + Bundles.fileName(ids, format) + "\"");
            OutputStream out = resp.getOutputStream();
            Bundles.write(entries, format, out);
        } catch (IOException | RuntimeException e) {
            DatalinkFaults.respond(resp, e);
        }
    }
}
