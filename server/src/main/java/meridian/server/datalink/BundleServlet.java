package meridian.server.datalink;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.ArrayList;
import java.util.Map;
import meridian.datalink.Bundles;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.auth.Identity;
import meridian.datalink.ServiceDescriptors;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.Fault;
import meridian.server.http.RequestParameters;
import meridian.server.results.QueryResultTable;
import meridian.server.tap.Cancellation;
import meridian.server.tap.RunningQuery;
import meridian.server.tap.TapParameters;
import meridian.server.tap.TapQueryRunner;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * {@code /bundle}: the files of the products named by repeated {@code ID}s (or by the
 * identifier column of an ADQL {@code QUERY}'s result), optionally only
 * the {@code CATEGORY} prefixes given (SCIENCE, ANCILLARY.PREVIEW...), as one streamed
 * {@code RESPONSEFORMAT=tar} (default), {@code tar.gz} or {@code zip}, MANIFEST.txt first.
 * The caps ({@code datalink.bundle_*}) are checked before anything is sent.
 */
public class BundleServlet extends DaliServlet {

    private final transient Bundles bundles;
    private final transient TapQueryRunner queries;
    private final int queryTimeoutSeconds;
    private final transient AccessPolicy access;

    /**
     * @param queries             runs the ADQL of {@code QUERY} requests
     * @param queryTimeoutSeconds their time limit ({@code tap.sync_timeout_seconds})
     * @param access              what each caller may see and read (QUERY sees the same rows as TAP)
     */
    public BundleServlet(Bundles bundles, TapQueryRunner queries, int queryTimeoutSeconds, AccessPolicy access) {
        this.access = access;
        this.bundles = bundles;
        this.queries = queries;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DaliParameters params = RequestParameters.read(req);
            Identity who = AuthFilter.identity(req);
            List<String> given = new ArrayList<>(params.all("ID"));
            if (params.has("QUERY")) {
                given.addAll(idsOf(params.required("QUERY"), bundles.limits().maxIds() + 1, who));
            }
            List<String> ids = List.copyOf(new LinkedHashSet<>(given));
            Set<String> categories = new LinkedHashSet<>(params.all("CATEGORY"));
            Bundles.Format format = Bundles.Format.parse(params.single("RESPONSEFORMAT").orElse(null));
            List<Bundles.Entry> entries = bundles.as(access.products(who)).plan(ids, categories);
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType(format.mime());
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + Bundles.fileName(ids, format) + "\"");
            OutputStream out = resp.getOutputStream();
            Bundles.write(entries, format, out);
        } catch (IOException | RuntimeException e) {
            DatalinkFaults.respond(resp, e);
        }
    }

    /** The values of the product identifier column of an ADQL query's first {@code max} rows. */
    private List<String> idsOf(String adql, int max, Identity who) throws IOException {
        TapParameters tap = TapParameters.parse(DaliParameters.of(Map.of("LANG", List.of("ADQL"),
                "QUERY", List.of(adql), "MAXREC", List.of(Integer.toString(max)))),
                new TapParameters.Limits(max, max));
        try (RunningQuery q = queries.open(tap, name -> null, queryTimeoutSeconds, new Cancellation(), null,
                access.rows(who))) {
            QueryResultTable t = q.table();
            int col = -1;
            for (int i = 0; i < t.getColumnCount() && col < 0; i++) {
                ColumnInfo c = t.getColumnInfo(i);
                if (ServiceDescriptors.isIdentifierColumn(c.getName(), c.getUCD(), c.getUtype())) {
                    col = i;
                }
            }
            if (col < 0) {
                throw Fault.usage("the QUERY result has no product identifier column: select obs_publisher_did"
                        + " (ivoa.obscore) or product_id (product_files)");
            }
            List<String> out = new ArrayList<>();
            try (RowSequence rows = t.getRowSequence()) {
                while (rows.next()) {
                    Object v = rows.getCell(col);
                    if (v != null) {
                        out.add(v.toString());
                    }
                }
            }
            if (t.overflowed()) {
                throw Fault.tooLarge("the QUERY selects more than " + (max - 1) + " products; a bundle takes at most "
                        + (max - 1) + " (datalink.bundle_max_ids)");
            }
            return out;
        }
    }
}
