package meridian.server.tap;

import java.util.List;
import java.util.Locale;
import meridian.server.http.DaliParameters;
import meridian.server.http.Fault;
import meridian.server.results.ResultFormat;
import meridian.server.upload.UploadSpec;

/**
 * The parameters of a TAP 1.1 query (sync or async), checked:
 * REQUEST (optional, {@code doQuery}), LANG ({@code ADQL}, {@code ADQL-2.0}, {@code ADQL-2.1}),
 * QUERY, MAXREC (default and hard limit from config; larger values are capped), FORMAT or
 * RESPONSEFORMAT, RUNID, UPLOAD.
 *
 * @param query       the ADQL text
 * @param adqlVersion {@code 2.0} or {@code 2.1}
 * @param maxrec      rows to return at most
 * @param format      the output format
 * @param runId       the client's RUNID or null
 * @param uploads     the tables named by UPLOAD, in order (empty when none)
 */
public record TapParameters(String query, String adqlVersion, long maxrec, ResultFormat format, String runId,
                            List<UploadSpec> uploads) {

    public TapParameters {
        uploads = List.copyOf(uploads);
    }

    /** Longest QUERY accepted, in characters. */
    public static final int MAX_QUERY_LENGTH = 100_000;

    /** Limits from the configuration. */
    public record Limits(long maxrecDefault, long maxrecLimit) {
    }

    public static TapParameters parse(DaliParameters p, Limits limits) {
        p.single("REQUEST").ifPresent(r -> {
            if (!r.equalsIgnoreCase("doQuery")) {
                throw Fault.usage("REQUEST=" + r + " is not supported; the only TAP request is doQuery");
            }
        });
        List<UploadSpec> uploads = UploadSpec.parseAll(p.all("UPLOAD"));
        String lang = p.single("LANG").orElseThrow(() -> Fault.usage(
                "missing parameter LANG; use LANG=ADQL (ADQL-2.0 and ADQL-2.1 are accepted too)"));
        String version = switch (lang.trim().toUpperCase(Locale.ROOT)) {
            case "ADQL", "ADQL-2.1" -> "2.1";
            case "ADQL-2.0" -> "2.0";
            default -> throw Fault.usage("LANG=" + lang + " is not supported; use ADQL, ADQL-2.0 or ADQL-2.1");
        };
        String query = p.single("QUERY").orElseThrow(() -> Fault.usage("missing parameter QUERY"));
        if (query.isBlank()) {
            throw Fault.usage("QUERY is empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw Fault.usage("QUERY is " + query.length() + " characters long; the limit is " + MAX_QUERY_LENGTH);
        }
        long maxrec = p.single("MAXREC").map(v -> parseMaxrec(v, limits)).orElse(limits.maxrecDefault());
        String formatName = p.single("RESPONSEFORMAT").or(() -> p.single("FORMAT")).orElse(null);
        ResultFormat format = ResultFormat.forName(formatName).orElseThrow(() -> Fault.usage(
                "RESPONSEFORMAT=" + formatName + " is not supported; use one of "
                        + String.join(", ", ResultFormat.ALL.stream().map(ResultFormat::shortName).toList())
                        + " or their MIME types"));
        return new TapParameters(query, version, maxrec, format, p.single("RUNID").orElse(null), uploads);
    }

    /**
     * A MAXREC value (DALI): a whole number of at least 0, capped to the limit; shared by every
     * DALI service that takes MAXREC.
     *
     * @throws Fault (usage) naming the bad value
     */
    public static long parseMaxrec(String value, Limits limits) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            if (value.trim().matches("[0-9]{19,}")) {
                return limits.maxrecLimit();
            }
            throw Fault.usage("MAXREC=" + value + " is not a whole number");
        }
        if (n < 0) {
            throw Fault.usage("MAXREC=" + value + " is negative; give 0 (metadata only) or more");
        }
        return Math.min(n, limits.maxrecLimit());
    }
}
