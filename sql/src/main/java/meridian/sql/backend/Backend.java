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

    /** The quoted stored names of the primary-key columns, comma separated. */
    default String primaryKeyColumns(Table table) {
        return String.join(", ", table.primaryKey().stream()
                .map(k -> quote(table.column(k).map(Column::dbName).orElse(k))).toList());
    }

    /** The statement adding the primary key to a table loaded without it (see {@link #createIndexes}). */
    default String addPrimaryKey(Table table) {
        return "ALTER TABLE " + qualified(table) + " ADD CONSTRAINT " + quote(objectName("pk", table, "key"))
                + " PRIMARY KEY (" + primaryKeyColumns(table) + ")";
    }

    /** The SQL type storing a column of the model. */
    String sqlType(Column column);

    /**
     * The SQL type of a column in a dialect that differs from the others only in its name for an
     * 8-byte float and for text of unbounded length (also used for array columns, stored as text).
     */
    static String columnType(Column c, String doubleType, String unboundedText) {
        if ("timestamp".equals(c.xtype())) {
            return "TIMESTAMP";
        }
        if (c.isArray()) {
            return unboundedText;
        }
        return switch (c.datatype()) {
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "REAL";
            case DOUBLE -> doubleType;
            case CHAR, UNICODE_CHAR -> {
                int n = c.maxLength();
                if (c.arraysize() == null) {
                    yield "CHAR(1)";
                }
                yield n < 0 ? unboundedText : c.isVariableText() ? "VARCHAR(" + n + ")" : "CHAR(" + n + ")";
            }
        };
    }

    /** The statements creating a table and its indexes, in order. */
    List<String> createTable(Table table);

    /**
     * The statement creating a table for a bulk load: no primary key and no index (primary-key
     * columns are NOT NULL, so the key can be added later). Follow the load with
     * {@link #createIndexes}: building an index once over loaded rows is much cheaper than
     * maintaining it row by row.
     */
    List<String> createTableForLoading(Table table);

    /**
     * The statements adding the primary key and every index to a table made by
     * {@link #createTableForLoading}, to run in order (PostgreSQL's in one transaction).
     */
    List<String> createIndexes(Table table);

    /** The SQL type of unbounded text (internal use: stored definitions). */
    String largeTextType();

    /** The statement dropping a table. */
    default String dropTable(Table table) {
        return "DROP TABLE " + qualified(table);
    }

    /** A short, unique, deterministic constraint or index name (identifiers are limited to 128 characters). */
    static String objectName(String prefix, Table table, String suffix) {
        String base = (prefix + "_" + table.schema() + "_" + table.storedName()).replaceAll("[^A-Za-z0-9_]", "_");
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base + "_" + suffix;
    }

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
