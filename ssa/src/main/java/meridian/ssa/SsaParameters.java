package meridian.ssa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The parameters of an SSA 1.1 {@code queryData} request, parsed and checked. Parameter names
 * are case-insensitive and repeated values are refused by the caller's DALI parameter reader;
 * unknown parameters are ignored, as SSA asks. Immutable.
 *
 * @param cone        POS and SIZE (SIZE is the cone's diameter), if POS was given
 * @param bands       BAND: observed-frame wavelength ranges in metres, any of which may overlap
 * @param restBands   BANDREST (Data Central): rest-frame wavelength ranges in metres
 * @param time        TIME: observation interval
 * @param format      FORMAT: dataset formats to find, or the METADATA request
 * @param targetName  TARGETNAME
 * @param targetClasses TARGETCLASS values (any may match)
 * @param collections COLLECTION values (any may match)
 * @param pubDid      PUBDID
 * @param creatorDid  CREATORDID
 * @param redshift    REDSHIFT range
 * @param specRp      SPECRP: minimum resolving power
 * @param spatRes     SPATRES: worst spatial resolution, degrees
 * @param timeRes     TIMERES: worst time resolution, seconds
 * @param snr         SNR: minimum signal-to-noise ratio
 * @param fluxCalib   FLUXCALIB (absent or {@code any}: no constraint)
 * @param waveCalib   WAVECALIB (absent or {@code any}: no constraint)
 * @param mtime       MTIME: interval the dataset was created or modified in
 * @param maxrec      rows to return at most (MAXREC and TOP, capped to the limit)
 * @param runId       RUNID, echoed in the response
 */
public record SsaParameters(Optional<Cone> cone, List<Range> bands, List<Range> restBands, Optional<TimeRange> time,
                            DatasetFormat format, Optional<String> targetName, List<String> targetClasses,
                            List<String> collections, Optional<String> pubDid, Optional<String> creatorDid,
                            Optional<Range> redshift, OptionalDouble specRp, OptionalDouble spatRes,
                            OptionalDouble timeRes, OptionalDouble snr, Optional<String> fluxCalib,
                            Optional<String> waveCalib, Optional<TimeRange> mtime, long maxrec,
                            Optional<String> runId) {

    /** The largest SIZE (diameter) accepted, degrees: a cone of radius 90 degrees is a hemisphere. */
    public static final double MAX_SIZE = 180.0;

    /**
     * A search cone.
     *
     * @param ra       centre right ascension, ICRS degrees
     * @param dec      centre declination, ICRS degrees
     * @param diameter SIZE, degrees
     */
    public record Cone(double ra, double dec, double diameter) {
        public double radius() {
            return diameter / 2;
        }
    }

    /**
     * Service limits and defaults.
     *
     * @param defaultSize   SIZE (diameter, degrees) when POS comes without SIZE
     * @param maxrecDefault MAXREC when none is given
     * @param maxrecLimit   largest MAXREC honoured; larger values are capped
     */
    public record Limits(double defaultSize, long maxrecDefault, long maxrecLimit) {
    }

    public SsaParameters {
        bands = List.copyOf(bands);
        restBands = List.copyOf(restBands);
        targetClasses = List.copyOf(targetClasses);
        collections = List.copyOf(collections);
    }

    /** What REQUEST asks for. */
    public enum Request { QUERY_DATA, GET_DATA }

    /**
     * The request type: {@code queryData} (also when REQUEST is absent, as lenient clients send)
     * or {@code getData}, case-insensitive.
     *
     * @throws SsaException for any other value
     */
    public static Request request(Function<String, Optional<String>> single) {
        String r = single.apply("REQUEST").map(String::trim).orElse("queryData");
        return switch (r.toLowerCase(Locale.ROOT)) {
            case "querydata", "" -> Request.QUERY_DATA;
            case "getdata" -> Request.GET_DATA;
            default -> throw new SsaException("REQUEST: '" + r + "' is not an SSA request; use queryData");
        };
    }

    /**
     * Parses a queryData request.
     *
     * @param single the single value of a parameter by (case-insensitive) name, empty when absent
     *               (DALI rules: the caller refuses conflicting repeats)
     * @param limits service limits
     * @throws SsaException naming the parameter and the problem
     */
    public static SsaParameters parse(Function<String, Optional<String>> single, Limits limits) {
        Function<String, Optional<String>> p = name -> single.apply(name).map(String::trim)
                .filter(v -> !v.isEmpty()).map(v -> checkText(name, v));
        Optional<Cone> cone = p.apply("POS").map(pos -> cone(pos, p.apply("SIZE"), limits));
        if (cone.isEmpty() && p.apply("SIZE").isPresent()) {
            Range.number("SIZE", p.apply("SIZE").get()); // still refuse nonsense
        }
        List<Range> bands = p.apply("BAND").map(v -> bands("BAND", v)).orElse(List.of());
        List<Range> rest = p.apply("BANDREST").map(v -> bands("BANDREST", v)).orElse(List.of());
        Optional<TimeRange> time = p.apply("TIME").map(v -> TimeRange.parse("TIME", v));
        DatasetFormat format = p.apply("FORMAT").map(DatasetFormat::parse).orElse(DatasetFormat.ALL);
        Optional<Range> redshift = p.apply("REDSHIFT").map(v -> Range.parse("REDSHIFT", v));
        OptionalDouble specRp = positive(p, "SPECRP");
        OptionalDouble spatRes = positive(p, "SPATRES");
        OptionalDouble timeRes = positive(p, "TIMERES");
        OptionalDouble snr = positive(p, "SNR");
        Optional<String> fluxCalib = calibration(p, "FLUXCALIB", List.of("any", "absolute", "relative", "normalized"));
        Optional<String> waveCalib = calibration(p, "WAVECALIB", List.of("any", "absolute", "relative"));
        Optional<TimeRange> mtime = p.apply("MTIME").map(v -> TimeRange.parse("MTIME", v));
        long maxrec = p.apply("MAXREC").map(v -> count("MAXREC", v, 0)).orElse(limits.maxrecDefault());
        Optional<Long> top = p.apply("TOP").map(v -> count("TOP", v, 1));
        if (top.isPresent()) {
            maxrec = Math.min(maxrec, top.get());
        }
        maxrec = Math.min(maxrec, limits.maxrecLimit());
        return new SsaParameters(cone, bands, rest, time, format, p.apply("TARGETNAME"),
                list(p.apply("TARGETCLASS")), list(p.apply("COLLECTION")), p.apply("PUBDID"), p.apply("CREATORDID"),
                redshift, specRp, spatRes, timeRes, snr, fluxCalib, waveCalib, mtime, maxrec, p.apply("RUNID"));
    }

    private static Cone cone(String pos, Optional<String> size, Limits limits) {
        String coords = pos;
        int semi = pos.indexOf(';');
        if (semi >= 0) {
            String frame = pos.substring(semi + 1).trim();
            if (!frame.isEmpty() && !frame.equalsIgnoreCase("ICRS")) {
                throw new SsaException("POS: the frame '" + frame + "' is not supported; positions are ICRS"
                        + " (give POS=ra,dec or POS=ra,dec;ICRS)");
            }
            coords = pos.substring(0, semi);
        }
        String[] parts = coords.split(",", -1);
        if (parts.length != 2) {
            throw new SsaException("POS: '" + pos + "' is not ra,dec in decimal degrees (e.g. POS=187.28,2.05)");
        }
        double ra = Range.number("POS", parts[0]);
        double dec = Range.number("POS", parts[1]);
        if (ra < 0 || ra > 360) {
            throw new SsaException("POS: right ascension " + parts[0].trim() + " is outside 0..360 degrees");
        }
        if (dec < -90 || dec > 90) {
            throw new SsaException("POS: declination " + parts[1].trim() + " is outside -90..90 degrees");
        }
        double diameter = size.map(s -> Range.number("SIZE", s)).orElse(limits.defaultSize());
        if (!(diameter > 0) || diameter > MAX_SIZE) {
            throw new SsaException("SIZE: " + size.orElse(Double.toString(diameter)) + " is out of range; SIZE is the"
                    + " diameter of the search cone in degrees, above 0 and at most " + (int) MAX_SIZE);
        }
        return new Cone(ra, dec, diameter);
    }

    private static List<Range> bands(String name, String value) {
        List<Range> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            Optional<Range> named = Bands.named(part);
            out.add(named.orElseGet(() -> {
                Range r = Range.parse(name, part);
                if ((r.lo() != null && r.lo() <= 0) || (r.hi() != null && r.hi() <= 0)) {
                    throw new SsaException(name + ": wavelengths are positive, in metres; got '" + part.trim() + "'");
                }
                return r;
            }));
        }
        return out;
    }

    private static OptionalDouble positive(Function<String, Optional<String>> p, String name) {
        Optional<String> v = p.apply(name);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        double d = Range.number(name, v.get());
        if (d < 0) {
            throw new SsaException(name + ": " + v.get() + " is negative");
        }
        return OptionalDouble.of(d);
    }

    private static Optional<String> calibration(Function<String, Optional<String>> p, String name,
                                                List<String> allowed) {
        Optional<String> v = p.apply(name).map(s -> s.toLowerCase(Locale.ROOT));
        if (v.isPresent() && !allowed.contains(v.get())) {
            throw new SsaException(name + ": '" + v.get() + "' is not one of " + String.join(", ", allowed));
        }
        return v.filter(s -> !s.equals("any"));
    }

    private static long count(String name, String v, long min) {
        if (!v.matches("\\+?\\d{1,18}")) {
            throw new SsaException(name + ": '" + v + "' is not a non-negative integer");
        }
        long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        if (n < min) {
            throw new SsaException(name + ": must be at least " + min);
        }
        return n;
    }

    private static List<String> list(Optional<String> v) {
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.get().split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String checkText(String name, String v) {
        if (v.length() > 2_000) {
            throw new SsaException(name + ": the value is longer than 2000 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new SsaException(name + ": the value contains control characters");
            }
        }
        return v;
    }
}
