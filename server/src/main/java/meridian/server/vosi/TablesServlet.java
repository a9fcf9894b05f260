package meridian.server.vosi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import meridian.server.http.DaliParameters;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;
import meridian.server.http.MetadataResponse;
import meridian.server.http.RequestParameters;
import meridian.sql.Database;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;

/**
 * {@code /tap/tables} and {@code /tap/tables/{schema.table}}: VOSI 1.1 tables. {@code detail=min}
 * leaves the columns out (VOSI 1.1 lets large services do that by default; this one lists them
 * unless asked not to).
 */
public class TablesServlet extends HttpServlet {

    private final transient Database database;
    private final long started = System.currentTimeMillis();

    public TablesServlet(Database database) {
        this.database = database;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            MetadataModel model = database.model();
            String path = req.getPathInfo();
            String body;
            if (path == null || path.equals("/")) {
                DaliParameters p = RequestParameters.read(req);
                String detail = p.single("DETAIL").orElse("max");
                if (!detail.equals("min") && !detail.equals("max")) {
                    throw Fault.usage("DETAIL=" + detail + " is not supported; use min or max");
                }
                body = TableSetDocument.tableset(model, detail.equals("max"));
            } else {
                String name = path.substring(1);
                Table t = model.table(name).orElseThrow(() -> Fault.notFound("no table " + name
                        + " in this service; /tap/tables lists them"));
                body = TableSetDocument.table(t);
            }
            // a published catalogue changes the document: it is as new as the model
            MetadataResponse.send(req, resp, "text/xml;charset=UTF-8", body,
                    Math.max(started, database.publishedAt()));
        } catch (RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }
}
