package meridian.server.tap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.auth.WorkLimiter;
import meridian.server.http.ClientDisconnect;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.RequestParameters;
import meridian.server.http.ServiceUrls;
import meridian.server.http.UploadParts;
import meridian.server.results.QueryResultTable;
import meridian.server.upload.UploadSource;
import meridian.server.uws.JobManager;
import meridian.server.uws.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tap/sync}: TAP 1.1 synchronous queries, GET or POST (form or multipart, with uploads).
 * parse → {@link TapQueryRunner} (uploads, plan, cursor) → commit headers → stream. Everything
 * that can fail on the request is decided before the first byte; small results are read ahead
 * so that the row count and overflow flag go into the response headers too
 * ({@code X-Query-Status}, {@code X-Row-Count}, {@code X-Overflow}); for larger ones they arrive
 * as HTTP trailers.
 *
 * <p>A query still running when its time budget ({@code tap.sync_timeout_seconds}) ends before
 * the first byte is cancelled and handed to the async service: the same parameters and uploads
 * become a running async job, and the answer is a {@link SyncContinuation} error naming it. A
 * query whose client closes the connection before the first byte ({@link ClientDisconnect}) is
 * cancelled at once and not continued: nobody would read the job.
 */
public class TapSyncServlet extends DaliServlet {

    /** Rows read ahead to put exact counts in the headers. */
    static final int READ_AHEAD_ROWS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(TapSyncServlet.class);

    /** Why a query whose client went away before its first byte stopped (it is not continued). */
    static final String CLIENT_GONE = "the client closed the connection before the result started";

    /** Extra seconds the database's own statement time-out waits after the budget (a backstop). */
    private static final int BACKSTOP_SECONDS = 1;

    private final transient TapQueryRunner queries;
    private final transient JobManager async;
    private final transient ServiceUrls urls;
    private final transient ScheduledExecutorService timers;
    private final TapParameters.Limits limits;
    private final int timeoutSeconds;
    private final long maxUploadBytes;
    private final long maxFormBytes;
    private final transient AccessPolicy access;

    /**
     * @param queries        the shared query pipeline
     * @param limits         MAXREC limits
     * @param timeoutSeconds the sync time budget
     * @param async          where timed-out queries continue (null: they are just cancelled)
     * @param urls           the public base URL (for the job URL)
     * @param maxUploadBytes upload limit, to refuse large bodies early
     * @param maxFormBytes   room for ordinary parameters
     * @param access         the rows each caller may see
     */
    public TapSyncServlet(TapQueryRunner queries, TapParameters.Limits limits, int timeoutSeconds, JobManager async,
                          ServiceUrls urls, long maxUploadBytes, long maxFormBytes, AccessPolicy access) {
        this.access = access;
        this.queries = queries;
        this.limits = limits;
        this.timeoutSeconds = timeoutSeconds;
        this.async = async;
        this.urls = urls;
        this.maxUploadBytes = maxUploadBytes;
        this.maxFormBytes = maxFormBytes;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tap-sync-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Cancellation cancellation = new Cancellation();
        ScheduledFuture<?> budget = null;
        DaliParameters raw = null;
        Map<String, UploadSource> parts = Map.of();
        ClientDisconnect client = null;
        try {
            UploadParts.checkLength(req, maxUploadBytes, maxFormBytes);
            raw = RequestParameters.read(req);
            TapParameters params = TapParameters.parse(raw, limits);
            parts = UploadParts.read(req, raw);
            if (timeoutSeconds > 0) {
                budget = timers.schedule(() -> cancellation.cancel("sync time limit"), timeoutSeconds, TimeUnit.SECONDS);
            }
            Map<String, UploadSource> p = parts;
            int statementTimeout = timeoutSeconds > 0 ? timeoutSeconds + BACKSTOP_SECONDS : 0;
            client = ClientDisconnect.watch(req, () -> cancellation.cancel(CLIENT_GONE));
            try (RunningQuery query = queries.open(params, p::get, statementTimeout, cancellation,
                    urls.base(req), access.rows(AuthFilter.identity(req)))) {
                QueryResultTable table = query.table();
                boolean complete;
                try {
                    complete = table.prefetch(READ_AHEAD_ROWS);
                } catch (IOException e) {
                    cancellation.throwIfCancelled(e);
                    throw e;
                }
                cancellation.throwIfCancelled(null);
                client.close();
                if (client.consumedPipelinedBytes()) {
                    resp.setHeader("Connection", "close");
                }
                resp.setStatus(HttpServletResponse.SC_OK);
                resp.setContentType(params.format().mime());
                resp.setHeader("Content-Disposition",
                        "inline; filename=\"result." + params.format().extension() + "\"");
                if (complete) {
                    statusHeaders(table).forEach(resp::setHeader);
                } else {
                    resp.setHeader("Trailer", "X-Query-Status, X-Row-Count, X-Overflow");
                    resp.setTrailerFields(() -> statusHeaders(table));
                }
                OutputStream out = resp.getOutputStream();
                query.write(out);
            }
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            Throwable answer = t;
            boolean gone = client != null && client.clientGone();
            if (t instanceof QueryCancelledException && !gone && !resp.isCommitted() && async != null && raw != null) {
                answer = continueAsync(req, raw, parts, t);
            }
            if (gone) {
                LOG.info("sync query stopped: {}", CLIENT_GONE);
            } else {
                if (client != null && client.consumedPipelinedBytes() && !resp.isCommitted()) {
                    resp.setHeader("Connection", "close");
                }
                ErrorBoundary.respond(resp, answer);
            }
        } finally {
            if (budget != null) {
                budget.cancel(false);
            }
            if (client != null) {
                client.close();
            }
        }
    }

    /** Starts an async job with the same parameters and uploads; the fault that names it. */
    private Throwable continueAsync(HttpServletRequest req, DaliParameters raw, Map<String, UploadSource> parts,
                                    Throwable cause) {
        try {
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (String name : raw.names()) {
                params.put(name, raw.all(name));
            }
            JobState job = async.create(params, parts, AuthFilter.identity(req).user(), WorkLimiter.client(req),
                    urls.base(req));
            async.run(job.id());
            return new SyncContinuation(timeoutSeconds, urls.base(req) + "/tap/async/" + job.id());
        } catch (IOException | RuntimeException e) {
            e.addSuppressed(cause);
            return e;
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
