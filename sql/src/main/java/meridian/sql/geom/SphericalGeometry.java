package meridian.sql.geom;

/**
 * Spherical geometry on the unit sphere for the ADQL geometry functions: distances, containment,
 * intersection, area and centroid of {@link Shape}s. Angles in and out are degrees; areas are
 * square degrees, as ADQL specifies. Polygons must be smaller than a hemisphere; their edges are
 * great-circle arcs. Stateless and thread-safe.
 */
public final class SphericalGeometry {

    /** Square degrees per steradian. */
    public static final double SQDEG_PER_SR = Math.pow(180 / Math.PI, 2);

    /** Tolerance (radians, about 2e-9 arcsec) for points exactly on a boundary: they count as inside. */
    private static final double EPS = 1e-14;

    private SphericalGeometry() {
    }

    /** Great-circle distance in degrees (Vincenty's formula: accurate at every separation). */
    public static double distance(double ra1, double dec1, double ra2, double dec2) {
        double l1 = Math.toRadians(ra1);
        double l2 = Math.toRadians(ra2);
        double p1 = Math.toRadians(dec1);
        double p2 = Math.toRadians(dec2);
        double dl = l2 - l1;
        double sp1 = Math.sin(p1);
        double cp1 = Math.cos(p1);
        double sp2 = Math.sin(p2);
        double cp2 = Math.cos(p2);
        double sdl = Math.sin(dl);
        double cdl = Math.cos(dl);
        double a = cp2 * sdl;
        double b = cp1 * sp2 - sp1 * cp2 * cdl;
        double num = Math.sqrt(a * a + b * b);
        double den = sp1 * sp2 + cp1 * cp2 * cdl;
        return Math.toDegrees(Math.atan2(num, den));
    }

    /** Distance between two points in degrees. */
    public static double distance(Shape.Point a, Shape.Point b) {
        return distance(a.ra(), a.dec(), b.ra(), b.dec());
    }

    /** True when the point (ra, dec) lies within {@code radius} degrees of (cra, cdec). */
    public static boolean inCircle(double ra, double dec, double cra, double cdec, double radius) {
        return distance(ra, dec, cra, cdec) <= radius;
    }

    /** ADQL CONTAINS: true when {@code inner} lies entirely inside {@code outer}. */
    public static boolean contains(Shape outer, Shape inner) {
        if (inner instanceof Shape.Box b) {
            inner = b.toPolygon();
        }
        if (outer instanceof Shape.Box b) {
            outer = b.toPolygon();
        }
        if (inner instanceof Shape.Point p) {
            return containsPoint(outer, p.ra(), p.dec());
        }
        if (outer instanceof Shape.Point) {
            return false;
        }
        if (outer instanceof Shape.Circle c) {
            if (inner instanceof Shape.Circle ic) {
                return distance(c.ra(), c.dec(), ic.ra(), ic.dec()) + ic.radius() <= c.radius();
            }
            Shape.Polygon ip = (Shape.Polygon) inner;
            // a cap of radius <= 90 degrees is convex, so holding every vertex is enough
            for (int i = 0; i < ip.size(); i++) {
                if (!inCircle(ip.ra(i), ip.dec(i), c.ra(), c.dec(), c.radius())) {
                    return false;
                }
            }
            if (c.radius() <= 90) {
                return true;
            }
            // a cap wider than a hemisphere is the complement of a small cap around the antipode
            Vec anti = Vec.of(c.ra(), c.dec()).neg();
            double keepOut = Math.toRadians(180 - c.radius());
            for (int i = 0; i < ip.size(); i++) {
                int j = (i + 1) % ip.size();
                if (arcDistance(anti, Vec.of(ip.ra(i), ip.dec(i)), Vec.of(ip.ra(j), ip.dec(j))) < keepOut) {
                    return false;
                }
            }
            return true;
        }
        PolygonGeom op = new PolygonGeom((Shape.Polygon) outer);
        if (inner instanceof Shape.Circle ic) {
            return op.contains(Vec.of(ic.ra(), ic.dec()))
                    && op.distanceToBoundary(Vec.of(ic.ra(), ic.dec())) >= Math.toRadians(ic.radius());
        }
        Shape.Polygon ip = (Shape.Polygon) inner;
        for (int i = 0; i < ip.size(); i++) {
            if (!op.contains(Vec.of(ip.ra(i), ip.dec(i)))) {
                return false;
            }
        }
        return !edgesCross(ip, op);
    }

    /** True when the point (ra, dec) lies inside or on the boundary of {@code region}. */
    public static boolean containsPoint(Shape region, double ra, double dec) {
        if (region instanceof Shape.Circle c) {
            return inCircle(ra, dec, c.ra(), c.dec(), c.radius());
        }
        if (region instanceof Shape.Point p) {
            return distance(ra, dec, p.ra(), p.dec()) <= 0;
        }
        Shape.Polygon poly = region instanceof Shape.Box b ? b.toPolygon() : (Shape.Polygon) region;
        return new PolygonGeom(poly).contains(Vec.of(ra, dec));
    }

    /** ADQL INTERSECTS: true when the two regions share at least one point. */
    public static boolean intersects(Shape a, Shape b) {
        if (a instanceof Shape.Box box) {
            a = box.toPolygon();
        }
        if (b instanceof Shape.Box box) {
            b = box.toPolygon();
        }
        if (a instanceof Shape.Point p) {
            return containsPoint(b, p.ra(), p.dec());
        }
        if (b instanceof Shape.Point p) {
            return containsPoint(a, p.ra(), p.dec());
        }
        if (a instanceof Shape.Circle ca && b instanceof Shape.Circle cb) {
            return distance(ca.ra(), ca.dec(), cb.ra(), cb.dec()) <= ca.radius() + cb.radius();
        }
        if (a instanceof Shape.Circle c) {
            return circleIntersectsPolygon(c, (Shape.Polygon) b);
        }
        if (b instanceof Shape.Circle c) {
            return circleIntersectsPolygon(c, (Shape.Polygon) a);
        }
        Shape.Polygon pa = (Shape.Polygon) a;
        Shape.Polygon pb = (Shape.Polygon) b;
        PolygonGeom ga = new PolygonGeom(pa);
        PolygonGeom gb = new PolygonGeom(pb);
        return gb.contains(Vec.of(pa.ra(0), pa.dec(0))) || ga.contains(Vec.of(pb.ra(0), pb.dec(0)))
                || edgesCross(pa, gb);
    }

    private static boolean circleIntersectsPolygon(Shape.Circle c, Shape.Polygon p) {
        PolygonGeom g = new PolygonGeom(p);
        Vec center = Vec.of(c.ra(), c.dec());
        return g.contains(center) || g.distanceToBoundary(center) <= Math.toRadians(c.radius());
    }

    /** True when some edge of {@code p} properly crosses an edge of {@code other}. */
    private static boolean edgesCross(Shape.Polygon p, PolygonGeom other) {
        int n = p.size();
        for (int i = 0; i < n; i++) {
            Vec a = Vec.of(p.ra(i), p.dec(i));
            Vec b = Vec.of(p.ra((i + 1) % n), p.dec((i + 1) % n));
            for (int j = 0; j < other.v.length; j++) {
                if (arcsCross(a, b, other.v[j], other.v[(j + 1) % other.v.length])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the minor arcs AB and CD cross at a point interior to both. */
    static boolean arcsCross(Vec a, Vec b, Vec c, Vec d) {
        Vec n1 = a.cross(b);
        Vec n2 = c.cross(d);
        double sa = n2.dot(a);
        double sb = n2.dot(b);
        double sc = n1.dot(c);
        double sd = n1.dot(d);
        if (sa * sb >= 0 || sc * sd >= 0) {
            return false;
        }
        // both pairs straddle the other's great circle: the arcs cross unless the crossing is antipodal
        Vec x = n1.cross(n2);
        if (x.dot(a.add(b)) < 0) {
            x = x.neg();
        }
        return x.dot(c.add(d)) > 0;
    }

    /** ADQL AREA in square degrees; 0 for a point. */
    public static double area(Shape s) {
        if (s instanceof Shape.Point) {
            return 0;
        }
        if (s instanceof Shape.Circle c) {
            return 2 * Math.PI * (1 - Math.cos(Math.toRadians(c.radius()))) * SQDEG_PER_SR;
        }
        Shape.Polygon p = s instanceof Shape.Box b ? b.toPolygon() : (Shape.Polygon) s;
        PolygonGeom g = new PolygonGeom(p);
        double sr = 0;
        for (int i = 0; i < g.v.length; i++) {
            sr += triangleArea(g.center, g.v[i], g.v[(i + 1) % g.v.length]);
        }
        return Math.abs(sr) * SQDEG_PER_SR;
    }

    /** Signed area (steradians) of the spherical triangle ABC (Oosterom and Strackee). */
    private static double triangleArea(Vec a, Vec b, Vec c) {
        double num = a.dot(b.cross(c));
        double den = 1 + a.dot(b) + b.dot(c) + c.dot(a);
        return 2 * Math.atan2(num, den);
    }

    /** ADQL CENTROID: the centre of a circle or box, the area-weighted centre of a polygon. */
    public static Shape.Point centroid(Shape s) {
        if (s instanceof Shape.Point p) {
            return p;
        }
        if (s instanceof Shape.Circle c) {
            return c.center();
        }
        if (s instanceof Shape.Box b) {
            return new Shape.Point(b.frame(), b.ra(), b.dec());
        }
        Shape.Polygon p = (Shape.Polygon) s;
        PolygonGeom g = new PolygonGeom(p);
        Vec sum = new Vec(0, 0, 0);
        for (int i = 0; i < g.v.length; i++) {
            Vec b = g.v[i];
            Vec c = g.v[(i + 1) % g.v.length];
            double w = Math.abs(triangleArea(g.center, b, c));
            sum = sum.add(g.center.add(b).add(c).scale(w));
        }
        Vec centre = sum.norm() == 0 ? g.center : sum.unit();
        return centre.toPoint(p.frame());
    }

    /**
     * A bounding circle: a cap holding the whole shape (exact for points and circles, centred on
     * the vertex mean for polygons). Used to derive index pre-filters.
     */
    public static Shape.Circle boundingCircle(Shape s) {
        if (s instanceof Shape.Point p) {
            return new Shape.Circle(p.frame(), p.ra(), p.dec(), 0);
        }
        if (s instanceof Shape.Circle c) {
            return c;
        }
        Shape.Polygon p = s instanceof Shape.Box b ? b.toPolygon() : (Shape.Polygon) s;
        PolygonGeom g = new PolygonGeom(p);
        Shape.Point c = g.center.toPoint(p.frame());
        double r = 0;
        for (int i = 0; i < p.size(); i++) {
            r = Math.max(r, distance(c.ra(), c.dec(), p.ra(i), p.dec(i)));
        }
        return new Shape.Circle(p.frame(), c.ra(), c.dec(), Math.min(180, r));
    }

    /** A polygon as unit vectors, with the gnomonic projection used to test containment. */
    private static final class PolygonGeom {
        final Vec[] v;
        final Vec center;
        // tangent-plane basis at the centre
        private final Vec east;
        private final Vec north;
        private final double[] px;
        private final double[] py;

        PolygonGeom(Shape.Polygon p) {
            v = new Vec[p.size()];
            Vec sum = new Vec(0, 0, 0);
            for (int i = 0; i < v.length; i++) {
                v[i] = Vec.of(p.ra(i), p.dec(i));
                sum = sum.add(v[i]);
            }
            if (sum.norm() < 1e-12) {
                throw new IllegalArgumentException("polygon is too large (a hemisphere or more): " + p);
            }
            center = sum.unit();
            Vec pole = Math.abs(center.z) < 0.9 ? new Vec(0, 0, 1) : new Vec(1, 0, 0);
            east = pole.cross(center).unit();
            north = center.cross(east);
            px = new double[v.length];
            py = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double d = v[i].dot(center);
                if (d <= 1e-12) {
                    throw new IllegalArgumentException("polygon is too large (a hemisphere or more): " + p);
                }
                px[i] = v[i].dot(east) / d;
                py[i] = v[i].dot(north) / d;
            }
        }

        /** Inside or on the boundary; great-circle edges are straight lines in the gnomonic plane. */
        boolean contains(Vec q) {
            double d = q.dot(center);
            if (d <= 0) {
                return false;
            }
            double x = q.dot(east) / d;
            double y = q.dot(north) / d;
            boolean inside = false;
            int n = px.length;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double xi = px[i];
                double yi = py[i];
                double xj = px[j];
                double yj = py[j];
                // on the edge counts as inside
                double cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
                double scale = Math.abs(xj - xi) + Math.abs(yj - yi);
                if (Math.abs(cross) <= EPS * Math.max(1, scale)
                        && x >= Math.min(xi, xj) - EPS && x <= Math.max(xi, xj) + EPS
                        && y >= Math.min(yi, yj) - EPS && y <= Math.max(yi, yj) + EPS) {
                    return true;
                }
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
            return inside;
        }

        /** Smallest angular distance (radians) from q to any edge. */
        double distanceToBoundary(Vec q) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < v.length; i++) {
                best = Math.min(best, arcDistance(q, v[i], v[(i + 1) % v.length]));
            }
            return best;
        }
    }

    /** Angular distance (radians) from q to the minor arc AB. */
    static double arcDistance(Vec q, Vec a, Vec b) {
        Vec n = a.cross(b);
        if (n.norm() < 1e-15) {
            return q.angle(a);
        }
        n = n.unit();
        Vec proj = q.sub(n.scale(q.dot(n)));
        if (proj.norm() > 1e-15) {
            Vec p = proj.unit();
            // p lies on the arc when it is between a and b
            if (a.cross(p).dot(n) >= 0 && p.cross(b).dot(n) >= 0) {
                return Math.asin(Math.min(1, Math.abs(q.dot(n))));
            }
        }
        return Math.min(q.angle(a), q.angle(b));
    }

    /** A 3-vector; unit vectors stand for points of the sphere. */
    record Vec(double x, double y, double z) {
        static Vec of(double ra, double dec) {
            double l = Math.toRadians(ra);
            double b = Math.toRadians(dec);
            double cb = Math.cos(b);
            return new Vec(cb * Math.cos(l), cb * Math.sin(l), Math.sin(b));
        }

        Vec add(Vec o) {
            return new Vec(x + o.x, y + o.y, z + o.z);
        }

        Vec sub(Vec o) {
            return new Vec(x - o.x, y - o.y, z - o.z);
        }

        Vec neg() {
            return new Vec(-x, -y, -z);
        }

        Vec scale(double f) {
            return new Vec(x * f, y * f, z * f);
        }

        double dot(Vec o) {
            return x * o.x + y * o.y + z * o.z;
        }

        Vec cross(Vec o) {
            return new Vec(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
        }

        double norm() {
            return Math.sqrt(dot(this));
        }

        Vec unit() {
            double n = norm();
            return new Vec(x / n, y / n, z / n);
        }

        double angle(Vec o) {
            return Math.atan2(cross(o).norm(), dot(o));
        }

        Shape.Point toPoint(String frame) {
            double ra = Math.toDegrees(Math.atan2(y, x));
            if (ra < 0) {
                ra += 360;
            }
            double dec = Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
            return new Shape.Point(frame, ra, dec);
        }
    }
}
