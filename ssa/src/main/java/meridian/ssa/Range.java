package meridian.ssa;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A closed numeric interval of an SSA range parameter ({@code lo/hi}, {@code lo/}, {@code /hi} or
 * a single value meaning "contains this value"); a null bound is open.
 *
 * @param lo lower bound or null
 * @param hi upper bound or null
 */
public record Range(Double lo, Double hi) {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    public Range {
        if (lo != null && hi != null && lo > hi) {
            throw new IllegalArgumentException("inverted");
        }
    }

    /** A single value: lower and upper bound are equal. */
    public static Range of(double value) {
        return new Range(value, value);
    }

    /**
     * Parses a comma-separated list of ranges.
     *
     * @param name  the parameter, for messages
     * @param value the parameter value
     * @throws SsaException on malformed numbers, empty or inverted ranges
     */
    public static List<Range> parseList(String name, String value) {
        List<Range> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            out.add(parse(name, part));
        }
        return out;
    }

    /** Parses one range; see {@link #parseList}. */
    public static Range parse(String name, String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash < 0) {
            double v = number(name, s);
            return of(v);
        }
        if (s.indexOf('/', slash + 1) >= 0) {
            throw new SsaException(name + ": '" + text + "' is not a range (lo/hi, lo/, /hi or a value)");
        }
        String a = s.substring(0, slash).trim();
        String b = s.substring(slash + 1).trim();
        if (a.isEmpty() && b.isEmpty()) {
            throw new SsaException(name + ": the range '" + text + "' has neither a lower nor an upper bound");
        }
        Double lo = a.isEmpty() ? null : number(name, a);
        Double hi = b.isEmpty() ? null : number(name, b);
        if (lo != null && hi != null && lo > hi) {
            throw new SsaException(name + ": the range '" + text + "' is inverted (lower bound above upper bound)");
        }
        return new Range(lo, hi);
    }

    /**
     * Parses a DALI numeric interval as SIA 2.0 writes it: {@code lo hi} separated by blanks, with
     * {@code -Inf} and {@code +Inf} (or {@code Inf}) for open ends, or a single value meaning
     * "contains this value". Both bounds are included.
     *
     * @param name the parameter, for messages
     * @throws SsaException on malformed numbers, more than two values and inverted intervals
     */
    public static Range parseInterval(String name, String text) {
        String[] words = text.trim().split("\\s+");
        if (words.length > 2 || words[0].isEmpty()) {
            throw new SsaException(name + ": '" + text + "' is not a value or an interval (lower upper, -Inf and"
                    + " +Inf for open ends)");
        }
        if (words.length == 1) {
            return of(number(name, words[0]));
        }
        Double lo = words[0].equalsIgnoreCase("-Inf") ? null : number(name, words[0]);
        Double hi = words[1].equalsIgnoreCase("+Inf") || words[1].equalsIgnoreCase("Inf") ? null : number(name, words[1]);
        if (lo != null && hi != null && lo > hi) {
            throw new SsaException(name + ": the interval '" + text + "' is inverted (lower bound above upper bound)");
        }
        return new Range(lo, hi);
    }

    /** A finite decimal number, or the SsaException naming the parameter. */
    public static double number(String name, String text) {
        String s = text.trim();
        if (!NUMBER.matcher(s).matches()) {
            throw new SsaException(name + ": '" + text + "' is not a number");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new SsaException(name + ": '" + text + "' is out of range");
        }
        return v;
    }

    /** This range with both bounds multiplied by a positive factor. */
    Range scaled(double factor) {
        return new Range(lo == null ? null : lo * factor, hi == null ? null : hi * factor);
    }
}
