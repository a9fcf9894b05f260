package meridian.ingest.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one ObsCore column gets its value from a FITS header: exactly one source ({@code keyword},
 * {@code keywords}, {@code constant}, {@code expression}, {@code template}) or none (then only
 * {@code default}), optionally followed by a unit conversion, a value lookup and a closed set of
 * conversions, with a default when the source yields nothing. This is the whole vocabulary; a
 * collection that needs more gets a Java loader, not a script. Immutable.
 *
 * @param keyword    one header keyword
 * @param keywords   header keywords tried in order, the first present wins
 * @param constant   a fixed value (text or number)
 * @param expression arithmetic over keywords ({@link Expression})
 * @param template   text with {@code {KEYWORD}} placeholders
 * @param unit       unit of the source value; converted to the column's unit. Without it, a
 *                   numeric value read from one keyword whose comment starts with a unit in
 *                   brackets ({@code / [arcsec] fibre diameter}, the FITS convention) is in that
 *                   unit ({@link #commentUnit})
 * @param values     lookup table applied to the text value (unlisted values pass unchanged)
 * @param convert    one of {@link #CONVERSIONS}
 * @param defaultValue value when the source yields nothing
 * @param required   when true, a file whose header yields no value is skipped with a reason
 */
public record FieldRule(String keyword, List<String> keywords, Object constant, Expression expression,
                        String template, String unit, Map<String, String> values, String convert,
                        Object defaultValue, boolean required) {

    /** The closed set of value conversions. */
    public static final List<String> CONVERSIONS = List.of("mjd", "timestamp", "upper", "lower", "trim");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final double MJD_UNIX_EPOCH = 40587.0;

    /** A rule reading one keyword, as the shorthand {@code column: KEYWORD} writes it. */
    public static FieldRule ofKeyword(String keyword) {
        return new FieldRule(keyword, null, null, null, null, null, null, null, null, false);
    }

    /** The keywords this rule reads, for error messages. */
    public String describeSource() {
        if (keyword != null) {
            return "keyword " + keyword;
        }
        if (keywords != null) {
            return "keywords " + String.join(", ", keywords);
        }
        if (expression != null) {
            return "expression " + expression;
        }
        if (template != null) {
            return "template " + template;
        }
        return "constant";
    }

    /**
     * Evaluates the rule.
     *
     * @param header     the header keywords
     * @param columnUnit unit of the target column, or null for unitless columns
     * @return a {@link String}, {@link Double} or {@link Instant}, or null when nothing applies
     */
    public Object evaluate(KeywordSource header, String columnUnit) {
        Object v = source(header);
        if (v != null && unit != null && columnUnit != null) {
            Double d = v instanceof Double n ? n : parseNumber(v.toString());
            v = d == null ? null : Units.convert(d, unit, columnUnit);
        } else if (v instanceof Double d && columnUnit != null) {
            String fromComment = commentUnit(header);
            if (fromComment != null) {
                v = convertFromComment(d, fromComment, columnUnit, sourceKeyword(header));
            }
        }
        if (v != null && values != null) {
            String mapped = values.get(v.toString());
            if (mapped != null) {
                v = mapped;
            }
        }
        if (v != null && convert != null) {
            v = convert(v);
        }
        if (v == null && defaultValue != null) {
            v = convert != null && !(defaultValue instanceof Number) ? convert(defaultValue) : defaultValue;
            if (v instanceof Number n && !(v instanceof Double)) {
                v = n.doubleValue();
            }
        }
        return v;
    }

    /**
     * The unit the comment of the keyword this rule reads gives, when the rule names no
     * {@code unit} and reads its value from a single keyword ({@code keyword}, or the one of
     * {@code keywords} present); else null.
     */
    public String commentUnit(KeywordSource header) {
        String k = unit == null ? sourceKeyword(header) : null;
        return k == null ? null : header.commentUnit(k);
    }

    /** The keyword a {@code keyword}/{@code keywords} rule takes its value from, or null. */
    private String sourceKeyword(KeywordSource h) {
        if (keyword != null) {
            return h.has(keyword) ? keyword : null;
        }
        if (keywords != null) {
            for (String k : keywords) {
                if (value(h, k) != null) {
                    return k;
                }
            }
        }
        return null;
    }

    /**
     * {@code value} in {@code from} (a keyword comment's unit) in {@code to}, the column's.
     *
     * @throws IllegalArgumentException naming the keyword when the unit is unknown or measures
     *                                  something else than the column
     */
    public static double convertFromComment(double value, String from, String to, String keyword) {
        if (from.equalsIgnoreCase(to)) {
            return value;
        }
        return value * Units.factor(from, to).orElseThrow(() -> new IllegalArgumentException("keyword " + keyword
                + " has the unit [" + from + "] in its comment, which does not convert to " + to
                + " (give the rule a unit: to override it)"));
    }

    private Object source(KeywordSource h) {
        if (keyword != null) {
            return value(h, keyword);
        }
        if (keywords != null) {
            for (String k : keywords) {
                Object v = value(h, k);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        if (constant != null) {
            return constant instanceof Number n ? (Object) n.doubleValue() : constant.toString();
        }
        if (expression != null) {
            return expression.evaluate(h::number);
        }
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String s = h.string(m.group(1).trim());
                if (s == null) {
                    return null;
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(s));
            }
            m.appendTail(sb);
            return sb.toString();
        }
        return null;
    }

    private static Object value(KeywordSource h, String key) {
        return h.has(key) ? h.value(key) : null;
    }

    private Object convert(Object v) {
        return switch (convert) {
            case "upper" -> v.toString().toUpperCase(Locale.ROOT);
            case "lower" -> v.toString().toLowerCase(Locale.ROOT);
            case "trim" -> v.toString().trim();
            case "mjd" -> v instanceof Double d ? d : isoToMjd(v.toString());
            case "timestamp" -> v instanceof Double d ? mjdToInstant(d) : parseInstant(v.toString());
            default -> throw new IllegalStateException("unknown conversion " + convert);
        };
    }

    private static Double parseNumber(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An ISO-8601 date or date-time (UTC, as FITS DATE-OBS) as MJD, or null when unparsable. */
    public static Double isoToMjd(String iso) {
        Instant t = parseInstant(iso);
        return t == null ? null : MJD_UNIX_EPOCH + t.toEpochMilli() / 86_400_000.0;
    }

    /** An MJD as an instant. */
    public static Instant mjdToInstant(double mjd) {
        return Instant.ofEpochMilli(Math.round((mjd - MJD_UNIX_EPOCH) * 86_400_000.0));
    }

    /** Parses FITS date strings: {@code 2021-03-04}, {@code 2021-03-04T05:06:07.8}, with or without Z. */
    public static Instant parseInstant(String s) {
        String t = s.trim();
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
