package meridian.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import meridian.server.results.QueryResultTable;
import meridian.server.results.ResultContext;
import meridian.server.results.ResultFormat;
import meridian.server.tap.PlannedQuery;
import meridian.server.tap.QueryExecutor;

/**
 * Answers a request with the result of a planned query, deciding everything before the first
 * byte: open the cursor (maxrec + 1 rows), read the first row, then commit status 200 and the
 * content type and stream the table. A failure before the commit propagates to the caller's
 * error boundary; after it, the writer ends the document with an error INFO. Used by the
 * services that build their query from protocol parameters (SIA, cone search).
 */
public final class QueryResponse {

    private QueryResponse() {
    }

    /**
     * @param contentType the Content-Type to send (the format's MIME type, or a protocol's own)
     * @param context     INFOs before the table and RESOURCEs after it
     */
    public static void send(HttpServletResponse resp, QueryExecutor executor, PlannedQuery plan, long maxrec,
                            int timeoutSeconds, ResultFormat format, String contentType, ResultContext context)
            throws IOException {
        try (QueryExecutor.OpenQuery open = executor.open(plan, maxrec, timeoutSeconds)) {
            QueryResultTable table = open.table();
            table.prefetch(1);
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType(contentType);
            format.writer().write(table, context, resp.getOutputStream());
            resp.getOutputStream().flush();
        }
    }
}
