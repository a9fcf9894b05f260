package meridian.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.server.http.Fault;
import meridian.server.tap.PlannedQuery;
import meridian.server.tap.QueryPlanner;
import meridian.sql.Database;
import meridian.adql.RowFilter;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;
import uk.ac.starlink.table.ColumnInfo;

/**
 * A planner for the async and upload tests: a few fixed ADQL queries with their Derby SQL, so
 * those tests do not depend on the translator. Queries marked slow always come from here (they
 * call a sleeping test function per row); the others go to the archive's planner first and
 * fall back to the table here while the translator has not landed. In the SQL,
 * {@code {TAP_UPLOAD.name}} stands for the upload table's database name, looked up in the model
 * the planner is given — as the translator must do.
 */
public final class TestPlanner implements QueryPlanner {

    /** {@code SLOW(n)}: 40 rows, each taking n ms. */
    static String slow(int millisPerRow) {
        return "SELECT obs_id FROM ivoa.obscore -- slow " + millisPerRow;
    }

    /**
     * A query that keeps a core busy until it is stopped: a three-way cross join of
     * {@link #installBig} rows whose condition no row meets (Derby runs it as nested loops).
     */
    static final String BURN = "SELECT obs_id FROM ivoa.obscore -- burn";
    static final String BURN_TABLE = "meridian_test_big";
    /** Nine million rows of the same table joined with itself: a long stream to read. */
    static final String MANY_ROWS = "SELECT obs_id FROM ivoa.obscore -- many rows";

    static final String COUNT = "SELECT COUNT(*) AS n FROM ivoa.obscore";
    static final String TOP3 = "SELECT TOP 3 obs_id, s_ra FROM ivoa.obscore ORDER BY obs_id";
    static final String UPLOAD_ALL = "SELECT * FROM TAP_UPLOAD.pos";
    static final String CROSSMATCH = "SELECT u.id, o.obs_id FROM TAP_UPLOAD.pos AS u JOIN ivoa.obscore AS o"
            + " ON DISTANCE(POINT('ICRS', u.ra, u.dec), POINT('ICRS', o.s_ra, o.s_dec)) < 0.01 ORDER BY u.id";
    static final String TWO_UPLOADS = "SELECT a.id, b.id AS other FROM TAP_UPLOAD.pos AS a JOIN TAP_UPLOAD.more AS b"
            + " ON a.id = b.id";

    private static final Pattern SLOW = Pattern.compile("SELECT obs_id FROM ivoa.obscore -- slow ([0-9]+)");
    private static final Pattern UPLOAD_REF = Pattern.compile("\\{TAP_UPLOAD\\.([A-Za-z0-9_]+)}");

    private final QueryPlanner real;
    private final Database database;
    private final Map<String, String> golden = new LinkedHashMap<>();

    private TestPlanner(QueryPlanner real, Database database) {
        this.real = real;
        this.database = database;
        golden.put(COUNT, "SELECT COUNT(*) AS \"n\" FROM \"ivoa\".\"obscore\"");
        golden.put(TOP3, "SELECT \"obs_id\", \"s_ra\" FROM \"ivoa\".\"obscore\" ORDER BY \"obs_id\""
                + " FETCH FIRST 3 ROWS ONLY");
        golden.put(UPLOAD_ALL, "SELECT * FROM {TAP_UPLOAD.pos}");
        golden.put(CROSSMATCH, "SELECT u.\"id\" AS \"id\", o.\"obs_id\" AS \"obs_id\" FROM {TAP_UPLOAD.pos} u"
                + " JOIN \"ivoa\".\"obscore\" o ON SIN(RADIANS(u.\"dec\")) * SIN(RADIANS(o.\"s_dec\"))"
                + " + COS(RADIANS(u.\"dec\")) * COS(RADIANS(o.\"s_dec\")) * COS(RADIANS(u.\"ra\" - o.\"s_ra\"))"
                + " > COS(RADIANS(0.01)) ORDER BY u.\"id\"");
        golden.put(TWO_UPLOADS, "SELECT a.\"id\" AS \"id\", b.\"id\" AS \"other\" FROM {TAP_UPLOAD.pos} a"
                + " JOIN {TAP_UPLOAD.more} b ON a.\"id\" = b.\"id\"");
    }

    /** Installs {@code APP.MERIDIAN_TEST_SLEEP(ms)} (idempotent): Java on Derby, pg_sleep on PostgreSQL. */
    static void installSleep(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            if ("postgresql".equals(db.backend().name())) {
                st.execute("CREATE SCHEMA IF NOT EXISTS app");
                st.execute("CREATE OR REPLACE FUNCTION app.meridian_test_sleep(ms integer) RETURNS integer"
                        + " LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM pg_sleep(ms / 1000.0); RETURN 0; END $$");
                return;
            }
            try {
                st.execute("CREATE FUNCTION APP.MERIDIAN_TEST_SLEEP(MS INT) RETURNS INT PARAMETER STYLE JAVA"
                        + " NO SQL LANGUAGE JAVA EXTERNAL NAME 'meridian.server.TestPlanner.sleep'");
            } catch (SQLException e) {
                if (!"X0Y68".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** The sleeping function (called by Derby). */
    public static int sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Wraps the archive's planner and installs the sleeping function; for {@link TestService#start}. */
    static QueryPlanner around(QueryPlanner real, Database database) {
        try {
            installSleep(database);
            installBig(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the test function", e);
        }
        return new TestPlanner(real, database);
    }

    /** Creates {@code app.meridian_test_big} with 3,000 rows (idempotent). */
    static void installBig(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("CREATE TABLE app." + BURN_TABLE + " (x INT, y DOUBLE PRECISION)");
            } catch (SQLException exists) {
                c.rollback();
                return;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO app." + BURN_TABLE + " VALUES (?, ?)")) {
                for (int i = 0; i < 3000; i++) {
                    insert.setInt(1, i);
                    insert.setDouble(2, i * 0.5);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    @Override
    public PlannedQuery plan(String adql, String version, MetadataModel model, RowFilter rows) {
        if (adql.trim().equals(BURN)) {
            return build("SELECT a.x FROM app." + BURN_TABLE + " a, app." + BURN_TABLE + " b, app." + BURN_TABLE
                    + " c WHERE a.y + b.y + c.y < -1", model);
        }
        if (adql.trim().equals(MANY_ROWS)) {
            return build("SELECT a.x, b.y FROM app." + BURN_TABLE + " a, app." + BURN_TABLE + " b", model);
        }
        Matcher slow = SLOW.matcher(adql.trim());
        if (slow.matches()) {
            return build("SELECT \"obs_id\" FROM \"ivoa\".\"obscore\" WHERE APP.MERIDIAN_TEST_SLEEP("
                    + slow.group(1) + ") = 0", model);
        }
        try {
            return real.plan(adql, version, model, rows);
        } catch (UnsupportedOperationException notYet) {
            String sql = golden.get(adql.trim());
            if (sql == null) {
                throw Fault.usage("the test planner does not know the query " + adql);
            }
            return build(sql, model);
        }
    }

    private PlannedQuery build(String template, MetadataModel model) {
        Matcher m = UPLOAD_REF.matcher(template);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            Table t = model.table("TAP_UPLOAD." + m.group(1)).orElseThrow(() -> Fault.usage(
                    "table TAP_UPLOAD." + m.group(1) + " was not uploaded"));
            m.appendReplacement(sql, Matcher.quoteReplacement(database.backend().qualified(t)));
        }
        m.appendTail(sql);
        List<ColumnInfo> infos = new ArrayList<>();
        List<Function<Object, Object>> converters = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ResultSetMetaData md = ps.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                Class<?> type = switch (md.getColumnType(i)) {
                    case Types.SMALLINT -> Short.class;
                    case Types.INTEGER -> Integer.class;
                    case Types.BIGINT -> Long.class;
                    case Types.REAL -> Float.class;
                    case Types.DOUBLE, Types.FLOAT -> Double.class;
                    case Types.BOOLEAN -> Boolean.class;
                    default -> String.class;
                };
                infos.add(new ColumnInfo(md.getColumnLabel(i), type, null));
                converters.add(type == String.class ? v -> v == null ? null : v.toString() : v -> v);
            }
        } catch (SQLException e) {
            throw Fault.usage("test planner: " + e.getMessage(), e);
        }
        return new PlannedQuery(sql.toString(), infos, converters);
    }
}
