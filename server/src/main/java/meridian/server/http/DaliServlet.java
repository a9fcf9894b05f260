package meridian.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A DALI service endpoint (TAP sync, SSA, DataLink links, SODA, bundles): GET and POST are the
 * same request (DALI 1.1, section 4), so both go to {@link #handle}, which reads its parameters
 * with {@link RequestParameters} and answers errors in its protocol's own form.
 */
public abstract class DaliServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected final void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp);
    }

    @Override
    protected final void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp);
    }

    /** Answers one request, whichever its method. */
    protected abstract void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException;
}
