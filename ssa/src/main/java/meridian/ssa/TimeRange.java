package meridian.ssa;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * An ISO 8601 time interval of the SSA TIME or MTIME parameter ({@code start/end}, {@code start/},
 * {@code /end} or a single instant meaning "contains this instant"); null bounds are open. A date
 * without a time as the upper bound means the end of that day. Times are UTC (the offset
 * {@code Z} is allowed).
 *
 * @param start lower bound or null
 * @param end   upper bound or null
 */
public record TimeRange(Instant start, Instant end) {

    /** MJD 0 is 1858-11-17T00:00Z, 40587 days before the Unix epoch. */
    private static final double MJD_UNIX_EPOCH = 40_587.0;
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * @param name the parameter, for messages
     * @throws SsaException on malformed times and inverted intervals
     */
    public static TimeRange parse(String name, String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash < 0) {
            Instant t = instant(name, s, false);
            return new TimeRange(t, DATE_ONLY.matcher(s).matches() ? instant(name, s, true) : t);
        }
        if (s.indexOf('/', slash + 1) >= 0) {
            throw new SsaException(name + ": '" + text + "' is not an ISO 8601 interval (start/end)");
        }
        String a = s.substring(0, slash).trim();
        String b = s.substring(slash + 1).trim();
        if (a.isEmpty() && b.isEmpty()) {
            throw new SsaException(name + ": the interval '" + text + "' has neither start nor end");
        }
        Instant start = a.isEmpty() ? null : instant(name, a, false);
        Instant end = b.isEmpty() ? null : instant(name, b, true);
        if (start != null && end != null && start.isAfter(end)) {
            throw new SsaException(name + ": the interval '" + text + "' is inverted (start after end)");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String s, boolean endOfDay) {
        try {
            if (DATE_ONLY.matcher(s).matches()) {
                LocalDate d = LocalDate.parse(s);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            String t = s.endsWith("Z") ? s.substring(0, s.length() - 1) : s;
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SsaException(name + ": '" + s + "' is not an ISO 8601 date or date-time"
                    + " (e.g. 2021-03-04 or 2021-03-04T05:06:07)");
        }
    }

    /** An instant as Modified Julian Date (UTC, no leap-second correction; ObsCore t_min is MJD). */
    public static double mjd(Instant t) {
        return MJD_UNIX_EPOCH + (t.getEpochSecond() + t.getNano() / 1e9) / 86_400.0;
    }

    /** The interval in MJD, open bounds null. */
    public Range mjd() {
        return new Range(start == null ? null : mjd(start), end == null ? null : mjd(end));
    }
}
