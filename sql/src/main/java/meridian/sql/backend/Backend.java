package meridian.sql.backend;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import meridian.sql.model.Column;
import meridian.sql.model.Table;

/**
 * What differs between the databases Meridian runs on, on the storage side: SQL types,
 * identifier quoting, DDL, and the functions installed in the database. (The other place
 * backend differences live is the ADQL dialect translator.) Implementations are stateless
 * and thread-safe.
 */
public interface Backend {

    /** Short name as written in {@code conf/meridian.yaml} ({@code derby}, {@code postgresql}). */
    String name();

    /** Quotes an identifier so that case and reserved words survive ({@code DEC} in Derby). */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}, with the table's {@linkplain Table#storedName() stored name}. */
    default String qualified(Table table) {
        return quote(table.schema()) + "." + quote(table.storedName());
    }

    /**
     * True when {@link java.sql.Statement#cancel()} stops a running statement. When false,
     * time limits rely on the statement's query time-out and on interrupting the thread.
     */
    default boolean canCancelStatements() {
        return true;
    }

    /** The SQL type storing a column of the model. */
    String sqlType(Column column);

    /** The statements creating a table and its indexes, in order. */
    List<String> createTable(Table table);

    /** Creates a schema unless it exists. */
    void ensureSchema(Connection connection, String schema) throws SQLException;

    /** True when the table exists in the database. */
    boolean tableExists(Connection connection, Table table) throws SQLException;

    /**
     * Installs (or refreshes) what the backend needs inside the database before queries run:
     * the geometry functions on Derby, extensions on PostgreSQL. Idempotent.
     */
    void prepare(Connection connection) throws SQLException;
}
