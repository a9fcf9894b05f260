package meridian.sql.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;
import meridian.sql.model.Table;

/**
 * PostgreSQL 15 with pgSphere. Text of unbounded arraysize becomes {@code TEXT}; {@code timestamp}
 * xtypes become {@code TIMESTAMP}; geometry values are STC-S text, as on Derby, so results are
 * the same on both backends. Every identifier is quoted.
 *
 * <p>A table with a {@link Table#position()} gets a pgSphere GiST index on the expression
 * {@value #POSITION_FUNCTION}{@code (ra, dec)}; the ADQL translator's cone and region
 * pre-filters use the same expression, so PostgreSQL answers them from the index. The only
 * hidden column is {@code ivoa.obscore}'s {@link ObscoreTable#GROUPS} (each product's own groups),
 * which the ADQL translator never names, so {@code SELECT *} and TAP_SCHEMA are the model's.
 *
 * <p>{@link #prepare} needs pgSphere in the database. It creates the extension when it is missing
 * (superuser only); when that fails it says why and how to fix it, including the known defect of
 * Debian bookworm's {@code postgresql-15-pgsphere} (see {@code scripts/pgsphere-fix}). Then it
 * installs Meridian's functions ({@code postgresql-functions.sql}: the same functions, by name
 * and result, as Derby's Java functions). Stateless and thread-safe.
 */
public class PostgresBackend implements Backend {

    /** The SQL function giving a row's indexed position (a pgSphere {@code spoint}). */
    public static final String POSITION_FUNCTION = "\"MERIDIAN\".\"POS\"";

    private static final String FUNCTIONS = "postgresql-functions.sql";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String sqlType(Column c) {
        return Backend.columnType(c, "DOUBLE PRECISION", "TEXT");
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

    /**
     * The memory each index build may sort in ({@code maintenance_work_mem}, PostgreSQL's default
     * 64MB): set for the index-building transaction only.
     */
    public static final String INDEX_BUILD_MEMORY = "256MB";

    /**
     * {@inheritDoc} Run them in one transaction: the first sets {@code maintenance_work_mem}
     * ({@value #INDEX_BUILD_MEMORY}) for that transaction only.
     */
    @Override
    public List<String> createIndexes(Table table) {
        List<String> out = new ArrayList<>();
        out.add("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
        if (!table.primaryKey().isEmpty()) {
            out.add(addPrimaryKey(table));
        }
        out.addAll(secondaryIndexes(table));
        out.add("ANALYZE " + qualified(table));
        return out;
    }

    @Override
    public String largeTextType() {
        return "TEXT";
    }

    private String tableDdl(Table table, boolean withKey) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(qualified(table)).append(" (");
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            sb.append(i > 0 ? ", " : "").append(quote(c.dbName())).append(' ').append(sqlType(c));
            boolean key = table.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            if (!c.nullable() || (key && !withKey)) {
                sb.append(" NOT NULL");
            }
        }
        for (Column hidden : ObscoreTable.hiddenColumns(table)) {
            sb.append(", ").append(quote(hidden.name())).append(' ').append(sqlType(hidden));
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
                out.add("CREATE INDEX " + quote(DerbyBackend.indexName(table, n++)) + " ON " + qualified(table)
                        + " (" + quote(c.dbName()) + ")");
            }
        }
        if (table.position() != null) {
            String ra = table.column(table.position().raColumn()).orElseThrow().dbName();
            String dec = table.column(table.position().decColumn()).orElseThrow().dbName();
            out.add("CREATE INDEX " + quote(DerbyBackend.indexName(table, n)) + " ON " + qualified(table)
                    + " USING GIST (" + positionExpression(quote(ra), quote(dec)) + ")");
        }
        return out;
    }

    /** The indexed position expression over the given (quoted, possibly qualified) columns. */
    public static String positionExpression(String ra, String dec) {
        return POSITION_FUNCTION + "(" + ra + ", " + dec + ")";
    }

    @Override
    public void ensureSchema(Connection connection, String schema) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
    }

    @Override
    public boolean tableExists(Connection connection, Table table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.storedName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        PgSphere.ensure(connection);
        try (Statement st = connection.createStatement()) {
            st.execute(functionsSql());
        }
    }

    private static String functionsSql() {
        try (InputStream in = PostgresBackend.class.getResourceAsStream(FUNCTIONS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + FUNCTIONS + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FUNCTIONS, e);
        }
    }

    /** Finding or creating pgSphere, with messages an operator can act on. */
    static final class PgSphere {

        /** The defect of pgSphere 1.2.0's script on PostgreSQL 15 (Debian bookworm). */
        static final String COMMUTATOR_DEFECT = "is already the commutator of operator";

        private PgSphere() {
        }

        static void ensure(Connection c) throws SQLException {
            if (installed(c)) {
                return;
            }
            Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
            try (Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_sphere");
            } catch (SQLException e) {
                if (sp != null) {
                    c.rollback(sp);
                }
                throw new SQLException(explain(c, e), e.getSQLState(), e);
            }
        }

        /** True when pgSphere's types are in the database (as an extension or loaded from its script). */
        static boolean installed(Connection c) throws SQLException {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regtype('spoint') IS NOT NULL")) {
                return rs.next() && rs.getBoolean(1);
            }
        }

        private static String explain(Connection c, SQLException e) throws SQLException {
            String db = c.getCatalog();
            String msg = e.getMessage() == null ? "" : e.getMessage();
            String why;
            if (msg.contains(COMMUTATOR_DEFECT)) {
                why = "the installed pgSphere extension script does not load on this PostgreSQL version (a known"
                        + " defect of pgSphere 1.2.0 as packaged in Debian bookworm's postgresql-15-pgsphere: two"
                        + " backwards-compatibility operators '@' on smoc claim a commutator that is already taken)."
                        + " Fix it with Meridian's script: either patch the installed extension script once, as"
                        + " root, with 'scripts/pgsphere-fix patch' and then run CREATE EXTENSION pg_sphere, or load"
                        + " a fixed copy into this database only with 'scripts/pgsphere-fix sql | psql -d " + db
                        + "' (see README, PostgreSQL).";
            } else if ("42501".equals(e.getSQLState())) {
                why = "the database user may not create extensions; ask a superuser to run"
                        + " 'CREATE EXTENSION pg_sphere;' in database " + db + ".";
            } else if ("58P01".equals(e.getSQLState()) || msg.contains("could not open extension control file")) {
                why = "pgSphere is not installed on the database server (Debian: apt-get install"
                        + " postgresql-15-pgsphere).";
            } else {
                why = "see the database's message.";
            }
            return "PostgreSQL database " + db + " has no pgSphere and CREATE EXTENSION pg_sphere failed: " + msg
                    + ". Meridian needs pgSphere for ADQL geometry and positional indexes: " + why;
        }
    }
}
