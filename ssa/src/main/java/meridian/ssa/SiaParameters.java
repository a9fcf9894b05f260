package meridian.ssa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The query parameters of an SIA 2.0 {@code query} request, checked. Every parameter may be
 * repeated: the values of one parameter are alternatives (OR), different parameters all apply
 * (AND). Numeric parameters are DALI intervals ({@link Range#parseInterval}: {@code lo hi},
 * {@code -Inf}/{@code +Inf} for open ends, or one value the data must include); text parameters
 * match exactly (case-sensitive), except {@code ID}, which matches IVOIDs without case.
 *
 * @param pos        POS regions (CIRCLE, RANGE, POLYGON; ICRS degrees)
 * @param band       BAND, vacuum wavelength in metres, overlapping [em_min, em_max]
 * @param time       TIME, MJD, overlapping [t_min, t_max]
 * @param pol        POL states (ObsCore pol_states vocabulary)
 * @param fov        FOV, degrees, containing s_fov
 * @param spatres    SPATRES, arcsec, containing s_resolution
 * @param exptime    EXPTIME, seconds, containing t_exptime
 * @param timeres    TIMERES, seconds, containing t_resolution
 * @param specrp     SPECRP, containing em_res_power
 * @param id         ID, obs_publisher_did
 * @param collection COLLECTION, obs_collection
 * @param facility   FACILITY, facility_name
 * @param instrument INSTRUMENT, instrument_name
 * @param dptype     DPTYPE, dataproduct_type
 * @param calib      CALIB, calib_level
 * @param target     TARGET, target_name
 * @param format     FORMAT, access_format
 */
public record SiaParameters(List<Region> pos, List<Range> band, List<Range> time, List<String> pol, List<Range> fov,
                            List<Range> spatres, List<Range> exptime, List<Range> timeres, List<Range> specrp,
                            List<String> id, List<String> collection, List<String> facility,
                            List<String> instrument, List<String> dptype, List<Integer> calib, List<String> target,
                            List<String> format) {

    /** The polarization states ObsCore 1.1 names (pol_states holds them between slashes). */
    public static final Set<String> POL_STATES = Set.of("I", "Q", "U", "V", "RR", "LL", "RL", "LR", "XX", "YY",
            "XY", "YX", "POLI", "POLA");

    /** Every parameter this class reads, for self-description. */
    public static final List<String> NAMES = List.of("POS", "BAND", "TIME", "POL", "FOV", "SPATRES", "EXPTIME",
            "TIMERES", "SPECRP", "ID", "COLLECTION", "FACILITY", "INSTRUMENT", "DPTYPE", "CALIB", "TARGET", "FORMAT");

    /** A POS region. */
    public sealed interface Region permits Circle, LonLatRange, Polygon {
    }

    /** {@code CIRCLE ra dec radius}. */
    public record Circle(double ra, double dec, double radius) implements Region {
    }

    /**
     * {@code RANGE ra1 ra2 dec1 dec2}, open ends clamped to the sphere; {@code ra1 > ra2} wraps
     * through 0.
     */
    public record LonLatRange(double ra1, double ra2, double dec1, double dec2) implements Region {
    }

    /** {@code POLYGON ra1 dec1 ra2 dec2 ...}, at least three vertices. */
    public record Polygon(double[] vertices) implements Region {
    }

    /**
     * Parses a request.
     *
     * @param values every value of a parameter by name (case-insensitive), empty when absent
     * @throws SsaException naming the parameter and what is wrong
     */
    public static SiaParameters parse(Function<String, List<String>> values) {
        List<Region> pos = new ArrayList<>();
        for (String v : values.apply("POS")) {
            pos.add(region(v));
        }
        List<String> pol = new ArrayList<>();
        for (String v : values.apply("POL")) {
            String state = v.trim();
            if (!POL_STATES.contains(state)) {
                throw new SsaException("POL: '" + v + "' is not a polarization state (" + String.join(", ",
                        POL_STATES.stream().sorted().toList()) + ")");
            }
            pol.add(state);
        }
        List<Integer> calib = new ArrayList<>();
        for (String v : values.apply("CALIB")) {
            if (!v.trim().matches("[0-4]")) {
                throw new SsaException("CALIB: '" + v + "' is not a calibration level (0, 1, 2, 3 or 4)");
            }
            calib.add(Integer.parseInt(v.trim()));
        }
        return new SiaParameters(pos, intervals(values, "BAND"), intervals(values, "TIME"), pol,
                intervals(values, "FOV"), intervals(values, "SPATRES"), intervals(values, "EXPTIME"),
                intervals(values, "TIMERES"), intervals(values, "SPECRP"), texts(values, "ID"),
                texts(values, "COLLECTION"), texts(values, "FACILITY"), texts(values, "INSTRUMENT"),
                texts(values, "DPTYPE"), calib, texts(values, "TARGET"), texts(values, "FORMAT"));
    }

    private static List<Range> intervals(Function<String, List<String>> values, String name) {
        return values.apply(name).stream().map(v -> Range.parseInterval(name, v)).toList();
    }

    private static List<String> texts(Function<String, List<String>> values, String name) {
        for (String v : values.apply(name)) {
            if (v.chars().anyMatch(c -> c < 0x20)) {
                throw new SsaException(name + ": control characters are not allowed");
            }
        }
        return List.copyOf(values.apply(name));
    }

    /** One POS value: a shape keyword and its numbers (DALI). */
    static Region region(String text) {
        String[] words = text.trim().split("\\s+");
        String shape = words[0].toUpperCase(Locale.ROOT);
        double[] v = new double[words.length - 1];
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (shape.equals("RANGE") && (w.equalsIgnoreCase("-Inf") || w.equalsIgnoreCase("+Inf"))) {
                v[i - 1] = w.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else {
                v[i - 1] = Range.number("POS", w);
            }
        }
        return switch (shape) {
            case "CIRCLE" -> {
                if (v.length != 3 || !onSphere(v[0], v[1]) || v[2] <= 0 || v[2] > 180) {
                    throw new SsaException("POS: a circle is CIRCLE ra dec radius (degrees, ra 0..360, dec -90..90,"
                            + " 0 < radius <= 180), got '" + text + "'");
                }
                yield new Circle(v[0], v[1], v[2]);
            }
            case "RANGE" -> {
                if (v.length != 4) {
                    throw new SsaException("POS: a range is RANGE ra1 ra2 dec1 dec2 (degrees, -Inf/+Inf for open"
                            + " ends), got '" + text + "'");
                }
                double ra1 = Math.max(v[0], 0);
                double ra2 = Math.min(v[1], 360);
                double dec1 = Math.max(v[2], -90);
                double dec2 = Math.min(v[3], 90);
                if (ra1 > 360 || ra2 < 0 || dec1 > dec2) {
                    throw new SsaException("POS: the range '" + text + "' is empty (ra within 0..360, dec1 <= dec2)");
                }
                yield new LonLatRange(ra1, ra2, dec1, dec2);
            }
            case "POLYGON" -> {
                if (v.length < 6 || v.length % 2 != 0) {
                    throw new SsaException("POS: a polygon is POLYGON ra1 dec1 ra2 dec2 ra3 dec3 ..., at least three"
                            + " vertices, got '" + text + "'");
                }
                for (int i = 0; i < v.length; i += 2) {
                    if (!onSphere(v[i], v[i + 1])) {
                        throw new SsaException("POS: polygon vertex " + (i / 2 + 1) + " is off the sky (ra 0..360,"
                                + " dec -90..90)");
                    }
                }
                yield new Polygon(v);
            }
            default -> throw new SsaException("POS must start with CIRCLE, RANGE or POLYGON, got '" + text + "'");
        };
    }

    private static boolean onSphere(double ra, double dec) {
        return ra >= 0 && ra <= 360 && dec >= -90 && dec <= 90;
    }
}
