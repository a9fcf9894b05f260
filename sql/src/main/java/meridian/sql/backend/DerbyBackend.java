package meridian.sql.backend;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.geom.SkyCells;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;
import meridian.sql.model.Table;

/**
 * Apache Derby (embedded). Text of unbounded arraysize becomes {@code VARCHAR(32672)}, Derby's
 * largest; {@code timestamp} xtypes become {@code TIMESTAMP}; geometry values are STC-S text.
 * Every identifier is quoted, because Derby reserves common column names such as DEC.
 * A table with a {@link Table#position()} gets one more, hidden column: the generated sky cell
 * {@link SkyCells#COLUMN} with an index, which the ADQL translator uses to pre-filter cone and
 * region searches. It is not in the model, so neither TAP_SCHEMA nor {@code SELECT *} show it.
 * {@code ivoa.obscore} also stores {@link ObscoreTable#hiddenColumns} (each product's own groups).
 */
public class DerbyBackend implements Backend {

    /** Derby's longest VARCHAR. */
    public static final int MAX_VARCHAR = 32672;

    private final List<DerbyFunctionInstaller> installers;

    /** A backend that runs {@code installers} in {@link #prepare}. */
    public DerbyBackend(List<DerbyFunctionInstaller> installers) {
        this.installers = List.copyOf(installers);
    }

    public DerbyBackend() {
        this(List.of());
    }

    @Override
    public String name() {
        return "derby";
    }

    /** Embedded Derby does not implement {@code Statement.cancel()} (and the pool then drops the connection). */
    @Override
    public boolean canCancelStatements() {
        return false;
    }

    @Override
    public String sqlType(Column c) {
        return Backend.columnType(c, "DOUBLE", "VARCHAR(" + MAX_VARCHAR + ")");
    }

    @Override
    public List<String> createTable(Table table) {
        List<String> out = new ArrayList<>();
        out.add(tableDdl(table, true));
        out.addAll(secondaryIndexes(table));
        return out;
    }

    @Override
    public List<String> createTableForLoading(Table table) {
        return List.of(tableDdl(table, false));
    }

    @Override
    public List<String> createIndexes(Table table) {
        List<String> out = new ArrayList<>();
        if (!table.primaryKey().isEmpty()) {
            out.add(addPrimaryKey(table));
        }
        out.addAll(secondaryIndexes(table));
        return out;
    }

    @Override
    public String largeTextType() {
        return "CLOB";
    }

    private String tableDdl(Table table, boolean withKey) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(qualified(table)).append(" (");
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(c.dbName())).append(' ').append(sqlType(c));
            boolean key = table.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            if (!c.nullable() || (key && !withKey)) {
                sb.append(" NOT NULL");
            }
        }
        for (Column hidden : ObscoreTable.hiddenColumns(table)) {
            sb.append(", ").append(quote(hidden.name())).append(' ').append(sqlType(hidden));
        }
        if (table.position() != null) {
            String ra = table.column(table.position().raColumn()).orElseThrow().dbName();
            String dec = table.column(table.position().decColumn()).orElseThrow().dbName();
            sb.append(", ").append(quote(SkyCells.COLUMN)).append(" INTEGER GENERATED ALWAYS AS (")
                    .append(SkyCells.sqlExpression(quote(ra), quote(dec))).append(')');
        }
        if (withKey && !table.primaryKey().isEmpty()) {
            sb.append(", PRIMARY KEY (").append(primaryKeyColumns(table)).append(')');
        }
        return sb.append(')').toString();
    }

    private List<String> secondaryIndexes(Table table) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (Column c : table.columns()) {
            if (c.indexed() && !table.primaryKey().equals(List.of(c.name()))) {
                out.add("CREATE INDEX " + quote(indexName(table, n++)) + " ON " + qualified(table)
                        + " (" + quote(c.dbName()) + ")");
            }
        }
        if (table.position() != null) {
            // named after the stored table: the translator names the same index in its hints
            out.add("CREATE INDEX " + quote(SkyCells.indexName(table.schema(), table.storedName())) + " ON "
                    + qualified(table) + " (" + quote(SkyCells.COLUMN) + ")");
        }
        return out;
    }

    /** A short, unique, deterministic index name (Derby limits identifiers to 128 characters). */
    static String indexName(Table table, int n) {
        return Backend.objectName("ix", table, Integer.toString(n));
    }

    @Override
    public void ensureSchema(Connection connection, String schema) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getSchemas(null, schema)) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA " + quote(schema));
        }
    }

    @Override
    public boolean tableExists(Connection connection, Table table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, table.schema(), table.storedName(), null)) {
            return rs.next();
        }
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        for (DerbyFunctionInstaller installer : installers) {
            installer.install(connection, this);
        }
    }
}
