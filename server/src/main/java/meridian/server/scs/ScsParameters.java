package meridian.server.scs;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import meridian.server.http.Fault;
import meridian.server.results.ResultFormat;
import meridian.server.tap.TapParameters;

/**
 * The parameters of a Simple Cone Search 1.03 request, checked: {@code RA}, {@code DEC} and
 * {@code SR} (decimal degrees, ICRS; all three required), {@code VERB} (1, 2 or 3; 2 when absent),
 * and from DALI (SCS 1.1) {@code MAXREC} and {@code RESPONSEFORMAT} (a VOTable serialisation).
 * {@code SR=0} or {@code MAXREC=0} asks for the metadata only. Unknown parameters are ignored,
 * as SCS requires.
 *
 * @param ra     cone centre right ascension, 0..360
 * @param dec    cone centre declination, -90..90
 * @param sr     cone radius, 0..{@link Limits#maxSr()}
 * @param verb   verbosity 1..3
 * @param maxrec rows to return at most (0: metadata only)
 * @param format the VOTable serialisation of the response
 */
public record ScsParameters(double ra, double dec, double sr, int verb, long maxrec, ResultFormat format) {

    /** A decimal number as SCS writes them (no NaN, infinities, hexadecimal or type suffixes). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

    /**
     * What the service accepts; declared in its capability.
     *
     * @param maxSr         largest SR, degrees
     * @param maxrecDefault rows returned without MAXREC
     * @param maxrecLimit   most rows ever returned (SCS MaxRecords)
     */
    public record Limits(double maxSr, long maxrecDefault, long maxrecLimit) {
        public Limits {
            if (!(maxSr > 0 && maxSr <= 180) || maxrecDefault < 0 || maxrecLimit < maxrecDefault) {
                throw new IllegalArgumentException("SCS limits: max SR in (0, 180], 0 <= maxrec default <= limit");
            }
        }
    }

    /**
     * Parses a request.
     *
     * @param p parameter by name, case-insensitively (DALI)
     * @throws Fault (usage) naming the parameter and what is wrong
     */
    public static ScsParameters parse(Function<String, Optional<String>> p, Limits limits) {
        double ra = number(p, "RA");
        double dec = number(p, "DEC");
        double sr = number(p, "SR");
        if (ra < 0 || ra > 360) {
            throw Fault.usage("RA=" + show(ra) + " is out of range: give the right ascension in decimal degrees,"
                    + " 0 to 360");
        }
        if (dec < -90 || dec > 90) {
            throw Fault.usage("DEC=" + show(dec) + " is out of range: give the declination in decimal degrees,"
                    + " -90 to 90");
        }
        if (sr < 0) {
            throw Fault.usage("SR=" + show(sr) + " is negative: give the cone radius in decimal degrees");
        }
        if (sr > limits.maxSr()) {
            throw Fault.usage("SR=" + show(sr) + " is larger than this service's maximum search radius of "
                    + show(limits.maxSr()) + " degrees");
        }
        int verb = p.apply("VERB").filter(v -> !v.isBlank()).map(ScsParameters::verb).orElse(2);
        TapParameters.Limits rows = new TapParameters.Limits(limits.maxrecDefault(), limits.maxrecLimit());
        long maxrec = p.apply("MAXREC").filter(v -> !v.isBlank()).map(v -> TapParameters.parseMaxrec(v, rows))
                .orElse(limits.maxrecDefault());
        if (sr == 0) {
            maxrec = 0; // SCS 1.03: SR=0 asks for the fields, not an error
        }
        String requested = p.apply("RESPONSEFORMAT").orElse("");
        ResultFormat format = requested.isBlank() ? ResultFormat.VOTABLE_TABLEDATA
                : ResultFormat.forName(requested).filter(ResultFormat::isVoTable).orElseThrow(() -> Fault.usage(
                        "RESPONSEFORMAT=" + requested + ": cone search responses are VOTables; use votable,"
                                + " votable/td, votable/b or votable/b2"));
        return new ScsParameters(ra, dec, sr, verb, maxrec, format);
    }

    private static double number(Function<String, Optional<String>> p, String name) {
        String text = p.apply(name).map(String::trim).filter(v -> !v.isEmpty()).orElseThrow(() -> Fault.usage(
                name + " is missing: a cone search needs RA, DEC and SR in decimal degrees"));
        if (!DECIMAL.matcher(text).matches()) {
            throw Fault.usage(name + "='" + text + "' is not a decimal number of degrees");
        }
        return Double.parseDouble(text);
    }

    private static int verb(String text) {
        String t = text.trim();
        if (!t.matches("[123]")) {
            throw Fault.usage("VERB='" + text + "' must be 1 (identifier and position), 2 (principal columns)"
                    + " or 3 (all columns)");
        }
        return Integer.parseInt(t);
    }

    private static String show(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
