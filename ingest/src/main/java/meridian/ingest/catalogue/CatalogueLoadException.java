package meridian.ingest.catalogue;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A catalogue that cannot be loaded because of its data: a value that does not fit its column,
 * a column missing from a file, a duplicate primary key. The message names the file, the row
 * (1-based data row, 0 for the header) and the column. Nothing published changes.
 */
public class CatalogueLoadException extends IOException {

    private final transient Path file;
    private final long row;
    private final String column;

    public CatalogueLoadException(Path file, long row, String column, String reason) {
        this(file, row, column, reason, null);
    }

    public CatalogueLoadException(Path file, long row, String column, String reason, Throwable cause) {
        super(file + (row > 0 ? ": row " + row : "") + (column == null ? "" : ", column " + column) + ": " + reason,
                cause);
        this.file = file;
        this.row = row;
        this.column = column;
    }

    /** The source file. */
    public Path file() {
        return file;
    }

    /** The 1-based data row, or 0 when the problem is not in one row. */
    public long row() {
        return row;
    }

    /** The column (as the file names it), or null. */
    public String column() {
        return column;
    }
}
