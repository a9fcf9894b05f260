package meridian.sql.geom;

/**
 * A region of the celestial sphere as ADQL knows them: {@link Point}, {@link Circle}, {@link Box}
 * and {@link Polygon}. Coordinates are degrees; the frame is kept as written (normally ICRS) but
 * never transformed. Implementations are immutable value objects.
 */
public sealed interface Shape permits Shape.Point, Shape.Circle, Shape.Box, Shape.Polygon {

    /** The coordinate frame as written in STC-S ({@code ICRS}), or an empty string when absent. */
    String frame();

    /** The DALI serialisation: point {@code [ra, dec]}, circle {@code [ra, dec, r]}, polygon vertices. */
    double[] toDali();

    /** A position on the sky. */
    record Point(String frame, double ra, double dec) implements Shape {
        public Point(double ra, double dec) {
            this("ICRS", ra, dec);
        }

        @Override
        public double[] toDali() {
            return new double[] {ra, dec};
        }
    }

    /** A spherical cap: every point within {@code radius} degrees of the centre. */
    record Circle(String frame, double ra, double dec, double radius) implements Shape {
        public Circle {
            if (!(radius >= 0) || radius > 180) {
                throw new IllegalArgumentException("circle radius must be between 0 and 180 degrees: " + radius);
            }
        }

        public Point center() {
            return new Point(frame, ra, dec);
        }

        @Override
        public double[] toDali() {
            return new double[] {ra, dec, radius};
        }
    }

    /**
     * ADQL's BOX: centred on (ra, dec), {@code width} wide along RA and {@code height} high along
     * Dec, both in degrees on the coordinate axes. It is handled as the polygon of its four
     * corners joined by great circles ({@link #toPolygon()}), which is what DALI can serialise.
     */
    record Box(String frame, double ra, double dec, double width, double height) implements Shape {
        public Box {
            if (!(width >= 0) || !(height >= 0)) {
                throw new IllegalArgumentException("box width and height must not be negative");
            }
        }

        /** The four corners, counter-clockwise as seen from inside the sphere looking out. */
        public Polygon toPolygon() {
            double w = width / 2;
            double h = height / 2;
            double dl = clampDec(dec - h);
            double dh = clampDec(dec + h);
            return new Polygon(frame, new double[] {
                ra - w, dl, ra + w, dl, ra + w, dh, ra - w, dh});
        }

        private static double clampDec(double d) {
            return Math.max(-90, Math.min(90, d));
        }

        @Override
        public double[] toDali() {
            return toPolygon().toDali();
        }
    }

    /**
     * A polygon whose vertices ({@code ra1, dec1, ra2, dec2, ...}) are joined by great-circle
     * arcs. It must be smaller than a hemisphere; the side it encloses is the smaller one, so
     * the vertex order does not matter.
     */
    record Polygon(String frame, double[] vertices) implements Shape {
        public Polygon {
            if (vertices.length < 6 || vertices.length % 2 != 0) {
                throw new IllegalArgumentException("a polygon needs at least 3 vertices (6 numbers), got "
                        + vertices.length + " numbers");
            }
            vertices = vertices.clone();
        }

        /** Number of vertices. */
        public int size() {
            return vertices.length / 2;
        }

        public double ra(int i) {
            return vertices[2 * i];
        }

        public double dec(int i) {
            return vertices[2 * i + 1];
        }

        @Override
        public double[] vertices() {
            return vertices.clone();
        }

        @Override
        public double[] toDali() {
            return vertices.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Polygon p && p.frame.equals(frame) && java.util.Arrays.equals(p.vertices, vertices);
        }

        @Override
        public int hashCode() {
            return frame.hashCode() * 31 + java.util.Arrays.hashCode(vertices);
        }

        @Override
        public String toString() {
            return Stcs.format(this);
        }
    }
}
