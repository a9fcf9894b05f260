package meridian.server.results;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a query result in one output format. Implementations are stateless and thread-safe.
 * {@link #write} reads the table once and leaves {@link QueryResultTable#overflowed()} final.
 */
public interface ResultWriter {

    /**
     * Streams the table to {@code out}. The caller has already committed status and headers;
     * an exception thrown here is reported by the writer inside the document where the format
     * allows it (VOTable trailing INFO) and then rethrown.
     *
     * @param table   the result, read once
     * @param context what the document says about the query besides the rows
     * @param out     the response body; not closed here
     */
    void write(QueryResultTable table, ResultContext context, OutputStream out) throws IOException;
}
