package meridian.server.tap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.RequestParameters;
import meridian.server.results.QueryResultTable;
import meridian.server.results.ResultContext;
import meridian.sql.Database;

/**
 * {@code /tap/sync}: TAP 1.1 synchronous queries, GET or POST (form or multipart).
 * parse → plan → open cursor → commit headers → stream. Everything that can fail on the
 * request is decided before the first byte; small results are read ahead so that the row
 * count and overflow flag go into the response headers too ({@code X-Query-Status},
 * {@code X-Row-Count}, {@code X-Overflow}); for larger ones they arrive as HTTP trailers.
 */
public class TapSyncServlet extends HttpServlet {

    /** Rows read ahead to put exact counts in the headers. */
    static final int READ_AHEAD_ROWS = 10_000;

    private final transient Database database;
    private final transient QueryPlanner planner;
    private final transient QueryExecutor executor;
    private final TapParameters.Limits limits;
    private final int timeoutSeconds;

    public TapSyncServlet(Database database, QueryPlanner planner, TapParameters.Limits limits, int timeoutSeconds) {
        this.database = database;
        this.planner = planner;
        this.executor = new QueryExecutor(database);
        this.limits = limits;
        this.timeoutSeconds = timeoutSeconds;
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
            TapParameters params = TapParameters.parse(RequestParameters.read(req), limits);
            PlannedQuery plan = planner.plan(params.query(), params.adqlVersion(), database.model());
            try (QueryExecutor.OpenQuery open = executor.open(plan, params.maxrec(), timeoutSeconds)) {
                QueryResultTable table = open.table();
                boolean complete = table.prefetch(READ_AHEAD_ROWS);
                resp.setStatus(HttpServletResponse.SC_OK);
                resp.setContentType(params.format().mime());
                resp.setHeader("Content-Disposition", "inline; filename=\"result." + params.format().extension() + "\"");
                if (complete) {
                    statusHeaders(table).forEach(resp::setHeader);
                } else {
                    resp.setHeader("Trailer", "X-Query-Status, X-Row-Count, X-Overflow");
                    resp.setTrailerFields(() -> statusHeaders(table));
                }
                ResultContext context = new ResultContext(
                        List.of(new ResultContext.Info("QUERY", params.query(), null),
                                new ResultContext.Info("LANG", "ADQL-" + params.adqlVersion(), null)),
                        List.of());
                OutputStream out = resp.getOutputStream();
                params.format().writer().write(table, context, out);
                out.flush();
            }
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            ErrorBoundary.respond(resp, t);
        }
    }

    private static Map<String, String> statusHeaders(QueryResultTable table) {
        Map<String, String> h = new LinkedHashMap<>();
        long rows = table.getRowCount() >= 0 ? table.getRowCount() : table.rowsDelivered();
        h.put("X-Query-Status", table.overflowed() ? "OVERFLOW" : "OK");
        h.put("X-Row-Count", Long.toString(rows));
        h.put("X-Overflow", Boolean.toString(table.overflowed()));
        return h;
    }
}
