package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cone searches on a restricted ObsCore (a metadata-proprietary collection hides rows) keep
 * PostgreSQL's pgSphere GiST index: the plan of the restricted query scans the index, and the
 * query finds exactly the visible rows of the unrestricted one. Runs under
 * {@code MERIDIAN_TEST_DB=postgresql} only (Derby's sky-cell pre-filter is tested by
 * {@link SpatialIndexTest}).
 */
class RestrictedConeIndexTest {

    /** Rows added to the archive's few, so that the planner prefers the index to a scan. */
    private static final int ROWS = 50_000;

    /** As {@code AccessPolicy} writes it: collection {@code secret} is hidden unless released. */
    private static final RowFilter HIDE_SECRET = (schema, table, row) -> schema.equals("ivoa")
            && table.equals("obscore") ? Optional.of("(" + row + ".\"obs_collection\" IS NULL OR " + row
            + ".\"obs_collection\" NOT IN ('secret') OR (COALESCE(" + row + ".\"data_rights\", 'public') <> 'secure'"
            + " AND (" + row + ".\"obs_release_date\" <= CURRENT_TIMESTAMP OR (" + row + ".\"obs_release_date\" IS NULL"
            + " AND COALESCE(" + row + ".\"data_rights\", 'public') = 'public'))))") : Optional.empty();

    /** How EXPLAIN shows a (bitmap or plain) scan of the GiST index on the position expression. */
    private static final String INDEX_CONDITION = "Index Cond: (\"MERIDIAN\".\"POS\"(s_ra, s_dec) <@ ";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static Set<String> secret;

    @BeforeAll
    static void fill() throws SQLException {
        Assumptions.assumeTrue("postgresql".equals(System.getenv("MERIDIAN_TEST_DB")),
                "the pgSphere index plan needs MERIDIAN_TEST_DB=postgresql");
        archive = new TestArchive(dir);
        try (Connection c = archive.db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO \"ivoa\".\"obscore\" (\"obs_id\", \"obs_publisher_did\", \"obs_collection\","
                    + " \"data_rights\", \"obs_release_date\", \"calib_level\", \"dataproduct_type\", \"s_ra\", \"s_dec\")"
                    + " SELECT 'g' || i, 'ivo://test/g?' || i, CASE WHEN MD5(i || '') < '8' THEN 'secret' ELSE 'open' END,"
                    + " 'proprietary', TIMESTAMP '2999-01-01 00:00:00', 2, 'image', (i * 7.77) - 360 * FLOOR(i * 7.77 / 360),"
                    + " DEGREES(ASIN(2 * ((i * 0.6180339887) - FLOOR(i * 0.6180339887)) - 1))"
                    + " FROM GENERATE_SERIES(1, " + ROWS + ") AS i");
            st.execute("ANALYZE \"ivoa\".\"obscore\"");
        }
        secret = ids("SELECT \"obs_id\" FROM \"ivoa\".\"obscore\" WHERE \"obs_collection\" = 'secret'");
    }

    @AfterAll
    static void close() {
        if (archive != null) {
            archive.close();
        }
    }

    private static String sql(String adql, RowFilter rows) throws AdqlException {
        return archive.translator.translate(adql, AdqlVersion.V2_1, archive.model, rows).sql();
    }

    private static Set<String> ids(String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = archive.db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String plan(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = archive.db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 10, 20, 1.5))",
        "SELECT o.obs_id FROM ivoa.obscore AS o WHERE DISTANCE(POINT(o.s_ra, o.s_dec), POINT(200, -30)) < 1.5",
        "SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), CIRCLE(120, 60, 2)) = 1 AND calib_level = 2",
    })
    void restrictedConesUseTheGistIndex(String adql) throws Exception {
        String open = plan(sql(adql, RowFilter.NONE));
        assertTrue(open.contains(INDEX_CONDITION), "the unrestricted query uses the index:\n" + open);
        String restricted = sql(adql, HIDE_SECRET);
        String plan = plan(restricted);
        assertTrue(plan.contains(INDEX_CONDITION), "the pgSphere index, not a scan:\n" + plan + "\n" + restricted);
        assertFalse(plan.contains("Seq Scan on obscore"), plan);

        Set<String> all = ids(sql(adql, RowFilter.NONE));
        Set<String> visible = new TreeSet<>(all);
        visible.removeAll(secret);
        assertTrue(!visible.isEmpty() && visible.size() < all.size(), "the cone holds visible and hidden rows: " + all);
        assertEquals(visible, ids(restricted));
    }
}
