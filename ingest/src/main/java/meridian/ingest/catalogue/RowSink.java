package meridian.ingest.catalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Where a bulk load writes converted rows as CSV text ({@link ValueBinder#appendImportField}):
 * a Derby import file or a PostgreSQL COPY. Not thread-safe.
 */
interface RowSink {

    /** The rows that follow come from {@code file} (for error messages). */
    void startFile(Path file);

    /** The row being written, after the delimiter before field {@code i} (0-based). */
    StringBuilder field(int i);

    /**
     * Ends the current row.
     *
     * @throws CatalogueLoadException the database refused a row (file and row named when it says which)
     */
    void endRow() throws IOException, SQLException;
}
