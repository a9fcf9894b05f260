package meridian.ingest.catalogue;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import meridian.sql.backend.Backend;
import meridian.sql.model.Column;
import meridian.sql.model.Table;

/**
 * A temporary delimited file of converted catalogue rows, loaded into a fresh, empty Derby table
 * with {@code SYSCS_UTIL.SYSCS_IMPORT_DATA} in REPLACE mode, which Derby runs as an unlogged bulk
 * insert (many times faster than batched INSERTs). Rows are streamed to the file as they are
 * converted, so values are checked (and bad ones reported with file, row and column) before the
 * database sees anything. Format: fields separated by {@value #COLUMN_DELIMITER}, text always in
 * double quotes with inner quotes doubled, NULL an empty unquoted field, one row a line (the
 * platform's line separator, Derby's default record separator; a separator inside quoted text is
 * part of the text). The import names the published columns, so Derby still computes generated
 * columns such as the sky cell. The file is deleted on {@link #close}. Not thread-safe.
 */
final class DerbyImportFile implements Closeable, RowSink {

    static final char COLUMN_DELIMITER = ',';
    private static final String NEWLINE = System.lineSeparator();
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private final Path path;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private final ImportLines lines = new ImportLines();
    private boolean closed;

    private DerbyImportFile(Path path) throws IOException {
        this.path = path;
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** A new, empty file in {@code dir} (created if needed). */
    static DerbyImportFile create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new DerbyImportFile(Files.createTempFile(dir, "catalogue-", ".del"));
    }

    Path path() {
        return path;
    }

    /** The rows that follow come from {@code file} (for error messages). */
    @Override
    public void startFile(Path file) {
        lines.startFile(file);
    }

    /** The line being written, after the delimiter before field {@code i} (0-based). */
    @Override
    public StringBuilder field(int i) {
        if (i > 0) {
            line.append(COLUMN_DELIMITER);
        }
        return line;
    }

    /**
     * Ends the current row.
     *
     * @throws UncheckedIOException the file cannot be written (a full disk), told apart from a
     *                              source file that cannot be read
     */
    @Override
    public void endRow() {
        line.append(NEWLINE);
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the import file " + path + ": " + e.getMessage(), e);
        }
        line.setLength(0);
        lines.endRow();
    }

    /**
     * Flushes the file and imports it into {@code table}, which must be empty and have no
     * indexes yet. Runs in {@code c}'s transaction.
     *
     * @throws CatalogueLoadException the database refused a row (file and row named when Derby
     *                                says which line)
     */
    void importInto(Connection c, Backend backend, Table table) throws IOException, SQLException {
        out.close();
        closed = true;
        StringBuilder columns = new StringBuilder();
        for (Column col : table.columns()) {
            // exact names, unquoted: Derby looks each up as it is (ADQL identifiers have no commas)
            columns.append(columns.isEmpty() ? "" : ",").append(col.dbName());
        }
        try (CallableStatement cs = c.prepareCall(
                "CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(?, ?, ?, NULL, ?, ',', '\"', 'UTF-8', 1)")) {
            cs.setString(1, table.schema());
            cs.setString(2, table.storedName());
            cs.setString(3, columns.toString());
            cs.setString(4, path.toAbsolutePath().toString());
            cs.execute();
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    private CatalogueLoadException refused(SQLException e) {
        return lines.refused(e, LINE, 1, path, path.toAbsolutePath().toString(), "the import file");
    }

    /** Closes and deletes the file. */
    @Override
    public void close() throws IOException {
        try {
            if (!closed) {
                closed = true;
                out.close();
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
