package meridian.sql.geom;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bodies of the ADQL user-defined functions that DaCHS and the CDS library made common
 * ({@code ivo_nocasematch}, {@code ivo_hasword}, {@code ivo_hashlist_has},
 * {@code ivo_interval_overlaps}, {@code ivo_healpix_index}, {@code ivo_healpix_center},
 * {@code ivo_string_agg} with {@link StringAggregator}), run by
 * Derby as Java functions {@code "MERIDIAN"."IVO_..."} (installed with the geometry functions);
 * {@code postgresql-functions.sql} defines the same names with the same results for PostgreSQL.
 * SQL NULL in gives NULL out (the functions are declared {@code RETURNS NULL ON NULL INPUT}).
 * Stateless and thread-safe.
 */
public final class UserFunctions {

    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");

    /** Separates the delimiter from the value in the items of {@link StringAggregator}. */
    static final char AGG_MARK = '\u0001';

    private UserFunctions() {
    }

    /**
     * {@code ivo_nocasematch(value, pattern)}: 1 when {@code value} matches the SQL LIKE
     * {@code pattern} ({@code %} any text, {@code _} one character, no escape character) without
     * regard to case, else 0.
     */
    public static int nocasematch(String value, String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '%' || ch == '_') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(ch == '%' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(value).matches() ? 1 : 0;
    }

    /**
     * {@code ivo_hasword(haystack, needle)}: 1 when the words of {@code needle} occur in
     * {@code haystack} as consecutive whole words, without regard to case, else 0. Words are runs
     * of the ASCII letters and digits; everything else separates them.
     */
    public static int hasword(String haystack, String needle) {
        String n = words(needle);
        return !n.isEmpty() && (" " + words(haystack) + " ").contains(" " + n + " ") ? 1 : 0;
    }

    private static String words(String s) {
        return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * {@code ivo_hashlist_has(hashlist, item)}: 1 when {@code item} is one of the {@code #}-separated
     * words of {@code hashlist}, compared without regard to case, else 0.
     */
    public static int hashlistHas(String hashlist, String item) {
        String wanted = item.toLowerCase(Locale.ROOT);
        return Arrays.asList(hashlist.toLowerCase(Locale.ROOT).split("#", -1)).contains(wanted) ? 1 : 0;
    }

    /**
     * {@code ivo_interval_overlaps(l1, h1, l2, h2)}: 1 when the closed intervals [l1, h1] and
     * [l2, h2] share a point (touching counts), 0 when not or when an interval is inverted.
     */
    public static int intervalOverlaps(double l1, double h1, double l2, double h2) {
        return l1 <= h1 && l2 <= h2 && h1 >= l2 && h2 >= l1 ? 1 : 0;
    }

    /** {@code ivo_healpix_index(order, ra, dec)}: the NESTED HEALPix pixel of a position ({@link Healpix}). */
    public static long healpixIndex(int order, double ra, double dec) {
        return Healpix.nestIndex(order, ra, dec);
    }

    /** {@code ivo_healpix_center(order, ipix)}: the centre of a NESTED HEALPix pixel, as an STC-S point. */
    public static String healpixCenter(int order, long pixel) {
        double[] c = Healpix.nestCentre(order, pixel);
        return GeometryFunctions.point(c[0], c[1]);
    }

    /**
     * One item of {@code ivo_string_agg(value, delim)} for Derby's one-argument aggregate
     * {@link StringAggregator}: the delimiter, U+0001, the value.
     */
    public static String stringAggItem(String value, String delim) {
        return delim + AGG_MARK + value;
    }
}
