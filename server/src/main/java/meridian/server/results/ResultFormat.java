package meridian.server.results;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.ac.starlink.votable.DataFormat;

/**
 * The result-writer registry: every output format Meridian writes, the names a client may
 * give in FORMAT/RESPONSEFORMAT (short names and MIME types, case-insensitive), the MIME type
 * of the response and the writer. The capabilities document lists exactly {@link #ALL}.
 *
 * @param mime      MIME type declared in capabilities and sent as Content-Type
 * @param aliases   other accepted FORMAT values (short names first)
 * @param writer    the writer
 * @param extension file name extension for Content-Disposition
 */
public record ResultFormat(String mime, List<String> aliases, ResultWriter writer, String extension) {

    public static final ResultFormat VOTABLE_BINARY2 = new ResultFormat(
            "application/x-votable+xml", List.of("votable", "votable/b2", "votableb2", "text/xml",
            "application/x-votable+xml;serialization=binary2", "application/x-votable+xml; serialization=binary2"),
            new VoTableResultWriter(DataFormat.BINARY2), "vot");
    public static final ResultFormat VOTABLE_TABLEDATA = new ResultFormat(
            "application/x-votable+xml;serialization=TABLEDATA", List.of("votable/td", "votabletd",
            "application/x-votable+xml; serialization=tabledata"),
            new VoTableResultWriter(DataFormat.TABLEDATA), "vot");
    public static final ResultFormat VOTABLE_BINARY = new ResultFormat(
            "application/x-votable+xml;serialization=BINARY", List.of("votable/b", "votableb",
            "application/x-votable+xml; serialization=binary"),
            new VoTableResultWriter(DataFormat.BINARY), "vot");
    public static final ResultFormat FITS = new ResultFormat(
            "application/fits", List.of("fits", "image/fits"), new FitsResultWriter(), "fits");
    public static final ResultFormat CSV = new ResultFormat(
            "text/csv;header=present", List.of("csv", "text/csv"), TextResultWriter.csv(), "csv");
    public static final ResultFormat TSV = new ResultFormat(
            "text/tab-separated-values", List.of("tsv", "tab-separated-values"), TextResultWriter.tsv(), "tsv");

    /** Every format, the default first. */
    public static final List<ResultFormat> ALL =
            List.of(VOTABLE_BINARY2, VOTABLE_TABLEDATA, VOTABLE_BINARY, FITS, CSV, TSV);

    /** The first alias: the short name. */
    public String shortName() {
        return aliases.get(0);
    }

    /** True for the VOTable formats (which can carry status INFOs and service descriptors). */
    public boolean isVoTable() {
        return writer instanceof VoTableResultWriter;
    }

    /**
     * The format a FORMAT/RESPONSEFORMAT value names; the default (VOTable) when none is given.
     * Matching ignores case and blanks around {@code ;}.
     *
     * @return empty when the value names no format Meridian writes
     */
    public static Optional<ResultFormat> forName(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.of(VOTABLE_BINARY2);
        }
        String want = normalise(requested);
        for (ResultFormat f : ALL) {
            if (normalise(f.mime).equals(want)) {
                return Optional.of(f);
            }
            for (String a : f.aliases) {
                if (normalise(a).equals(want)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", ";");
    }
}
