package meridian.adql;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import meridian.sql.geom.Stcs;
import meridian.sql.model.Column;

/**
 * Maps JDBC values to the Java types STIL writes for a column's metadata: numbers to the boxed
 * type of the VOTable datatype, timestamps to ISO-8601 text, point/circle/polygon STC-S text to
 * DALI {@code double[]}. NULL stays null. A value that cannot be converted becomes null rather
 * than failing a streaming result half-way. All converters are stateless and thread-safe.
 */
final class ValueConverters {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

    private ValueConverters() {
    }

    /** The converter for values of a column with this metadata. */
    static Function<Object, Object> forColumn(Column c) {
        String xtype = c.xtype() == null ? "" : c.xtype().toLowerCase(Locale.ROOT);
        if (c.isArray()) {
            return switch (c.datatype()) {
                case FLOAT -> v -> toDoubles(v) instanceof double[] d ? floats(d) : null;
                case SHORT -> v -> toDoubles(v) instanceof double[] d ? shorts(d) : null;
                case INT -> v -> toDoubles(v) instanceof double[] d ? ints(d) : null;
                case LONG -> ValueConverters::toLongs;
                case BOOLEAN -> ValueConverters::toBooleans;
                default -> ValueConverters::toDoubles;
            };
        }
        return switch (c.datatype()) {
            case CHAR, UNICODE_CHAR -> "timestamp".equals(xtype) ? ValueConverters::toIsoTimestamp
                    : ValueConverters::toText;
            case BOOLEAN -> ValueConverters::toBoolean;
            case SHORT -> v -> number(v) == null ? null : number(v).shortValue();
            case INT -> v -> number(v) == null ? null : number(v).intValue();
            case LONG -> ValueConverters::toLong;
            case FLOAT -> v -> number(v) == null ? null : number(v).floatValue();
            case DOUBLE -> v -> number(v) == null ? null : number(v).doubleValue();
        };
    }

    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Exact: a long, or text of one, is not passed through a double (53 bits); beyond 64 bits null. */
    private static Object toLong(Object v) {
        if (v instanceof Long || v == null) {
            return v;
        }
        try {
            if (v instanceof java.math.BigDecimal d) {
                return d.toBigIntegerExact().longValueExact();
            }
            if (v instanceof java.math.BigInteger i) {
                return i.longValueExact();
            }
            if (v instanceof String s && s.trim().matches("[-+]?\\d+")) {
                return Long.parseLong(s.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        Number n = number(v);
        return n == null ? null : n.longValue();
    }

    private static Object toBoolean(Object v) {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        Number n = number(v);
        return n == null ? null : n.doubleValue() != 0;
    }

    private static Object toText(Object v) {
        if (v == null || v instanceof String) {
            return v;
        }
        if (v instanceof java.sql.Timestamp) {
            return toIsoTimestamp(v);
        }
        return v.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS}, the DALI timestamp form. */
    static Object toIsoTimestamp(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return ISO.format(t.toLocalDateTime());
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v == null ? null : v.toString();
    }

    private static float[] floats(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    private static short[] shorts(double[] d) {
        short[] out = new short[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (short) d[i];
        }
        return out;
    }

    private static int[] ints(double[] d) {
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** Longs are parsed as such: a double holds 53 bits only. */
    private static Object toLongs(Object v) {
        if (v == null || v instanceof long[]) {
            return v;
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            String[] parts = s.split("[\\s,]+");
            long[] out = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Long.parseLong(parts[i]);
            }
            return out;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object toBooleans(Object v) {
        if (v == null || v instanceof boolean[]) {
            return v;
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        String[] parts = s.split("[\\s,]+");
        boolean[] out = new boolean[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].equalsIgnoreCase("T") || parts[i].equalsIgnoreCase("true") || parts[i].equals("1");
        }
        return out;
    }

    /** STC-S text or a list of numbers to DALI {@code double[]}. */
    static Object toDoubles(Object v) {
        if (v == null || v instanceof double[]) {
            return v;
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (Character.isLetter(s.charAt(0))) {
                return Stcs.parse(s).toDali();
            }
            String[] parts = s.split("[\\s,]+");
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Double.parseDouble(parts[i]);
            }
            return out;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
