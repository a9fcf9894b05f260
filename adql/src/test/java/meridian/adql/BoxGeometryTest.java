package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import meridian.sql.geom.Shape;
import meridian.sql.geom.SphericalGeometry;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ADQL's BOX as the standard defines it (ADQL 2.1 section 4.2.5): a cross centred on the
 * position with arms along the coordinate axes, of half the width and height, and sides the
 * great circles through the arms' ends at right angles to them. The expected rows are
 * computed here from that definition alone (vector algebra, not the server's geometry code)
 * for thousands of random positions, crowded near the poles and RA 0, and compared with
 * {@code CONTAINS(POINT, BOX)} on Derby, and on PostgreSQL with {@code MERIDIAN_TEST_DB}.
 */
class BoxGeometryTest {

    private static final int ROWS = 30_000;

    @TempDir
    static Path dir;
    static TestArchive archive;
    static final double[] RA = new double[ROWS];
    static final double[] DEC = new double[ROWS];

    @BeforeAll
    static void fill() throws SQLException {
        Table sky = new Table("test", "sky", "table", "random positions", null, List.of(
                Column.of("id", Datatype.INT).notNull().build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").build()),
                List.of("id"), List.of(), 0, new Table.Position("ra", "dec"));
        archive = new TestArchive(dir, List.of(sky));
        Random random = new Random(15);
        for (int i = 0; i < ROWS; i++) {
            switch (i % 3) {
                // uniform on the sphere
                case 0 -> {
                    RA[i] = random.nextDouble() * 360;
                    DEC[i] = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
                }
                // within 15 degrees of a pole
                case 1 -> {
                    RA[i] = random.nextDouble() * 360;
                    DEC[i] = (i % 2 == 0 ? 1 : -1) * (75 + 15 * random.nextDouble());
                }
                // near RA 0
                default -> {
                    RA[i] = (random.nextDouble() * 10 + 355) % 360;
                    DEC[i] = random.nextDouble() * 40 - 20;
                }
            }
        }
        try (Connection c = archive.db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO \"test\".\"sky\" (\"id\", \"ra\", \"dec\") VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                ps.setInt(1, i);
                ps.setDouble(2, RA[i]);
                ps.setDouble(3, DEC[i]);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    /** Unit vector of (ra, dec) in degrees. */
    private static double[] vec(double ra, double dec) {
        double a = Math.toRadians(ra);
        double d = Math.toRadians(dec);
        return new double[] {Math.cos(d) * Math.cos(a), Math.cos(d) * Math.sin(a), Math.sin(d)};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /**
     * The definition: with c the centre, e and n the unit vectors east and north at c, the side
     * through the end of the north arm (cos h c + sin h n, h = height/2) is the great circle
     * through that point and e, whose pole is -sin h c + cos h n; the box is the side of the four
     * sides' great circles holding the centre. Returns +1 inside, -1 outside, 0 within 1e-9 of a
     * side (left out of the comparison: rounding decides those).
     */
    static int definition(double ra, double dec, double cra, double cdec, double width, double height) {
        double[] p = vec(ra, dec);
        double[] c = vec(cra, cdec);
        double a = Math.toRadians(cra);
        double d = Math.toRadians(cdec);
        double[] e = {-Math.sin(a), Math.cos(a), 0};
        double[] n = {-Math.sin(d) * Math.cos(a), -Math.sin(d) * Math.sin(a), Math.cos(d)};
        double h = Math.toRadians(height / 2);
        double w = Math.toRadians(width / 2);
        double pc = dot(p, c);
        double pn = dot(p, n);
        double pe = dot(p, e);
        // signed distances (sines of angles) from the four sides, positive inside
        double[] margins = {
            Math.sin(h) * pc - Math.cos(h) * pn, Math.sin(h) * pc + Math.cos(h) * pn,
            Math.sin(w) * pc - Math.cos(w) * pe, Math.sin(w) * pc + Math.cos(w) * pe};
        int sign = 1;
        for (double m : margins) {
            if (Math.abs(m) < 1e-9) {
                sign = 0;
            } else if (m < 0) {
                return -1;
            }
        }
        return sign;
    }

    @ParameterizedTest
    @CsvSource({
        "180, 80, 10, 4",
        "0, 90, 10, 10",
        "45, -90, 30, 8",
        "300, -87, 20, 6",
        "0, 0, 3, 2",
        "359.5, 10, 4, 30",
        "0.2, 45, 30, 20",
        "123, -80, 4, 3",
        "10, 70, 100, 2",
        "200, 30, 2, 120"})
    void containsSelectsExactlyThePointsTheDefinitionPutsInside(double ra, double dec, double width, double height)
            throws Exception {
        Set<Integer> inside = new TreeSet<>();
        Set<Integer> onEdge = new TreeSet<>();
        for (int i = 0; i < ROWS; i++) {
            int where = definition(RA[i], DEC[i], ra, dec, width, height);
            if (where > 0) {
                inside.add(i);
            } else if (where == 0) {
                onEdge.add(i);
            }
        }
        assertTrue(inside.size() > 10, "too few positions in the box to mean anything: " + inside.size());
        String box = "BOX(" + ra + ", " + dec + ", " + width + ", " + height + ")";
        Set<Integer> got = new TreeSet<>();
        for (List<Object> row : archive.rows("SELECT id FROM test.sky WHERE CONTAINS(POINT(ra, dec), " + box + ") = 1")) {
            got.add((Integer) row.get(0));
        }
        got.removeAll(onEdge);
        assertEquals(inside, got, box);
        // the same through INTERSECTS and through the shared Java geometry
        Set<Integer> viaIntersects = new TreeSet<>();
        for (List<Object> row : archive.rows("SELECT id FROM test.sky WHERE 1 = INTERSECTS(" + box + ", POINT(ra, dec))")) {
            viaIntersects.add((Integer) row.get(0));
        }
        viaIntersects.removeAll(onEdge);
        assertEquals(inside, viaIntersects, box);
        Shape.Box shape = new Shape.Box("ICRS", ra, dec, width, height);
        Set<Integer> java = new TreeSet<>();
        for (int i = 0; i < ROWS; i++) {
            if (!onEdge.contains(i) && SphericalGeometry.containsPoint(shape, RA[i], DEC[i])) {
                java.add(i);
            }
        }
        assertEquals(inside, java, box);
    }

    @Test
    void nearThePoleTheBoxIsMuchWiderInRaThanItsWidth() throws Exception {
        // a parallel-bounded box of 10 by 4 degrees at Dec 80 holds about a sixth as much sky
        double parallelBounded = 0;
        double definition = 0;
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double ra = random.nextDouble() * 360;
            double dec = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
            if (Math.abs(ra - 180) <= 5 && Math.abs(dec - 80) <= 2) {
                parallelBounded++;
            }
            if (definition(ra, dec, 180, 80, 10, 4) > 0) {
                definition++;
            }
        }
        assertTrue(definition > 4 * parallelBounded, definition + " vs " + parallelBounded);
        String area = archive.text("SELECT AREA(BOX(180, 80, 10, 4)) FROM test.stars WHERE id = 1");
        // a 10 by 4 degree gnomonic rectangle covers close to 40 square degrees wherever it is
        assertEquals(39.9, Double.parseDouble(area), 0.2, area);
    }

    @Test
    void theBoxIsThePolygonOfItsCornersOnTheTangentPlane() throws Exception {
        // corners of BOX(0, 90, 10, 10): tan(5 deg) from the pole in both axes, so Dec = atan(1/(tan 5 sqrt 2))
        double cornerDec = Math.toDegrees(Math.atan(1 / (Math.tan(Math.toRadians(5)) * Math.sqrt(2))));
        String text = archive.text("SELECT BOX(0, 90, 10, 10) FROM test.stars WHERE id = 1");
        String[] v = text.substring(1, text.length() - 1).split(" ");
        assertEquals(8, v.length, text);
        for (int i = 0; i < 4; i++) {
            assertEquals(cornerDec, Double.parseDouble(v[2 * i + 1]), 1e-5, text);
        }
        assertEquals(Set.of("45", "135", "225", "315"),
                Set.of(v[0], v[2], v[4], v[6]), text);
    }
}
