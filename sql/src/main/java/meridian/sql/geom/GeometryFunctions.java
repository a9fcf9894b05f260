package meridian.sql.geom;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import meridian.sql.backend.DerbyFunctionInstaller;

/**
 * The Java stored functions the ADQL translator calls on Derby, in schema {@value #SCHEMA}:
 * geometry constructors returning STC-S text ({@code POINT}, {@code CIRCLE}, {@code BOX},
 * {@code POLYGON}), predicates returning 1/0 ({@code CONTAINS}, {@code INTERSECTS},
 * {@code CONTAINS_POINT}, {@code IN_CIRCLE}), measures ({@code DISTANCE}, {@code AREA},
 * {@code COORD1}, {@code COORD2}, {@code COORDSYS}, {@code CENTROID}, {@code REGION}) and the
 * numeric functions ADQL has and Derby lacks ({@code ROUND}, {@code TRUNCATE}, {@code POWER},
 * {@code MOD}) or cannot cast ({@code TO_TEXT} for numbers, {@code TO_DOUBLE} for text, {@code TO_TIMESTAMP} for ISO-8601
 * text with a {@code T}). Every function is declared {@code RETURNS NULL ON NULL INPUT}, so SQL NULL in
 * gives NULL out, and so does blank STC-S text; malformed STC-S raises an SQL error naming the
 * text.
 *
 * <p>The public static methods are the function bodies; they are also usable from Java.
 * Thread-safe.
 */
public final class GeometryFunctions {

    /** Schema holding the functions. */
    public static final String SCHEMA = "MERIDIAN";

    private static final String TEXT = "VARCHAR(32672)";

    /** Prefix of the Java methods of functions whose bodies live in {@link UserFunctions}. */
    private static final String UDF = UserFunctions.class.getName() + ".";

    /** name, SQL parameter list, SQL return type, Java method. */
    private record Fn(String name, String params, String returns, String method) {
    }

    private static final List<Fn> FUNCTIONS = List.of(
            new Fn("POINT", "lon DOUBLE, lat DOUBLE", "VARCHAR(100)", "point"),
            new Fn("CIRCLE", "lon DOUBLE, lat DOUBLE, radius DOUBLE", "VARCHAR(128)", "circle"),
            new Fn("BOX", "lon DOUBLE, lat DOUBLE, width DOUBLE, height DOUBLE", "VARCHAR(160)", "box"),
            new Fn("POLYGON", "coords DOUBLE ...", TEXT, "polygon"),
            new Fn("DISTANCE", "lon1 DOUBLE, lat1 DOUBLE, lon2 DOUBLE, lat2 DOUBLE", "DOUBLE", "distance"),
            new Fn("GEOM_DISTANCE", "g1 " + TEXT + ", g2 " + TEXT, "DOUBLE", "geomDistance"),
            new Fn("IN_CIRCLE", "lon DOUBLE, lat DOUBLE, clon DOUBLE, clat DOUBLE, radius DOUBLE", "INTEGER",
                    "inCircle"),
            new Fn("CONTAINS_POINT", "lon DOUBLE, lat DOUBLE, g " + TEXT, "INTEGER", "containsPoint"),
            new Fn("CONTAINS", "g1 " + TEXT + ", g2 " + TEXT, "INTEGER", "contains"),
            new Fn("INTERSECTS", "g1 " + TEXT + ", g2 " + TEXT, "INTEGER", "intersects"),
            new Fn("AREA", "g " + TEXT, "DOUBLE", "area"),
            new Fn("CENTROID", "g " + TEXT, "VARCHAR(100)", "centroid"),
            new Fn("COORD1", "g " + TEXT, "DOUBLE", "coord1"),
            new Fn("COORD2", "g " + TEXT, "DOUBLE", "coord2"),
            new Fn("COORDSYS", "g " + TEXT, "VARCHAR(64)", "coordsys"),
            new Fn("REGION", "g " + TEXT, TEXT, "region"),
            new Fn("ROUND", "x DOUBLE, n INTEGER", "DOUBLE", "round"),
            new Fn("TRUNCATE", "x DOUBLE, n INTEGER", "DOUBLE", "truncate"),
            new Fn("POWER", "x DOUBLE, y DOUBLE", "DOUBLE", "power"),
            new Fn("MOD", "x DOUBLE, y DOUBLE", "DOUBLE", "mod"),
            new Fn("TO_TEXT", "x DOUBLE", "VARCHAR(32)", "toText"),
            new Fn("TO_DOUBLE", "t VARCHAR(64)", "DOUBLE", "toDouble"),
            new Fn("TO_TIMESTAMP", "t VARCHAR(64)", "TIMESTAMP", "toTimestamp"),
            // the ADQL user-defined functions (meridian.adql.AdqlFunctions), bodies in UserFunctions
            new Fn("IVO_NOCASEMATCH", "v " + TEXT + ", pattern " + TEXT, "INTEGER", UDF + "nocasematch"),
            new Fn("IVO_HASWORD", "haystack " + TEXT + ", needle " + TEXT, "INTEGER", UDF + "hasword"),
            new Fn("IVO_HASHLIST_HAS", "hashlist " + TEXT + ", item " + TEXT, "INTEGER", UDF + "hashlistHas"),
            new Fn("IVO_INTERVAL_OVERLAPS", "l1 DOUBLE, h1 DOUBLE, l2 DOUBLE, h2 DOUBLE", "INTEGER",
                    UDF + "intervalOverlaps"),
            new Fn("IVO_HEALPIX_INDEX", "hp_order INTEGER, lon DOUBLE, lat DOUBLE", "BIGINT", UDF + "healpixIndex"),
            new Fn("IVO_HEALPIX_CENTER", "hp_order INTEGER, ipix BIGINT", "VARCHAR(100)", UDF + "healpixCenter"),
            new Fn("IVO_STRING_AGG_ITEM", "v " + TEXT + ", delim " + TEXT, TEXT, UDF + "stringAggItem"));

    /** The aggregate of ivo_string_agg (over IVO_STRING_AGG_ITEM values). */
    private static final String STRING_AGG = "IVO_STRING_AGG";

    private GeometryFunctions() {
    }

    /**
     * An installer creating every function above in schema {@value #SCHEMA} unless it exists
     * (checked in SYS.SYSALIASES), so running it at every start is harmless. An existing function
     * is kept as it is: a changed signature needs a new function name. Pass it to
     * {@code new DerbyBackend(List.of(GeometryFunctions.derbyInstaller()))}.
     *
     * @return the installer
     */
    public static DerbyFunctionInstaller derbyInstaller() {
        return (connection, backend) -> {
            backend.ensureSchema(connection, SCHEMA);
            for (Fn f : FUNCTIONS) {
                if (exists(connection, f.name())) {
                    continue;
                }
                boolean varargs = f.params().endsWith("...");
                String sql = "CREATE FUNCTION " + backend.quote(SCHEMA) + "." + backend.quote(f.name())
                        + "(" + f.params() + ") RETURNS " + f.returns()
                        + " LANGUAGE JAVA PARAMETER STYLE " + (varargs ? "DERBY" : "JAVA")
                        + " DETERMINISTIC NO SQL RETURNS NULL ON NULL INPUT EXTERNAL NAME '"
                        + (f.method().contains(".") ? f.method() : GeometryFunctions.class.getName() + "." + f.method())
                        + "'";
                try (Statement st = connection.createStatement()) {
                    st.execute(sql);
                } catch (SQLException e) {
                    // X0Y32: created concurrently by another start-up; anything else is real
                    if (!"X0Y32".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            if (!exists(connection, STRING_AGG)) {
                try (Statement st = connection.createStatement()) {
                    st.execute("CREATE DERBY AGGREGATE " + backend.quote(SCHEMA) + "." + backend.quote(STRING_AGG)
                            + " FOR " + TEXT + " RETURNS " + TEXT + " EXTERNAL NAME '"
                            + StringAggregator.class.getName() + "'");
                } catch (SQLException e) {
                    if (!"X0Y32".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        };
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM SYS.SYSALIASES a JOIN SYS.SYSSCHEMAS s"
                + " ON a.SCHEMAID = s.SCHEMAID WHERE s.SCHEMANAME = ? AND a.ALIAS = ?")) {
            ps.setString(1, SCHEMA);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ---- constructors ----

    /**
     * @param ra RA, degrees
     * @param dec Dec, degrees
     * @return the point as STC-S
     */
    public static String point(double ra, double dec) {
        return Stcs.format(new Shape.Point(ra, dec));
    }

    /**
     * @param ra centre RA
     * @param dec centre Dec
     * @param radius degrees
     * @return the circle as STC-S
     */
    public static String circle(double ra, double dec, double radius) {
        return Stcs.format(new Shape.Circle("ICRS", ra, dec, radius));
    }

    /**
     * @param ra centre RA
     * @param dec centre Dec
     * @param width degrees
     * @param height degrees
     * @return the box as STC-S
     */
    public static String box(double ra, double dec, double width, double height) {
        return Stcs.format(new Shape.Box("ICRS", ra, dec, width, height));
    }

    /**
     * @param coords ra1, dec1, ra2, dec2...
     * @return the polygon as STC-S
     */
    public static String polygon(double... coords) {
        return Stcs.format(new Shape.Polygon("ICRS", coords));
    }

    // ---- predicates (1 true, 0 false) ----

    /**
     * @param ra RA
     * @param dec Dec
     * @param cra centre RA
     * @param cdec centre Dec
     * @param radius degrees
     * @return 1 inside, 0 outside
     */
    public static int inCircle(double ra, double dec, double cra, double cdec, double radius) {
        return SphericalGeometry.inCircle(ra, dec, cra, cdec, radius) ? 1 : 0;
    }

    /**
     * @param ra RA
     * @param dec Dec
     * @param region STC-S
     * @return 1 when (ra, dec) is in the region, else 0
     */
    public static Integer containsPoint(double ra, double dec, String region) {
        Shape r = shape(region);
        return r == null ? null : SphericalGeometry.containsPoint(r, ra, dec) ? 1 : 0;
    }

    /**
     * ADQL CONTAINS(inner, outer).
     *
     * @param inner STC-S
     * @param outer STC-S
     * @return 1 when inner lies within outer, else 0
     */
    public static Integer contains(String inner, String outer) {
        Shape i = shape(inner);
        Shape o = shape(outer);
        return i == null || o == null ? null : SphericalGeometry.contains(o, i) ? 1 : 0;
    }

    /**
     * @param a STC-S
     * @param b STC-S
     * @return 1 when the regions overlap, else 0
     */
    public static Integer intersects(String a, String b) {
        Shape sa = shape(a);
        Shape sb = shape(b);
        return sa == null || sb == null ? null : SphericalGeometry.intersects(sa, sb) ? 1 : 0;
    }

    // ---- measures ----

    /**
     * @param ra1 RA
     * @param dec1 Dec
     * @param ra2 RA
     * @param dec2 Dec
     * @return the distance in degrees
     */
    public static double distance(double ra1, double dec1, double ra2, double dec2) {
        return SphericalGeometry.distance(ra1, dec1, ra2, dec2);
    }

    /**
     * @param p1 STC-S point
     * @param p2 STC-S point
     * @return the distance in degrees
     */
    public static Double geomDistance(String p1, String p2) {
        Shape.Point a = asPoint(p1);
        Shape.Point b = asPoint(p2);
        return a == null || b == null ? null : SphericalGeometry.distance(a, b);
    }

    /**
     * @param region STC-S
     * @return the area in square degrees
     */
    public static Double area(String region) {
        Shape r = shape(region);
        return r == null ? null : SphericalGeometry.area(r);
    }

    /**
     * @param region STC-S
     * @return its centroid as an STC-S point
     */
    public static String centroid(String region) {
        Shape r = shape(region);
        return r == null ? null : Stcs.format(SphericalGeometry.centroid(r));
    }

    /**
     * @param point STC-S point
     * @return its RA
     */
    public static Double coord1(String point) {
        Shape.Point p = asPoint(point);
        return p == null ? null : p.ra();
    }

    /**
     * @param point STC-S point
     * @return its Dec
     */
    public static Double coord2(String point) {
        Shape.Point p = asPoint(point);
        return p == null ? null : p.dec();
    }

    /**
     * @param region STC-S
     * @return its frame ({@code ICRS}), empty when not given
     */
    public static String coordsys(String region) {
        Shape r = shape(region);
        return r == null ? null : r.frame();
    }

    /**
     * @param stcs STC-S text
     * @return it normalised (ADQL REGION)
     */
    public static String region(String stcs) {
        Shape r = shape(stcs);
        return r == null ? null : Stcs.format(r);
    }

    // ---- numeric helpers ----

    /**
     * @param x value
     * @param digits decimals (may be negative)
     * @return ADQL ROUND: half away from zero
     */
    public static double round(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(Double.toString(x))
                .setScale(digits, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * @param x value
     * @param digits decimals (may be negative)
     * @return ADQL TRUNCATE: towards zero
     */
    public static double truncate(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(Double.toString(x))
                .setScale(digits, java.math.RoundingMode.DOWN).doubleValue();
    }

    /**
     * @param x base
     * @param y exponent
     * @return x to the power y
     */
    public static double power(double x, double y) {
        return Math.pow(x, y);
    }

    /**
     * @param x dividend
     * @param y divisor
     * @return ADQL MOD on any numbers: the remainder, with the sign of x
     */
    public static double mod(double x, double y) {
        return x % y;
    }

    /**
     * @param x a number
     * @return it as text, integral values without a fraction ({@code 2}, not {@code 2.0})
     */
    public static String toText(double x) {
        return Stcs.number(x);
    }

    /**
     * @param text a number as text
     * @return the number (Derby cannot cast text to DOUBLE)
     */
    public static double toDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'", e);
        }
    }

    /**
     * An ISO-8601 date or timestamp ({@code 2020-01-02}, {@code 2020-01-02T03:04:05.5},
     * optionally ending in {@code Z}) as an SQL TIMESTAMP.
     *
     * @param iso the text
     * @return the timestamp
     */
    public static java.sql.Timestamp toTimestamp(String iso) {
        String t = iso.trim();
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.length() == 10) {
            t = t + "T00:00:00";
        } else if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + "T" + t.substring(11);
        }
        try {
            return java.sql.Timestamp.valueOf(java.time.LocalDateTime.parse(t));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + iso + "'", e);
        }
    }

    // ---- parsing with a one-entry cache per thread: a query usually compares every row to one constant ----

    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    /** The shape of STC-S text; null for blank text, which archives use for "no region". */
    static Shape shape(String stcs) {
        if (stcs.isBlank()) {
            return null;
        }
        Object[] last = LAST.get();
        if (stcs.equals(last[0])) {
            return (Shape) last[1];
        }
        Shape s = Stcs.parse(stcs);
        last[0] = stcs;
        last[1] = s;
        return s;
    }

    private static Shape.Point asPoint(String stcs) {
        Shape s = shape(stcs);
        if (s == null || s instanceof Shape.Point) {
            return (Shape.Point) s;
        }
        throw new IllegalArgumentException("not a point: " + stcs.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
    }
}
