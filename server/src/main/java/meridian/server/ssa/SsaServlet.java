package meridian.server.ssa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import meridian.adql.RowFilter;
import meridian.datalink.ServiceDescriptors;
import meridian.datalink.SimplifiedSpectrum;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;
import meridian.server.http.RequestParameters;
import meridian.server.http.ServiceUrls;
import meridian.server.results.QueryResultTable;
import meridian.server.results.ResultContext;
import meridian.server.results.ResultReferences;
import meridian.server.results.ResultFormat;
import meridian.server.tap.PlannedQuery;
import meridian.server.tap.QueryExecutor;
import meridian.server.tap.QueryPlanner;
import meridian.sql.Database;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;
import meridian.ssa.AdqlLiterals;
import meridian.ssa.SsaException;
import meridian.ssa.SsaFields;
import meridian.ssa.SsaInputs;
import meridian.ssa.SsaParameters;
import meridian.ssa.SsaQuery;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.RowSequence;

/**
 * {@code /ssa}: SSA 1.1 queryData, GET or POST. parse ({@link SsaParameters}) → resolve
 * TARGETNAME ({@link ArchiveTargets}) → build ADQL ({@link SsaQuery}) → plan with the TAP
 * planner → open the cursor ({@link QueryExecutor}, maxrec + 1) → VOTable with the SSA utypes,
 * {@code QUERY_STATUS}, overflow after the table and {@link ResultResources} (DataLink service
 * descriptors) after the results RESOURCE. FORMAT=METADATA answers the fields and an
 * {@code INPUT:} PARAM per parameter, with no rows. Every failure before the first byte is an
 * SSA error document (400 for the client's mistakes).
 */
public class SsaServlet extends DaliServlet {

    /** ADQL version of the queries SSA builds (LOWER, COALESCE). */
    private static final String ADQL_VERSION = "2.1";

    private final transient Database database;
    private final transient QueryPlanner planner;
    private final transient AccessPolicy access;
    private final transient QueryExecutor executor;
    private final transient ArchiveTargets targets;
    private final transient ResultResources resources;
    private final transient ServiceUrls urls;
    private final SsaParameters.Limits limits;
    private final int timeoutSeconds;
    private final String publisher;

    /**
     * @param database       the archive
     * @param planner        the ADQL planner TAP uses
     * @param targets        what TARGETNAME resolves against
     * @param limits         SIZE default and MAXREC limits
     * @param timeoutSeconds statement time-out, 0 for none
     * @param resources      RESOURCEs to append to results (DataLink descriptors); {@link ResultResources#NONE}
     * @param urls           the public base URL
     * @param access         the rows each caller may see (the same filter as TAP's)
     * @param publisher      the publisher of every dataset ({@code ssa:Curation.Publisher})
     */
    public SsaServlet(Database database, QueryPlanner planner, ArchiveTargets targets, SsaParameters.Limits limits,
                      int timeoutSeconds, ResultResources resources, ServiceUrls urls, AccessPolicy access,
                      String publisher) {
        this.publisher = publisher;
        this.access = access;
        this.database = database;
        this.planner = planner;
        this.executor = new QueryExecutor(database);
        this.targets = targets;
        this.limits = limits;
        this.timeoutSeconds = timeoutSeconds;
        this.resources = resources;
        this.urls = urls;
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DaliParameters raw = RequestParameters.read(req);
            ResultFormat output = output(raw);
            SsaParameters params;
            try {
                if (SsaParameters.request(raw::single) == SsaParameters.Request.GET_DATA) {
                    throw Fault.usage("REQUEST=getData is not offered: download each spectrum from its access"
                            + " reference (ssa:Access.Reference)");
                }
                params = SsaParameters.parse(raw::single, limits);
            } catch (SsaException e) {
                throw Fault.usage(e.getMessage(), e);
            }
            boolean metadata = params.format().metadata();
            RowFilter rows = access.rows(AuthFilter.identity(req));
            Set<String> obscore = obscoreColumns();
            List<SsaFields.Field> fields = SsaFields.of(publisher, obscore);
            String adql = metadata ? SsaQuery.adql(SsaParameters.parse(none(), limits), Set.of(), obscore, fields)
                    : adql(params, rows, obscore, fields);
            PlannedQuery plan = describe(planner.plan(adql, ADQL_VERSION, database.model(), rows), fields);
            plan = new PlannedQuery(plan.sql(), plan.columns(),
                    ResultReferences.absolute(plan.columns(), plan.converters(), urls.base(req)));
            if (!metadata && params.format().simplified()) {
                plan = conversionLinks(plan, urls.base(req));
            }
            long maxrec = metadata ? 0 : params.maxrec();
            try (QueryExecutor.OpenQuery open = executor.open(plan, maxrec, timeoutSeconds)) {
                QueryResultTable table = open.table();
                table.setParameters(parameters(metadata));
                List<ColumnInfo> columns = new ArrayList<>();
                for (int i = 0; i < table.getColumnCount(); i++) {
                    columns.add(table.getColumnInfo(i));
                }
                // the DataLink descriptor hook: RESOURCEs after the results RESOURCE
                List<String> trailing = metadata ? List.of() : resources.forResult(urls.base(req), columns);
                table.prefetch(1);
                resp.setStatus(HttpServletResponse.SC_OK);
                resp.setContentType(output.mime());
                output.writer().write(table, new ResultContext(infos(params, metadata ? null : adql), trailing),
                        resp.getOutputStream());
                resp.getOutputStream().flush();
            }
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            ErrorBoundary.respond(resp, t);
        }
    }

    /** The INFOs before the table: protocol, request, RUNID and the ADQL query run (none for METADATA). */
    private static List<ResultContext.Info> infos(SsaParameters params, String adql) {
        List<ResultContext.Info> infos = new ArrayList<>();
        infos.add(new ResultContext.Info("SERVICE_PROTOCOL", "1.1", "SSAP"));
        infos.add(new ResultContext.Info("REQUEST", "queryData", null));
        params.runId().ifPresent(r -> infos.add(new ResultContext.Info("RUNID", r, null)));
        if (adql != null) {
            infos.add(new ResultContext.Info("QUERY", adql, "the ADQL query on ivoa.obscore this request ran"));
        }
        return infos;
    }

    /** RESPONSEFORMAT (DALI): any VOTable serialisation; TABLEDATA by default, which every SSA client reads. */
    private static ResultFormat output(DaliParameters raw) {
        String requested = raw.single("RESPONSEFORMAT").orElse("");
        if (requested.isBlank()) {
            return ResultFormat.VOTABLE_TABLEDATA;
        }
        return ResultFormat.forName(requested).filter(ResultFormat::isVoTable).orElseThrow(() -> Fault.usage(
                "RESPONSEFORMAT: SSA responses are VOTables; use votable, votable/td, votable/b or votable/b2"
                        + " (FORMAT selects the format of the spectra found)"));
    }

    private Set<String> obscoreColumns() {
        return database.model().table(ObscoreTable.QUALIFIED_NAME)
                .map(t -> t.columns().stream().map(Column::name).collect(Collectors.toSet())).orElse(Set.of());
    }

    private String adql(SsaParameters params, RowFilter rows, Set<String> columns, List<SsaFields.Field> fields)
            throws SQLException, IOException {
        Set<String> names = params.targetName().isPresent()
                ? visible(targets.resolver().resolve(params.targetName().get()), rows) : Set.of();
        try {
            return SsaQuery.adql(params, names, columns, fields);
        } catch (SsaException e) {
            throw Fault.usage(e.getMessage(), e);
        }
    }

    /**
     * The target names among {@code names} that spectra the caller may see have: the resolver
     * knows every name in the archive, and a name only hidden spectra have must resolve to nothing,
     * exactly like an unknown name (the QUERY INFO would show it otherwise). Asked through the
     * same planner and row filter as the query itself.
     */
    private Set<String> visible(Set<String> names, RowFilter rows) throws IOException {
        if (names.isEmpty()) {
            return names;
        }
        String adql = "SELECT DISTINCT target_name FROM ivoa.obscore WHERE dataproduct_type = 'spectrum'"
                + " AND target_name IN (" + names.stream().map(AdqlLiterals::string).collect(Collectors.joining(", "))
                + ")";
        Set<String> out = new TreeSet<>();
        PlannedQuery plan = planner.plan(adql, ADQL_VERSION, database.model(), rows);
        try (QueryExecutor.OpenQuery open = executor.open(plan, names.size(), timeoutSeconds);
             RowSequence seq = open.table().getRowSequence()) {
            while (seq.next()) {
                out.add((String) seq.getCell(0));
            }
        }
        return out;
    }

    /** The planned columns with the SSA names, utypes, UCDs, units and descriptions. */
    private static PlannedQuery describe(PlannedQuery plan, List<SsaFields.Field> fields) {
        List<ColumnInfo> infos = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            SsaFields.Field f = fields.get(i);
            ColumnInfo c = new ColumnInfo(plan.columns().get(i));
            c.setName(f.name());
            c.setUtype(f.utype());
            c.setUCD(f.ucd());
            c.setUnitString(f.unit());
            c.setDescription(f.description());
            infos.add(c);
        }
        return new PlannedQuery(plan.sql(), infos, plan.converters());
    }

    /**
     * The plan with its access references turned from publisher DIDs (what {@link SsaQuery} selects
     * for FORMAT=simplified) into the SODA URLs serving each spectrum as a simplified 1D FITS file.
     */
    private static PlannedQuery conversionLinks(PlannedQuery plan, String base) {
        List<Function<Object, Object>> converters = new ArrayList<>(plan.converters());
        for (int i = 0; i < plan.columns().size(); i++) {
            if (SsaQuery.ACCESS_REFERENCE.equals(plan.columns().get(i).getName())) {
                Function<Object, Object> did = converters.get(i);
                String prefix = base + ServiceDescriptors.SODA_PATH + "?RESPONSEFORMAT="
                        + URLEncoder.encode(SimplifiedSpectrum.MIME, StandardCharsets.UTF_8) + "&ID=";
                converters.set(i, did.andThen(v -> v == null ? null
                        : prefix + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8)));
            }
        }
        return new PlannedQuery(plan.sql(), plan.columns(), converters);
    }

    /**
     * The PARAMs of the result table: for FORMAT=METADATA one {@code INPUT:NAME} PARAM per input
     * parameter (empty value: no default is forced), beside the same FIELDs as a query's.
     */
    private List<DescribedValue> parameters(boolean metadata) {
        List<DescribedValue> out = new ArrayList<>();
        if (!metadata) {
            return out;
        }
        for (SsaInputs.Input in : SsaInputs.all(limits)) {
            ColumnInfo info = new ColumnInfo("INPUT:" + in.name(), String.class, in.description());
            info.setUnitString(in.unit());
            info.setUCD(in.ucd());
            out.add(new DescribedValue(info, ""));
        }
        return out;
    }

    /** A request without parameters (the metadata query has no constraints). */
    private static Function<String, java.util.Optional<String>> none() {
        return n -> java.util.Optional.empty();
    }
}
