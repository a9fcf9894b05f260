package meridian.ssa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SSA FORMAT parameter: which dataset formats to find (not the format of the query
 * response, which is always VOTable). A comma-separated list of {@code all}, {@code compliant},
 * {@code native}, {@code votable}, {@code fits}, {@code xml}, {@code graphic} or MIME types;
 * {@code metadata} alone asks for the service description. Meridian serves each spectrum in its
 * native format, so {@code native} and {@code all} find every spectrum, and {@code compliant}
 * finds those whose access format is a Spectrum data model serialisation. {@link #SIMPLIFIED}
 * (or {@code simplified}) finds every FITS spectrum, which the server offers converted to Data
 * Central's simplified 1D FITS: the access reference of each row then points at the conversion.
 *
 * @param metadata true for FORMAT=METADATA
 * @param any      true when no access-format constraint applies
 * @param terms    the requested terms (lower case) when a constraint applies
 */
public record DatasetFormat(boolean metadata, boolean any, List<String> terms) {

    /** The access formats that follow the IVOA Spectrum data model. */
    static final List<String> SPECTRUM_DM_MIMES = List.of("application/x-votable+xml;content=spectrum",
            "application/fits;content=spectrum", "spectrum/fits");

    /**
     * Data Central's simplified 1D FITS, the format spectra are converted to on request (the
     * datalink module's {@code SimplifiedSpectrum.MIME}).
     */
    public static final String SIMPLIFIED = "application/fits;content=simplified";

    private static final List<String> KEYWORDS = List.of("all", "native", "compliant", "votable", "fits", "xml",
            "graphic");
    private static final Pattern MIME = Pattern.compile("[a-z0-9.+-]+/[a-z0-9.+-]+(\\s*;\\s*[a-z0-9.+-]+=[a-z0-9.+-]+)*");

    /** No FORMAT: every spectrum. */
    public static final DatasetFormat ALL = new DatasetFormat(false, true, List.of());

    public DatasetFormat {
        terms = List.copyOf(terms);
    }

    /** @throws SsaException for an unknown format name or a malformed MIME type */
    public static DatasetFormat parse(String value) {
        List<String> terms = new ArrayList<>();
        boolean any = false;
        for (String raw : value.split(",", -1)) {
            String t = raw.trim().toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", ";");
            if (t.equals("metadata")) {
                if (value.split(",").length > 1) {
                    throw new SsaException("FORMAT: METADATA cannot be combined with other formats");
                }
                return new DatasetFormat(true, true, List.of());
            }
            if (t.equals("simplified")) {
                terms.add(SIMPLIFIED);
            } else if (t.equals("all") || t.equals("native")) {
                any = true;
            } else if (KEYWORDS.contains(t) || MIME.matcher(t).matches()) {
                terms.add(t);
            } else {
                throw new SsaException("FORMAT: '" + raw.trim() + "' is not a format; use all, compliant, native,"
                        + " votable, fits, xml, graphic, metadata or a MIME type such as application/fits");
            }
        }
        if (terms.contains(SIMPLIFIED) && (any || terms.stream().distinct().count() > 1)) {
            throw new SsaException("FORMAT: " + SIMPLIFIED + " (simplified) cannot be combined with other formats:"
                    + " each result row has one access reference");
        }
        return any ? ALL : new DatasetFormat(false, false, terms);
    }

    /** True when the spectra are asked for as {@link #SIMPLIFIED}: access references point at the conversion. */
    public boolean simplified() {
        return terms.contains(SIMPLIFIED);
    }

    /** The ADQL condition on {@code access_format} (null when {@link #any}). */
    String condition() {
        if (any) {
            return null;
        }
        String f = "LOWER(access_format)";
        List<String> ors = new ArrayList<>();
        for (String t : terms) {
            switch (t) {
                case "compliant" -> ors.add(f + " IN (" + String.join(", ",
                        SPECTRUM_DM_MIMES.stream().map(AdqlLiterals::string).toList()) + ")");
                case "votable" -> ors.add("(" + f + " LIKE 'application/x-votable+xml%' OR " + f + " = 'text/xml')");
                case SIMPLIFIED -> ors.add(f + " LIKE '%fits%'");
                case "fits" -> ors.add("(" + f + " LIKE 'application/fits%' OR " + f + " LIKE 'image/fits%'"
                        + " OR " + f + " = 'spectrum/fits')");
                case "xml" -> ors.add(f + " LIKE '%xml%'");
                case "graphic" -> ors.add("(" + f + " LIKE 'image/%' AND " + f + " NOT LIKE 'image/fits%')");
                default -> ors.add("(" + f + " = " + AdqlLiterals.string(t) + " OR " + f + " LIKE "
                        + AdqlLiterals.string(t + ";%") + ")");
            }
        }
        return "(" + String.join(" OR ", ors) + ")";
    }
}
