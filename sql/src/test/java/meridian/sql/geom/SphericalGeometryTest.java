package meridian.sql.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SphericalGeometryTest {

    private static final double TOL = 1e-9;

    @ParameterizedTest
    @CsvSource({
            "0, 0, 0, 0, 0",
            "0, 0, 90, 0, 90",
            "0, 0, 180, 0, 180",
            "10, 20, 10, 21, 1",
            "0, 89, 180, 89, 2",
            "359.5, 0, 0.5, 0, 1",
            "0, -90, 123, 90, 180"})
    void distance(double ra1, double dec1, double ra2, double dec2, double expected) {
        assertEquals(expected, SphericalGeometry.distance(ra1, dec1, ra2, dec2), TOL);
    }

    @Test
    void tinyDistancesStayAccurate() {
        double d = SphericalGeometry.distance(10, 20, 10, 20 + 1e-10);
        assertEquals(1e-10, d, 1e-14);
    }

    @ParameterizedTest
    @CsvSource({
            "'Circle ICRS 10 20 1', 10.5, 20.5, true",
            "'Circle ICRS 10 20 1', 12, 20, false",
            "'circle icrs 0 0 1', 359.5, 0.2, true",
            "'Polygon ICRS 10 20 11 20 11 21', 10.9, 20.1, true",
            "'Polygon ICRS 10 20 11 20 11 21', 10.1, 20.9, false",
            "'Polygon ICRS 10 20 11 20 11 21', 10, 20, true",
            "'Polygon 359 -1 1 -1 1 1 359 1', 0, 0, true",
            "'Polygon 359 -1 1 -1 1 1 359 1', 180, 0, false",
            "'Box ICRS 0 0 2 2', 0.9, 0.9, true",
            "'Box ICRS 0 0 2 2', 1.1, 0.5, false",
            "'Box ICRS 180 89.5 10 1', 175, 89.5, true",
            "'Circle ICRS 0 90 1', 250, 89.5, true",
            "'Position ICRS 10 20', 10, 20, true"})
    void containsPoint(String region, double ra, double dec, boolean expected) {
        assertEquals(expected, SphericalGeometry.containsPoint(Stcs.parse(region), ra, dec));
    }

    @ParameterizedTest
    @CsvSource({
            "'Circle ICRS 10 20 5', 'Circle ICRS 11 20 1', true",
            "'Circle ICRS 10 20 5', 'Circle ICRS 14.5 20 1', false",
            "'Circle ICRS 10 20 5', 'Polygon ICRS 10 20 11 20 11 21', true",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Circle ICRS 5 5 1', true",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Circle ICRS 5 5 6', false",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Polygon ICRS 1 1 2 1 2 2', true",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Polygon ICRS 1 1 12 1 2 2', false",
            "'Circle ICRS 0 0 170', 'Polygon ICRS 1 1 2 1 2 2', true",
            "'Circle ICRS 0 0 170', 'Polygon ICRS 179 1 181 1 180 -1', false"})
    void containsShape(String outer, String inner, boolean expected) {
        assertEquals(expected, SphericalGeometry.contains(Stcs.parse(outer), Stcs.parse(inner)));
    }

    @ParameterizedTest
    @CsvSource({
            "'Circle ICRS 10 20 1', 'Circle ICRS 11.5 20 1', true",
            "'Circle ICRS 10 20 1', 'Circle ICRS 13 20 1', false",
            "'Circle ICRS 5 -0.5 1', 'Polygon ICRS 0 0 10 0 10 10 0 10', true",
            "'Circle ICRS 5 -3 1', 'Polygon ICRS 0 0 10 0 10 10 0 10', false",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Polygon ICRS 5 -5 6 -5 6 20 5 20', true",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Polygon ICRS 20 0 21 0 21 1', false",
            "'Polygon ICRS 0 0 10 0 10 10 0 10', 'Polygon ICRS 1 1 2 1 2 2', true",
            "'Position ICRS 1 1', 'Box ICRS 0 0 4 4', true"})
    void intersects(String a, String b, boolean expected) {
        assertEquals(expected, SphericalGeometry.intersects(Stcs.parse(a), Stcs.parse(b)));
        assertEquals(expected, SphericalGeometry.intersects(Stcs.parse(b), Stcs.parse(a)));
    }

    @Test
    void areas() {
        // the whole sky is 4 pi sr = 41252.96 square degrees; a hemisphere cap half of it
        assertEquals(41252.96125 / 2, SphericalGeometry.area(Stcs.parse("Circle ICRS 0 0 90")), 1e-3);
        // a small circle is nearly flat: pi r^2
        assertEquals(Math.PI * 0.01, SphericalGeometry.area(Stcs.parse("Circle ICRS 0 0 0.1")), 1e-6);
        // an octant triangle is one eighth of the sky
        assertEquals(41252.96125 / 8, SphericalGeometry.area(Stcs.parse("Polygon ICRS 0 0 90 0 0 90")), 1e-3);
        assertEquals(41252.96125 / 8, SphericalGeometry.area(Stcs.parse("Polygon ICRS 0 90 90 0 0 0")), 1e-3);
        assertEquals(0, SphericalGeometry.area(Stcs.parse("Position ICRS 1 2")));
        assertEquals(1.0, SphericalGeometry.area(Stcs.parse("Box ICRS 10 0 1 1")), 1e-4);
    }

    @Test
    void centroids() {
        Shape.Point c = SphericalGeometry.centroid(Stcs.parse("Polygon ICRS 359 -1 1 -1 1 1 359 1"));
        assertEquals(0, Math.min(c.ra(), 360 - c.ra()), 1e-9);
        assertEquals(0, c.dec(), 1e-9);
        assertEquals(new Shape.Point("ICRS", 10, 20), SphericalGeometry.centroid(Stcs.parse("Circle ICRS 10 20 3")));
    }

    @Test
    void stcsRoundTrip() {
        assertEquals("Circle ICRS 10 20.5 1", Stcs.format(Stcs.parse("CIRCLE icrs 10.0 20.5 1")));
        assertEquals("Polygon ICRS 10 20 11 20 11 21", Stcs.format(Stcs.parse("Polygon ICRS 10 20 11 20 11 21")));
        assertEquals("Position ICRS 1 2", Stcs.format(Stcs.parse("Point ICRS 1 2")));
        assertEquals("Polygon 1 2 3 4 5 6", Stcs.format(Stcs.parse("polygon 1 2 3 4 5 6")));
        assertEquals("Circle ICRS 1 2 3", Stcs.format(Stcs.parse("Circle ICRS GEOCENTER 1 2 3")));
        assertArrayEquals(new double[] {1, 2, 3}, Stcs.parse("Circle ICRS 1 2 3").toDali());
        assertEquals("ICRS", Stcs.parse("Box ICRS 1 2 3 4").frame());
    }

    @ParameterizedTest
    @CsvSource({"''", "'Union ICRS (Circle 1 2 3)'", "'Circle ICRS 1 2'", "'Polygon ICRS 1 2 3 4'",
            "'Circle ICRS 1 x 2'", "'Circle ICRS 1 2 -3'"})
    void badStcsIsRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Stcs.parse(text));
    }

    @Test
    void numericHelpers() {
        assertEquals(2.35, GeometryFunctions.round(2.345, 2), 0);
        assertEquals(-2.35, GeometryFunctions.round(-2.345, 2), 0);
        assertEquals(1200, GeometryFunctions.round(1234.5, -2), 0);
        assertEquals(2.34, GeometryFunctions.truncate(2.349, 2), 0);
        assertEquals(-2.34, GeometryFunctions.truncate(-2.349, 2), 0);
        assertEquals(8, GeometryFunctions.power(2, 3), 0);
        assertEquals(1.5, GeometryFunctions.mod(7.5, 3), 0);
    }

    @Test
    void skyCellCoversTheCone() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            double ra = random.nextDouble() * 360;
            double dec = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
            double r = random.nextDouble() * (i % 2 == 0 ? 0.5 : 5);
            SkyCells.Cover cover = SkyCells.cover(ra, dec, r);
            for (int k = 0; k < 20; k++) {
                // a random point inside the cone, near its edge
                double[] p = ConePoints.at(ra, dec, r * Math.sqrt(random.nextDouble()), random.nextDouble() * 2 * Math.PI);
                double pra = p[0];
                double pdec = p[1];
                if (SphericalGeometry.distance(ra, dec, pra, pdec) > r) {
                    continue;
                }
                int cell = SkyCells.cell(pra, pdec);
                boolean covered = cover.cells() == null
                        ? cell >= cover.first() && cell <= cover.last() : cover.cells().contains(cell);
                assertTrue(covered, () -> "cone " + ra + " " + dec + " " + r + " misses " + pra + " " + pdec);
            }
        }
        assertFalse(SkyCells.cover(10, 20, 0.01).cells().isEmpty());
        assertEquals(null, SkyCells.cover(10, 89.9, 0.5).cells());
    }
}
