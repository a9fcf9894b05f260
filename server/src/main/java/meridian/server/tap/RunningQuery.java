package meridian.server.tap;

import java.io.IOException;
import java.io.OutputStream;
import meridian.server.results.QueryResultTable;
import meridian.server.results.ResultContext;
import meridian.server.upload.LoadedUploads;

/**
 * An open TAP query: the cursor, the upload tables it reads and what the result document says
 * besides the rows. Read it once ({@link #write} or {@link #table()}), then close it. Not
 * thread-safe.
 */
public final class RunningQuery implements AutoCloseable {

    private final TapParameters params;
    private final QueryExecutor.OpenQuery open;
    private final LoadedUploads uploads;
    private final ResultContext context;

    RunningQuery(TapParameters params, QueryExecutor.OpenQuery open, LoadedUploads uploads, ResultContext context) {
        this.params = params;
        this.open = open;
        this.uploads = uploads;
        this.context = context;
    }

    public TapParameters params() {
        return params;
    }

    public QueryResultTable table() {
        return open.table();
    }

    /** Writes the result in the requested format; {@code out} is flushed, not closed. */
    public void write(OutputStream out) throws IOException {
        params.format().writer().write(open.table(), context, out);
        out.flush();
    }

    /** Closes the cursor and drops the upload tables. */
    @Override
    public void close() {
        try {
            open.close();
        } finally {
            uploads.close();
        }
    }
}
