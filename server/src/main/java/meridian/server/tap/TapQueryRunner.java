package meridian.server.tap;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import meridian.adql.RowFilter;
import meridian.server.results.DatalinkDescriptor;
import meridian.server.results.ResultContext;
import meridian.server.results.ResultReferences;
import meridian.server.upload.LoadedUploads;
import meridian.server.upload.UploadLoader;
import meridian.server.upload.UploadSource;
import meridian.sql.Database;

/**
 * What sync and async TAP share: load uploads → plan against the model plus TAP_UPLOAD → open
 * the cursor. The caller then decides how to write ({@link RunningQuery#write}) and closes the
 * query, which closes the cursor and drops the upload tables. Thread-safe.
 */
public final class TapQueryRunner {

    private final Database database;
    private final QueryPlanner planner;
    private final QueryExecutor executor;
    private final UploadLoader uploads;

    public TapQueryRunner(Database database, QueryPlanner planner, UploadLoader uploads) {
        this.database = database;
        this.planner = planner;
        this.executor = new QueryExecutor(database);
        this.uploads = uploads;
    }

    public UploadLoader uploads() {
        return uploads;
    }

    /**
     * Loads the uploads, plans and opens the query.
     *
     * @param params         checked TAP parameters
     * @param parts          upload parts by name (for {@code param:} uploads)
     * @param timeoutSeconds statement time-out, 0 for none
     * @param cancellation   lets another thread stop the query
     * @param serviceBase    the service's public base URL, for the DataLink service descriptor
     *                       added when the result has a product identifier column and in front of
     *                       the access references of the result ({@link ResultReferences})
     * @param rows           the rows the caller may see ({@code AccessPolicy.rows})
     * @return the open query; the caller closes it
     * @throws meridian.server.http.Fault for upload, ADQL and database errors;
     *         {@link QueryCancelledException} when cancelled
     */
    public RunningQuery open(TapParameters params, Function<String, UploadSource> parts, int timeoutSeconds,
                             Cancellation cancellation, String serviceBase, RowFilter rows) throws IOException {
        LoadedUploads loaded = uploads.load(params.uploads(), parts);
        try {
            cancellation.throwIfCancelled(null);
            PlannedQuery planned = planner.plan(params.query(), params.adqlVersion(), loaded.extend(database.model()),
                    rows);
            DatalinkDescriptor.Decorated links = DatalinkDescriptor.decorate(planned.columns(), serviceBase);
            PlannedQuery plan = new PlannedQuery(planned.sql(), links.columns(),
                    ResultReferences.absolute(links.columns(), planned.converters(), serviceBase),
                    planned.overflowHint());
            cancellation.throwIfCancelled(null);
            QueryExecutor.OpenQuery open = executor.open(plan, params.maxrec(), timeoutSeconds, cancellation);
            ResultContext context = new ResultContext(
                    List.of(new ResultContext.Info("QUERY", params.query(), null),
                            new ResultContext.Info("LANG", "ADQL-" + params.adqlVersion(), null)),
                    links.trailingXml());
            return new RunningQuery(params, open, loaded, context);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }
}
