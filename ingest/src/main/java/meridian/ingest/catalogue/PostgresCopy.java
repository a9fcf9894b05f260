package meridian.ingest.catalogue;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import meridian.sql.backend.Backend;
import meridian.sql.model.Column;
import meridian.sql.model.Table;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Converted catalogue rows streamed into a fresh, empty PostgreSQL table with
 * {@code COPY ... FROM STDIN (FORMAT csv)} (many times faster than batched INSERTs). The fields
 * are the {@link DerbyImportFile}'s ({@link ValueBinder#appendImportField}), which are valid
 * PostgreSQL CSV: NULL an empty unquoted field, text always double-quoted with inner quotes
 * doubled (so a quoted {@code \.} or an embedded newline is data), numbers in Java's
 * {@code toString} form (PostgreSQL reads {@code 1.0E10}), booleans {@code true}/{@code false},
 * timestamps {@code yyyy-mm-dd hh:mm:ss.f}. One row a line ({@code \n}). Every
 * {@value #CHUNK} rows the COPY ends and the transaction commits (the table is not published
 * until the load is complete), bounding a huge load's transaction like the batched inserts did.
 * A row PostgreSQL refuses is reported with its file and row: PostgreSQL names the line of the
 * COPY ({@code COPY t, line N}). Runs on the caller's connection, which must not auto-commit;
 * the caller commits after {@link #finish} and rolls back on failure. Not thread-safe.
 */
final class PostgresCopy implements Closeable, RowSink {

    /** Rows per COPY and commit. */
    static final int CHUNK = CatalogueLoader.COMMIT;
    /** PostgreSQL's context line of a refused row: {@code COPY <table>, line <n>[, column <c>: ...]}. */
    private static final Pattern LINE = Pattern.compile("COPY .*?, line (\\d+)");
    /** Characters buffered before they are sent. */
    private static final int SEND = 1 << 16;

    private final Connection connection;
    private final CopyManager api;
    private final String sql;
    private final StringBuilder pending = new StringBuilder(SEND + 4096);
    private final ImportLines lines = new ImportLines();
    private CopyIn copy;
    /** The global line number of the current COPY's first line. */
    private long chunkFirstLine = 1;

    PostgresCopy(Connection connection, Backend backend, Table table) throws SQLException {
        this.connection = connection;
        this.api = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder sb = new StringBuilder("COPY ").append(backend.qualified(table)).append(" (");
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            sb.append(i == 0 ? "" : ", ").append(backend.quote(c.dbName()));
        }
        this.sql = sb.append(") FROM STDIN (FORMAT csv)").toString();
    }

    /** The COPY statement. */
    String sql() {
        return sql;
    }

    @Override
    public void startFile(Path file) {
        lines.startFile(file);
    }

    @Override
    public StringBuilder field(int i) {
        if (i > 0) {
            pending.append(DerbyImportFile.COLUMN_DELIMITER);
        }
        return pending;
    }

    @Override
    public void endRow() throws CatalogueLoadException, SQLException {
        pending.append('\n');
        lines.endRow();
        if (pending.length() >= SEND) {
            send();
        }
        if (lines.lines() - chunkFirstLine + 1 >= CHUNK) {
            endCopy();
            connection.commit();
        }
    }

    /** Sends the last rows and ends the COPY; the caller commits. */
    void finish() throws CatalogueLoadException, SQLException {
        endCopy();
    }

    private void send() throws CatalogueLoadException {
        if (pending.isEmpty()) {
            return;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        try {
            if (copy == null) {
                copy = api.copyIn(sql);
            }
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    private void endCopy() throws CatalogueLoadException {
        send();
        if (copy != null) {
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw refused(e);
            } finally {
                copy = null;
            }
        }
        chunkFirstLine = lines.lines() + 1;
    }

    private CatalogueLoadException refused(SQLException e) {
        cancel();
        return lines.refused(e, LINE, chunkFirstLine, null, null, null);
    }

    private void cancel() {
        CopyIn c = copy;
        copy = null;
        if (c != null && c.isActive()) {
            try {
                c.cancelCopy();
            } catch (SQLException ignored) {
                // the COPY is over either way; the caller rolls back
            }
        }
    }

    /** Abandons an unfinished COPY (the caller rolls back). */
    @Override
    public void close() {
        cancel();
    }
}
