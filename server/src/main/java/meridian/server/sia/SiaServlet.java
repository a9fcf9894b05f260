package meridian.server.sia;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import meridian.adql.RowFilter;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;
import meridian.server.http.QueryResponse;
import meridian.server.http.RequestParameters;
import meridian.server.http.ServiceUrls;
import meridian.server.results.ResultContext;
import meridian.server.results.ResultFormat;
import meridian.server.tap.PlannedQuery;
import meridian.server.tap.QueryExecutor;
import meridian.server.tap.QueryPlanner;
import meridian.server.tap.TapParameters;
import meridian.sql.Database;
import meridian.ssa.SiaParameters;
import meridian.ssa.SiaQuery;
import meridian.ssa.SsaException;
import uk.ac.starlink.table.ColumnInfo;

/**
 * {@code /sia/query}: SIA 2.0, GET or POST. parse ({@link SiaParameters}, MAXREC, RESPONSEFORMAT)
 * → ADQL ({@link SiaQuery}) → the TAP planner with the caller's row filter → {@link QueryExecutor}
 * (maxrec + 1) → ObsCore VOTable (every column with its TAP_SCHEMA metadata),
 * {@code QUERY_STATUS=OVERFLOW} after a truncated table, the DataLink service descriptor after the
 * results RESOURCE. Errors are DALI error VOTables whose message starts with {@code UsageFault:}
 * (SIA 2.0 section 3.2), status 400.
 */
public class SiaServlet extends DaliServlet {

    /** The path of the query resource. */
    public static final String PATH = "/sia";

    private static final String ADQL_VERSION = "2.1"; // LOWER for the case-insensitive ID

    private final transient Database database;
    private final transient QueryPlanner planner;
    private final transient QueryExecutor executor;
    private final transient AccessPolicy access;
    private final transient ServiceUrls urls;
    private final transient BiFunction<String, List<ColumnInfo>, List<String>> resources;
    private final TapParameters.Limits limits;
    private final int timeoutSeconds;

    /**
     * @param database       the archive
     * @param planner        the planner TAP uses
     * @param limits         MAXREC default and limit
     * @param timeoutSeconds statement time-out, 0 for none
     * @param resources      RESOURCEs to append after the results (service base URL, columns → XML)
     * @param urls           the public base URL
     * @param access         the rows each caller may see
     */
    public SiaServlet(Database database, QueryPlanner planner, TapParameters.Limits limits, int timeoutSeconds,
                      BiFunction<String, List<ColumnInfo>, List<String>> resources, ServiceUrls urls,
                      AccessPolicy access) {
        this.database = database;
        this.planner = planner;
        this.executor = new QueryExecutor(database);
        this.limits = limits;
        this.timeoutSeconds = timeoutSeconds;
        this.resources = resources;
        this.urls = urls;
        this.access = access;
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DaliParameters raw = RequestParameters.read(req);
            SiaParameters params;
            long maxrec;
            ResultFormat format;
            try {
                params = SiaParameters.parse(raw::all);
                maxrec = raw.single("MAXREC").filter(v -> !v.isBlank())
                        .map(v -> TapParameters.parseMaxrec(v, limits)).orElse(limits.maxrecDefault());
                format = format(raw);
            } catch (SsaException e) {
                throw Fault.usage("UsageFault: " + e.getMessage(), e);
            } catch (Fault f) {
                throw f.status() == 400 && !f.getMessage().startsWith("UsageFault")
                        ? Fault.usage("UsageFault: " + f.getMessage(), f) : f;
            }
            RowFilter rows = access.rows(AuthFilter.identity(req));
            String adql = SiaQuery.adql(params);
            PlannedQuery plan = planner.plan(adql, ADQL_VERSION, database.model(), rows);
            List<String> trailing = maxrec == 0 ? List.of() : resources.apply(urls.base(req), plan.columns());
            List<ResultContext.Info> infos = List.of(new ResultContext.Info("SERVICE_PROTOCOL", "2.0", "SIA"),
                    new ResultContext.Info("QUERY", adql, "the ADQL query on ivoa.obscore this request ran"));
            QueryResponse.send(resp, executor, plan, maxrec, timeoutSeconds, format, format.mime(),
                    new ResultContext(infos, trailing));
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            ErrorBoundary.respond(resp, t);
        }
    }

    /** RESPONSEFORMAT: a VOTable serialisation (BINARY2 by default, as TAP). */
    private static ResultFormat format(DaliParameters raw) {
        String requested = raw.single("RESPONSEFORMAT").orElse("");
        return ResultFormat.forName(requested).filter(ResultFormat::isVoTable).orElseThrow(() -> Fault.usage(
                "RESPONSEFORMAT=" + requested + ": SIA responses are VOTables; use votable, votable/td, votable/b or"
                        + " votable/b2"));
    }
}
