package meridian.server.vosi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import meridian.server.http.ErrorDocument;
import meridian.sql.Database;

/**
 * {@code /tap/availability}: VOSI availability. The service is available when the database
 * answers within a few seconds; the note says why not otherwise.
 */
public class AvailabilityServlet extends HttpServlet {

    private final transient Database database;
    private final Instant upSince = Instant.now();

    public AvailabilityServlet(Database database) {
        this.database = database;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean ok;
        String note;
        try (Connection c = database.connection()) {
            ok = c.isValid(5);
            note = ok ? "Meridian is accepting queries" : "the database does not answer";
        } catch (SQLException e) {
            ok = false;
            note = "the database is not reachable: " + e.getMessage();
        }
        resp.setContentType("text/xml;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<vosi:availability xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">\n"
                + "  <vosi:available>" + ok + "</vosi:available>\n"
                + (ok ? "  <vosi:upSince>" + upSince + "</vosi:upSince>\n" : "")
                + "  <vosi:note>" + ErrorDocument.escape(note) + "</vosi:note>\n"
                + "</vosi:availability>\n");
    }
}
