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
     * ADQL's BOX (ADQL 2.1 section 4.2.5, STC 1.33 section 4.5.1.5): a cross centred on (ra, dec)
     * with arms along the coordinate axes at the centre, {@code width}/2 degrees east and west
     * and {@code height}/2 north and south, measured along great circles; the sides are the
     * great circles through the arms' ends at right angles to the arms. In the gnomonic
     * projection about the centre that is the rectangle {@code |x| <= tan(width/2)},
     * {@code |y| <= tan(height/2)}, so the box is exactly the polygon of its four corners
     * joined by great circles ({@link #toPolygon()}), which is also what DALI can serialise.
     * Near the poles it is much wider in RA than {@code width}: a side is a great circle, not
     * a parallel of declination. Width and height must be below 180&deg;.
     */
    record Box(String frame, double ra, double dec, double width, double height) implements Shape {
        public Box {
            if (!(width >= 0) || !(height >= 0)) {
                throw new IllegalArgumentException("box width and height must not be negative");
            }
            if (width >= 180 || height >= 180) {
                throw new IllegalArgumentException("box width and height must be below 180 degrees: "
                        + width + ", " + height);
            }
        }

        /**
         * The four corners, the points (&plusmn;tan(width/2), &plusmn;tan(height/2)) of the
         * tangent plane at the centre, counter-clockwise as seen from inside the sphere looking
         * out; RA in [0, 360).
         */
        public Polygon toPolygon() {
            double x = Math.tan(Math.toRadians(width / 2));
            double y = Math.tan(Math.toRadians(height / 2));
            return new Polygon(frame, new double[] {
                cornerRa(-x, -y), cornerDec(-x, -y), cornerRa(x, -y), cornerDec(x, -y),
                cornerRa(x, y), cornerDec(x, y), cornerRa(-x, y), cornerDec(-x, y)});
        }

        /** RA of the point (x, y) of the tangent plane at the centre (inverse gnomonic projection). */
        private double cornerRa(double x, double y) {
            double d = Math.toRadians(dec);
            double a = ra + Math.toDegrees(Math.atan2(x, Math.cos(d) - y * Math.sin(d)));
            return a - 360 * Math.floor(a / 360);
        }

        /** Dec of the point (x, y) of the tangent plane at the centre. */
        private double cornerDec(double x, double y) {
            double d = Math.toRadians(dec);
            double across = Math.cos(d) - y * Math.sin(d);
            return Math.toDegrees(Math.atan2(Math.sin(d) + y * Math.cos(d), Math.sqrt(x * x + across * across)));
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
