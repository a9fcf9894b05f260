package meridian.ssa;

import static meridian.ssa.AdqlLiterals.number;
import static meridian.ssa.AdqlLiterals.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Builds the ADQL query of an SIA 2.0 request over the images and cubes of {@code ivoa.obscore}
 * ({@code dataproduct_type} {@code image} or {@code cube}): every ObsCore column, one condition
 * per parameter (its values OR-ed), all of them AND-ed. As for SSA, only typed values reach the
 * text, through {@link AdqlLiterals}; the server plans it with the TAP planner and the caller's
 * row filter. A constraint on a column that is null for a row is not satisfied (SIA 2.0).
 *
 * <p>POS: CIRCLE and POLYGON must intersect {@code s_region} (rows without one: their centre
 * must lie inside). RANGE: the centre lies in the range, or, for ranges less than 180 degrees
 * wide, {@code s_region} intersects the polygon of its corners.
 */
public final class SiaQuery {

    private SiaQuery() {
    }

    /** The ADQL text. */
    public static String adql(SiaParameters p) {
        List<String> where = new ArrayList<>();
        where.add("dataproduct_type IN ('image', 'cube')");
        anyOf(where, p.pos(), SiaQuery::region);
        anyOf(where, p.band(), r -> overlap("em_min", "em_max", r));
        anyOf(where, p.time(), r -> overlap("t_min", "t_max", r));
        anyOf(where, p.pol(), s -> "pol_states LIKE " + string("%/" + s + "/%"));
        anyOf(where, p.fov(), r -> within("s_fov", r));
        anyOf(where, p.spatres(), r -> within("s_resolution", r));
        anyOf(where, p.exptime(), r -> within("t_exptime", r));
        anyOf(where, p.timeres(), r -> within("t_resolution", r));
        anyOf(where, p.specrp(), r -> within("em_res_power", r));
        in(where, "LOWER(obs_publisher_did)", p.id().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        in(where, "obs_collection", p.collection());
        in(where, "facility_name", p.facility());
        in(where, "instrument_name", p.instrument());
        in(where, "dataproduct_type", p.dptype());
        if (!p.calib().isEmpty()) {
            where.add("calib_level IN (" + p.calib().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ")");
        }
        in(where, "target_name", p.target());
        in(where, "access_format", p.format());
        return "SELECT * FROM ivoa.obscore WHERE " + String.join(" AND ", where) + " ORDER BY obs_publisher_did";
    }

    private static <T> void anyOf(List<String> where, List<T> values, Function<T, String> condition) {
        if (values.isEmpty()) {
            return;
        }
        List<String> ors = values.stream().map(condition).toList();
        where.add(ors.size() == 1 ? ors.get(0) : "(" + String.join(" OR ", ors) + ")");
    }

    private static void in(List<String> where, String column, List<String> values) {
        if (!values.isEmpty()) {
            where.add(column + " IN (" + values.stream().map(AdqlLiterals::string).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    /** [min, max] of the data intersects the interval (a single value: is inside [min, max]). */
    private static String overlap(String min, String max, Range r) {
        List<String> c = new ArrayList<>(List.of(min + " IS NOT NULL", max + " IS NOT NULL"));
        if (r.lo() != null) {
            c.add(max + " >= " + number(r.lo()));
        }
        if (r.hi() != null) {
            c.add(min + " <= " + number(r.hi()));
        }
        return "(" + String.join(" AND ", c) + ")";
    }

    /** The data's value lies in the interval (a single value: equals it). */
    private static String within(String column, Range r) {
        List<String> c = new ArrayList<>(List.of(column + " IS NOT NULL"));
        if (r.lo() != null) {
            c.add(column + " >= " + number(r.lo()));
        }
        if (r.hi() != null) {
            c.add(column + " <= " + number(r.hi()));
        }
        return "(" + String.join(" AND ", c) + ")";
    }

    private static String region(SiaParameters.Region region) {
        if (region instanceof SiaParameters.Circle c) {
            return shape("CIRCLE('ICRS', " + number(c.ra()) + ", " + number(c.dec()) + ", " + number(c.radius()) + ")");
        }
        if (region instanceof SiaParameters.Polygon p) {
            return shape(polygon(p.vertices()));
        }
        return range((SiaParameters.LonLatRange) region);
    }

    /** {@code s_region} intersects the shape; without an {@code s_region}, the centre is inside it. */
    private static String shape(String adqlShape) {
        return "(1 = INTERSECTS(s_region, " + adqlShape + ") OR (s_region IS NULL AND 1 = CONTAINS(POINT('ICRS',"
                + " s_ra, s_dec), " + adqlShape + ")))";
    }

    private static String polygon(double[] v) {
        return "POLYGON('ICRS', " + IntStream.range(0, v.length).mapToObj(i -> number(v[i]))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String range(SiaParameters.LonLatRange r) {
        String dec = "s_dec >= " + number(r.dec1()) + " AND s_dec <= " + number(r.dec2());
        String ra = r.ra1() <= r.ra2()
                ? "s_ra >= " + number(r.ra1()) + " AND s_ra <= " + number(r.ra2())
                : "(s_ra >= " + number(r.ra1()) + " OR s_ra <= " + number(r.ra2()) + ")";
        String centre = "(" + ra + " AND " + dec + ")";
        double width = r.ra1() <= r.ra2() ? r.ra2() - r.ra1() : 360 - r.ra1() + r.ra2();
        if (width >= 180 || width <= 0 || r.dec1() <= -90 || r.dec2() >= 90 || r.dec1() >= r.dec2()) {
            return centre;
        }
        double[] corners = {r.ra1(), r.dec1(), r.ra2(), r.dec1(), r.ra2(), r.dec2(), r.ra1(), r.dec2()};
        return "(" + centre + " OR 1 = INTERSECTS(s_region, " + polygon(corners) + "))";
    }
}
