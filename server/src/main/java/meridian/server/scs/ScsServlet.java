package meridian.server.scs;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import meridian.adql.RowFilter;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.ErrorDocument;
import meridian.server.http.Fault;
import meridian.server.http.MetadataResponse;
import meridian.server.http.QueryResponse;
import meridian.server.http.RequestParameters;
import meridian.server.http.ServiceUrls;
import meridian.server.results.ResultContext;
import meridian.server.results.ResultFormat;
import meridian.server.tap.PlannedQuery;
import meridian.server.tap.QueryExecutor;
import meridian.server.tap.QueryPlanner;
import meridian.server.vosi.AvailabilityServlet;
import meridian.server.vosi.CapabilitiesDocument;
import meridian.sql.Database;
import uk.ac.starlink.table.ColumnInfo;

/**
 * {@code /scs/<schema>.<table>}: Simple Cone Search 1.03 on every table {@link ConeTable} serves,
 * looked up in the current model on each request (a catalogue published while the server runs
 * has its cone search at once), with {@code /capabilities} and {@code /availability} beneath.
 * parse ({@link ScsParameters}) → ADQL from checked numbers and model names ({@link ScsQuery}) →
 * the TAP planner with the caller's row filter → {@link QueryExecutor} (maxrec + 1) → VOTable,
 * {@code QUERY_STATUS=OVERFLOW} after a truncated table, DataLink service descriptors when the
 * product identifier is among the columns.
 *
 * <p>The three columns SCS 1.03 requires carry exactly its UCDs: {@code ID_MAIN} on the
 * identifier (written as text, as SCS wants a character identifier), {@code POS_EQ_RA_MAIN} and
 * {@code POS_EQ_DEC_MAIN} on the position (the form pyvo's {@code SCSRecord} and SCS 1.03 clients
 * read); no other column has them. Errors are VOTables with an {@code INFO name="Error"} (SCS) and
 * {@code QUERY_STATUS=ERROR} (DALI) in the results RESOURCE, sent with HTTP 200 for the client's
 * mistakes, as SCS 1.03 clients expect; an unknown table is a 404 with the same document.
 */
public class ScsServlet extends DaliServlet {

    /** Where cone searches hang: {@code /scs/<schema>.<table>}. */
    public static final String PATH = "/scs";

    /** The MIME type SCS 1.03 asks for. */
    static final String SCS_MIME = "text/xml;content=x-votable";

    private static final String ADQL_VERSION = "2.0";

    private final transient Database database;
    private final transient QueryPlanner planner;
    private final transient QueryExecutor executor;
    private final transient AccessPolicy access;
    private final transient ServiceUrls urls;
    private final transient BiFunction<String, List<ColumnInfo>, List<String>> resources;
    private final transient AvailabilityServlet availability;
    private final ScsParameters.Limits limits;
    private final int timeoutSeconds;
    private final long started = System.currentTimeMillis();

    /**
     * @param database       the archive (its current model names the tables)
     * @param planner        the planner TAP uses
     * @param limits         largest SR and MAXREC
     * @param timeoutSeconds statement time-out, 0 for none
     * @param resources      RESOURCEs to append after the results (service base URL, columns → XML)
     * @param urls           the public base URL
     * @param access         the rows each caller may see (the same filter as TAP's)
     */
    public ScsServlet(Database database, QueryPlanner planner, ScsParameters.Limits limits, int timeoutSeconds,
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
        this.availability = new AvailabilityServlet(database);
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/").substring(1);
        String name = path;
        String sub = "";
        int slash = path.indexOf('/');
        if (slash >= 0) {
            name = path.substring(0, slash);
            sub = path.substring(slash + 1);
        }
        try {
            Optional<ConeTable> cone = ConeTable.named(database.model(), name);
            if (cone.isEmpty()) {
                throw Fault.notFound((name.isEmpty() ? "no table named" : "no cone search on '" + name + "'")
                        + "; cone searches: " + ConeTable.all(database.model()).map(c -> PATH + "/" + c.name())
                        .collect(Collectors.joining(", ")));
            }
            String serviceUrl = urls.base(req) + PATH + "/" + cone.get().name();
            switch (sub) {
                case "" -> query(req, resp, cone.get());
                case "capabilities" -> MetadataResponse.send(req, resp, "text/xml;charset=UTF-8", CapabilitiesDocument
                        .of(new ScsCapabilities(cone.get().name(), limits), serviceUrl), started);
                case "availability" -> availability.service(req, resp);
                default -> throw Fault.notFound("no resource '" + sub + "' under " + PATH + "/" + cone.get().name()
                        + " (the cone search, capabilities, availability)");
            }
        } catch (ServletException e) {
            error(resp, e);
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            error(resp, t);
        }
    }

    private void query(HttpServletRequest req, HttpServletResponse resp, ConeTable cone) throws IOException {
        DaliParameters raw = RequestParameters.read(req);
        ScsParameters params = ScsParameters.parse(raw::single, limits);
        RowFilter rows = access.rows(AuthFilter.identity(req));
        String adql = ScsQuery.adql(cone, params);
        PlannedQuery plan = scsColumns(planner.plan(adql, ADQL_VERSION, database.model(), rows), cone, params.verb());
        List<String> trailing = params.maxrec() == 0 ? List.of() : resources.apply(urls.base(req), plan.columns());
        ResultFormat format = params.format();
        List<ResultContext.Info> infos = List.of(new ResultContext.Info("SERVICE_PROTOCOL", "1.03", "SCS"),
                new ResultContext.Info("QUERY", adql, "the ADQL query on " + cone.name() + " this request ran"));
        QueryResponse.send(resp, executor, plan, params.maxrec(), timeoutSeconds, format,
                format == ResultFormat.VOTABLE_TABLEDATA ? SCS_MIME : format.mime(), new ResultContext(infos, trailing));
    }

    /**
     * The planned columns with the SCS UCDs on the identifier and position (in the order of
     * {@link ConeTable#columns}) and the identifier as text.
     */
    static PlannedQuery scsColumns(PlannedQuery plan, ConeTable cone, int verb) {
        List<ColumnInfo> infos = new ArrayList<>();
        List<Function<Object, Object>> converters = new ArrayList<>(plan.converters());
        var columns = cone.columns(verb);
        for (int i = 0; i < plan.columns().size(); i++) {
            ColumnInfo c = new ColumnInfo(plan.columns().get(i));
            var column = columns.get(i);
            if (column == cone.id()) {
                c.setUCD("ID_MAIN");
                if (c.getContentClass() != String.class) {
                    Function<Object, Object> original = converters.get(i);
                    converters.set(i, v -> {
                        Object o = original.apply(v);
                        return o == null ? null : o.toString();
                    });
                    c.setContentClass(String.class);
                    c.setElementSize(-1);
                    c.setShape(new int[] {-1});
                }
            } else if (column == cone.ra()) {
                c.setUCD("POS_EQ_RA_MAIN");
            } else if (column == cone.dec()) {
                c.setUCD("POS_EQ_DEC_MAIN");
            } else if (isScsUcd(c.getUCD())) {
                c.setUCD(null);
            }
            infos.add(c);
        }
        return new PlannedQuery(plan.sql(), infos, converters);
    }

    private static boolean isScsUcd(String ucd) {
        return ucd != null && List.of("ID_MAIN", "POS_EQ_RA_MAIN", "POS_EQ_DEC_MAIN").contains(ucd.trim());
    }

    /**
     * The SCS error document: the DALI error VOTable with an {@code INFO name="Error"} beside the
     * status, HTTP 200 for usage errors (SCS clients read the document, not the status).
     */
    private static void error(HttpServletResponse resp, Throwable t) throws IOException {
        ErrorBoundary.Outcome o = ErrorBoundary.classify(t);
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        resp.setStatus(o.status() == 400 ? 200 : o.status());
        resp.setContentType(SCS_MIME);
        resp.setCharacterEncoding("UTF-8");
        Map<String, String> infos = new LinkedHashMap<>();
        infos.put("Error", o.message());
        infos.putAll(o.infos());
        Writer w = new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        ErrorDocument.write(w, o.message(), infos);
    }
}
