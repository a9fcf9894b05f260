package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.backend.DerbyBackend;
import meridian.sql.geom.GeometryFunctions;
import meridian.sql.geom.SkyCells;
import meridian.sql.geom.SphericalGeometry;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The positional index on 200,000 random positions: cone and region queries return exactly the
 * rows a brute-force computation finds (RA wrap and poles included), and Derby answers small
 * cones through the sky-cell index, visiting a few rows rather than the table. Asserts
 * correctness and index use, not speed.
 */
class SpatialIndexTest {

    private static final int ROWS = 200_000;

    @TempDir
    static Path dir;
    static Database db;
    static MetadataModel model;
    static double[] ra = new double[ROWS];
    static double[] dec = new double[ROWS];
    private static final int TARGETS = 40;
    static double[] targetRa = new double[TARGETS];
    static double[] targetDec = new double[TARGETS];
    final QueryTranslator translator = QueryTranslator.derby();

    @BeforeAll
    static void fill() throws SQLException {
        Table sky = new Table("cat", "sky", "table", "random positions", null, List.of(
                Column.of("id", Datatype.INT).notNull().build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").build()),
                List.of("id"), List.of(), 0, new Table.Position("ra", "dec"));
        Table targets = Table.of("cat", "targets", "an uploaded source list", List.of(
                Column.of("id", Datatype.INT).build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").build()));
        model = new MetadataModel(List.of(new Schema("cat", null, null, List.of(sky, targets), 0),
                meridian.sql.archive.TapSchemaTables.schema()));
        db = Database.open(DatabaseConfig.derby(dir.resolve("db")),
                new DerbyBackend(List.of(GeometryFunctions.derbyInstaller())), model);
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            // uniform on the sphere, plus a few rows right at the poles and at RA 0
            ra[i] = i % 10_000 == 0 ? 0 : random.nextDouble() * 360;
            dec[i] = i % 50_000 == 1 ? 90 : i % 50_000 == 2 ? -90
                    : Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
            csv.append(i).append(',').append(ra[i]).append(',').append(dec[i]).append('\n');
        }
        try {
            Path file = dir.resolve("sky.csv");
            java.nio.file.Files.writeString(file, csv);
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                // bulk import: far faster than row inserts; the sky cell is generated all the same
                st.execute("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA('cat', 'sky', 'id,ra,dec', '1,2,3', '"
                        + file.toAbsolutePath() + "', NULL, NULL, NULL, 1)");
                st.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('cat', 'sky', NULL)");
                for (int i = 0; i < TARGETS; i++) {
                    targetRa[i] = i == 0 ? 359.95 : random.nextDouble() * 360;
                    targetDec[i] = i == 1 ? 89.9 : Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
                    st.executeUpdate("INSERT INTO \"cat\".\"targets\" VALUES (" + i + ", " + targetRa[i] + ", "
                            + targetDec[i] + ")");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private Set<Integer> ids(String adql) throws Exception {
        TranslatedQuery q = translator.translate(adql, AdqlVersion.V2_1, model);
        Set<Integer> out = new TreeSet<>();
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static Set<Integer> bruteForceCone(double cra, double cdec, double r) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < ROWS; i++) {
            if (SphericalGeometry.distance(ra[i], dec[i], cra, cdec) <= r) {
                out.add(i);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "cone {0} {1} r={2}")
    @CsvSource({"10, 20, 1", "0, 0, 0.7", "359.9, -10, 0.5", "180, 89.7, 0.5", "0, -89.95, 0.2", "123, 45, 0.05",
            "200, -30, 6", "0.1, 60, 2", "45, 0, 0", "359.5, 10, 3", "0.5, -20, 4", "180, 0, 3", "90, 70, 8",
            "300, -75, 5"})
    void conesReturnExactlyTheRowsInside(double cra, double cdec, double r) throws Exception {
        Set<Integer> expected = bruteForceCone(cra, cdec, r);
        String circle = "CIRCLE('ICRS', " + cra + ", " + cdec + ", " + r + ")";
        assertEquals(expected, ids("SELECT id FROM cat.sky WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), " + circle + ")"));
        assertEquals(expected, ids("SELECT id FROM cat.sky WHERE CONTAINS(POINT(ra, dec), " + circle + ") = 1"));
        assertEquals(expected, ids("SELECT s.id FROM cat.sky AS s WHERE DISTANCE(POINT(s.ra, s.dec), POINT("
                + cra + ", " + cdec + ")) <= " + r));
        assertEquals(expected, ids("SELECT id FROM cat.sky WHERE " + r + " >= DISTANCE(" + cra + ", " + cdec
                + ", ra, dec)"));
    }

    @Test
    void boxesAndPolygonsReturnExactlyTheRowsInside() throws Exception {
        Set<Integer> box = new TreeSet<>();
        Set<Integer> polygon = new TreeSet<>();
        meridian.sql.geom.Shape b = meridian.sql.geom.Stcs.parse("Box ICRS 0.5 10 3 2");
        meridian.sql.geom.Shape p = meridian.sql.geom.Stcs.parse("Polygon ICRS 358 -1 3 -1 1 3");
        for (int i = 0; i < ROWS; i++) {
            if (SphericalGeometry.containsPoint(b, ra[i], dec[i])) {
                box.add(i);
            }
            if (SphericalGeometry.containsPoint(p, ra[i], dec[i])) {
                polygon.add(i);
            }
        }
        assertFalse(box.isEmpty());
        assertFalse(polygon.isEmpty());
        assertEquals(box, ids("SELECT id FROM cat.sky WHERE CONTAINS(POINT(ra, dec), BOX(0.5, 10, 3, 2)) = 1"));
        assertEquals(polygon, ids("SELECT id FROM cat.sky WHERE 1 = INTERSECTS(POLYGON(358, -1, 3, -1, 1, 3),"
                + " POINT(ra, dec))"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM cat.sky WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 1))",
            "SELECT id FROM cat.sky WHERE DISTANCE(POINT(ra, dec), POINT(10, 20)) < 1",
            "SELECT id FROM cat.sky WHERE CONTAINS(POINT(ra, dec), POLYGON(9, 19, 11, 19, 10, 21)) = 1"})
    void smallConesUseTheIndex(String adql) throws Exception {
        TranslatedQuery q = translator.translate(adql, AdqlVersion.V2_1, model);
        assertTrue(q.sql().contains('"' + SkyCells.COLUMN + "\" IN ("), q.sql());
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            int rows = 0;
            try (ResultSet rs = st.executeQuery(q.sql())) {
                while (rs.next()) {
                    rows++;
                }
            }
            String plan;
            try (ResultSet rs = st.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                rs.next();
                plan = rs.getString(1);
            }
            st.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
            assertTrue(plan.contains("Index Scan ResultSet for sky using index"), plan);
            assertFalse(plan.contains("Table Scan ResultSet"), plan);
            // a 1-degree cone holds ~15 of 200,000 rows; the cells around it a few dozen more
            int visited = maxRowsVisited(plan);
            assertTrue(rows > 0 && visited < 200, "visited " + visited + " rows for " + rows + " results:\n" + plan);
        }
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql}, handing each row to {@code action}; Derby's runtime statistics (the plan). */
    private static String runWithStatistics(String sql, RowAction action) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
            String plan;
            try (ResultSet rs = st.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                rs.next();
                plan = rs.getString(1);
            }
            st.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
            return plan;
        }
    }

    private static int maxRowsVisited(String plan) {
        Matcher m = Pattern.compile("(?:Number of rows visited=|Rows seen = )(\\d+)").matcher(plan);
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT t.id, s.id FROM cat.targets AS t JOIN cat.sky AS s"
                    + " ON DISTANCE(POINT(t.ra, t.dec), POINT(s.ra, s.dec)) < 0.5",
            "SELECT t.id, s.id FROM cat.targets AS t JOIN cat.sky AS s"
                    + " ON DISTANCE(POINT(t.ra, t.dec), POINT(s.ra, s.dec)) < 1800/3600.",
            "SELECT t.id, s.id FROM cat.targets AS t JOIN cat.sky AS s"
                    + " ON 1 = CONTAINS(POINT(s.ra, s.dec), CIRCLE(t.ra, t.dec, 0.5))",
            "SELECT t.id, s.id FROM cat.targets AS t, cat.sky AS s"
                    + " WHERE CONTAINS(POINT(s.ra, s.dec), CIRCLE(POINT(t.ra, t.dec), 0.5)) = 1",
            // the searched table first: written the other way round, order fixed
            "SELECT t.id, s.id FROM cat.sky AS s JOIN cat.targets AS t"
                    + " ON DISTANCE(POINT(t.ra, t.dec), POINT(s.ra, s.dec)) < 0.5",
            "SELECT t.id, s.id FROM cat.sky AS s, cat.targets AS t"
                    + " WHERE CONTAINS(POINT(s.ra, s.dec), CIRCLE(POINT(t.ra, t.dec), 0.5)) = 1"})
    void crossMatchesUseTheIndexPerTarget(String adql) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (int t = 0; t < TARGETS; t++) {
            for (int i = 0; i < ROWS; i++) {
                if (SphericalGeometry.distance(targetRa[t], targetDec[t], ra[i], dec[i]) < 0.5) {
                    expected.add(t + "-" + i);
                }
            }
        }
        TranslatedQuery q = translator.translate(adql, AdqlVersion.V2_1, model);
        assertTrue(q.sql().contains('"' + SkyCells.COLUMN + "\" BETWEEN"), q.sql());
        // the centres outside, whatever the optimizer's statistics say
        assertTrue(q.sql().contains("joinOrder=FIXED"), q.sql());
        assertTrue(q.sql().indexOf("\"targets\"") < q.sql().indexOf("\"sky\""), q.sql());
        Set<String> pairs = new TreeSet<>();
        String plan = runWithStatistics(q.sql(), rs -> pairs.add(rs.getInt(1) + "-" + rs.getInt(2)));
        assertEquals(expected, pairs);
        assertTrue(plan.contains("Index Scan ResultSet for sky using index"), plan);
        assertTrue(plan.contains("Rows seen from the left = " + TARGETS), plan);
        assertFalse(plan.contains("Table Scan ResultSet for sky"), plan);
    }

    /**
     * A self-join around a cone too wide for the cell list (3 degrees: 576 cells): no cliff at the
     * list's cap. The cone's side passes on only the rows under its RA window, not its whole Dec
     * band (a 6-degree band holds about 10,000 of the 200,000 rows; the window about 200), and
     * each of them probes the other side's cells under a 0.2-degree cone, within its RA window.
     */
    @ParameterizedTest
    @CsvSource({"180, 0, 3", "359, 30, 3", "50, -60, 5"})
    void wideConesInAJoinPassOnOnlyTheRowsUnderThem(double cra, double cdec, double r) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (int a : bruteForceCone(cra, cdec, r)) {
            for (int b = 0; b < ROWS; b++) {
                if (Math.abs(dec[a] - dec[b]) < 0.2 && SphericalGeometry.distance(ra[a], dec[a], ra[b], dec[b]) < 0.2) {
                    expected.add(a + "-" + b);
                }
            }
        }
        String adql = "SELECT a.id, b.id FROM cat.sky AS a JOIN cat.sky AS b"
                + " ON DISTANCE(POINT(a.ra, a.dec), POINT(b.ra, b.dec)) < 0.2"
                + " WHERE CONTAINS(POINT(a.ra, a.dec), CIRCLE(" + cra + ", " + cdec + ", " + r + ")) = 1";
        TranslatedQuery q = translator.translate(adql, AdqlVersion.V2_1, model);
        assertTrue(q.sql().contains("MOD("), q.sql());
        Set<String> pairs = new TreeSet<>();
        String plan = runWithStatistics(q.sql(), rs -> pairs.add(rs.getInt(1) + "-" + rs.getInt(2)));
        assertEquals(expected, pairs);
        assertFalse(plan.contains("Table Scan ResultSet"), plan);
        Matcher left = Pattern.compile("Rows seen from the left = (\\d+)").matcher(plan);
        assertTrue(left.find(), plan);
        int outer = Integer.parseInt(left.group(1));
        // the rows under the window: a few times the cone's own, far below its band's
        double band = ROWS * (Math.sin(Math.toRadians(Math.min(90, cdec + r))) - Math.sin(Math.toRadians(cdec - r))) / 2;
        assertTrue(outer < 4 * bruteForceCone(cra, cdec, r).size() + 50 && outer < band / 5,
                "rows passed on " + outer + ", band " + band + ":\n" + plan);
    }

    @Test
    void otherPredicatesOnPositionsAreNotRewritten() throws Exception {
        List<String> unchanged = new ArrayList<>();
        for (String adql : List.of(
                "SELECT id FROM cat.sky WHERE CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 1)) = 0",
                "SELECT id FROM cat.sky WHERE DISTANCE(POINT(ra, dec), POINT(10, 20)) > 1",
                "SELECT id FROM cat.sky WHERE CONTAINS(POINT(dec, ra), CIRCLE(10, 20, 1)) = 1",
                "SELECT id FROM cat.sky WHERE CONTAINS(POINT(ra, dec), CIRCLE(10, 20, ra)) = 1")) {
            String sql = translator.translate(adql, AdqlVersion.V2_1, model).sql();
            if (!sql.contains(SkyCells.COLUMN)) {
                unchanged.add(adql);
            }
        }
        assertEquals(4, unchanged.size(), unchanged.toString());
        // a circle moving with the row itself only gets a (useless but correct) Dec band
        assertEquals(bruteForceCone(10, 20, 1),
                ids("SELECT id FROM cat.sky WHERE CONTAINS(POINT(ra, dec), CIRCLE(ra + 10 - ra, 20, 1)) = 1"));
        // and NOT of a rewritten cone is still the exact complement
        assertEquals(ROWS - bruteForceCone(10, 20, 1).size(),
                ids("SELECT id FROM cat.sky WHERE NOT (1 = CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 1)))").size());
    }
}
