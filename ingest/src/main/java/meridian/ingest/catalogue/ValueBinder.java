package meridian.ingest.catalogue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import meridian.sql.model.Column;

/**
 * Converts a cell as STIL reads it to the column's declared type and binds it to an insert
 * parameter. A value that does not fit (text in a number column, 3.5 in an integer column, a
 * number out of range, text longer than the arraysize, an empty key) throws
 * {@link IllegalArgumentException} with the reason; the loader adds file, row and column.
 * NaN and empty text become NULL. An array (a {@linkplain Column#isArray() array column}) is
 * stored as text, its elements separated by spaces (VOTable TABLEDATA form: {@code 1.5 NaN 3});
 * an empty array is NULL, and a fixed arraysize must be met exactly. The one state kept is
 * whether some text held a non-ASCII character ({@link #sawNonAscii}); one loading thread.
 */
final class ValueBinder {

    private final Column column;
    private final boolean required;
    private final int maxLength;
    private final int sqlType;
    private boolean nonAscii;

    /**
     * @param required NULL is refused (primary-key columns)
     */
    ValueBinder(Column column, boolean required) {
        this.column = column;
        this.required = required;
        this.maxLength = column.maxLength();
        this.sqlType = sqlType(column);
    }

    /** Converts {@code v} and sets parameter {@code i}. */
    void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        Object value = convert(v);
        if (value == null) {
            ps.setNull(i, sqlType);
            return;
        }
        switch (sqlType) {
            case Types.BOOLEAN -> ps.setBoolean(i, (Boolean) value);
            case Types.SMALLINT -> ps.setShort(i, ((Number) value).shortValue());
            case Types.INTEGER -> ps.setInt(i, ((Number) value).intValue());
            case Types.BIGINT -> ps.setLong(i, ((Number) value).longValue());
            case Types.REAL -> ps.setFloat(i, ((Number) value).floatValue());
            case Types.DOUBLE -> ps.setDouble(i, ((Number) value).doubleValue());
            case Types.TIMESTAMP -> ps.setTimestamp(i, (Timestamp) value);
            default -> ps.setString(i, (String) value);
        }
    }

    /**
     * Converts {@code v} and appends it as a field of a Derby import file (see
     * {@link DerbyImportFile}): nothing for NULL (an empty unquoted field), text in double quotes
     * with inner quotes doubled, numbers as {@link Double#toString}/{@link Float#toString}/
     * {@link Long#toString} (every digit needed to read the same value back), timestamps as JDBC
     * escape text ({@code yyyy-mm-dd hh:mm:ss.f}, followed by {@code BC} before year 1).
     */
    void appendImportField(StringBuilder out, Object v) {
        Object value = convert(v);
        if (value == null) {
            return;
        }
        switch (sqlType) {
            // Derby reads a REAL field with Float.parseFloat: the shortest text is exact
            case Types.REAL -> out.append(((Number) value).floatValue());
            case Types.DOUBLE -> out.append(((Number) value).doubleValue());
            case Types.BOOLEAN, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> out.append(value);
            case Types.TIMESTAMP -> {
                // Timestamp.toString drops the era: 100 BC would read back as 100 AD
                out.append(value);
                if (beforeChrist((Timestamp) value)) {
                    out.append(" BC");
                }
            }
            default -> {
                String s = (String) value;
                out.append('"');
                if (s.indexOf('"') < 0) {
                    out.append(s);
                } else {
                    out.append(s.replace("\"", "\"\""));
                }
                out.append('"');
            }
        }
    }

    /** Before year 1 AD (cheap test first: every instant after year 5 AD is not). */
    private static boolean beforeChrist(Timestamp t) {
        if (t.getTime() > -62_000_000_000_000L) {
            return false;
        }
        java.util.Calendar cal = new java.util.GregorianCalendar();
        cal.setTime(t);
        return cal.get(java.util.Calendar.ERA) == java.util.GregorianCalendar.BC;
    }

    /** The value as stored: Boolean, Long, Double, Timestamp or String; null for NULL. */
    Object convert(Object v) {
        Object out = v == null ? null : column.isArray() ? arrayText(v) : switch (sqlType) {
            case Types.BOOLEAN -> bool(v);
            case Types.SMALLINT -> integral(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case Types.INTEGER -> integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case Types.BIGINT -> integral(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case Types.REAL, Types.DOUBLE -> real(v);
            case Types.TIMESTAMP -> timestamp(v);
            default -> text(v);
        };
        if (out == null && required) {
            throw new IllegalArgumentException("empty value in a primary-key column");
        }
        return out;
    }

    private static int sqlType(Column c) {
        if ("timestamp".equals(c.xtype())) {
            return Types.TIMESTAMP;
        }
        if (c.isArray()) {
            return Types.VARCHAR;
        }
        return switch (c.datatype()) {
            case BOOLEAN -> Types.BOOLEAN;
            case SHORT -> Types.SMALLINT;
            case INT -> Types.INTEGER;
            case LONG -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case CHAR, UNICODE_CHAR -> Types.VARCHAR;
        };
    }

    private Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "" -> null;
            case "true", "t", "1", "yes" -> Boolean.TRUE;
            case "false", "f", "0", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + v + "' is not a boolean");
        };
    }

    private Long integral(Object v, long min, long max) {
        long l;
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return null;
            }
            if (d != Math.rint(d) || d < min || d > max) {
                throw new IllegalArgumentException(v + " does not fit " + column.datatype().voName());
            }
            l = (long) d;
        } else if (v instanceof Number n) {
            l = n.longValue();
        } else {
            String s = v.toString().trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                l = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not an integer (" + column.datatype().voName() + ")");
            }
        }
        if (l < min || l > max) {
            throw new IllegalArgumentException(l + " does not fit " + column.datatype().voName());
        }
        return l;
    }

    private Double real(Object v) {
        double d;
        if (v instanceof Float f && sqlType == Types.DOUBLE) {
            // the decimal the file wrote (STIL may read text as float), not the float's binary value
            d = Double.parseDouble(f.toString());
        } else if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            String s = v.toString().trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a number (" + column.datatype().voName() + ")");
            }
        }
        if (Double.isNaN(d)) {
            return null;
        }
        if (Double.isInfinite(d) || (sqlType == Types.REAL && Math.abs(d) > Float.MAX_VALUE)) {
            throw new IllegalArgumentException(d + " does not fit " + column.datatype().voName());
        }
        return d;
    }

    private Timestamp timestamp(Object v) {
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Timestamp.valueOf(s.endsWith("Z") ? OffsetDateTime.parse(s).toLocalDateTime()
                    : LocalDateTime.parse(s.length() == 10 ? s + "T00:00:00" : s.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not an ISO 8601 timestamp");
        }
    }

    /** The most characters an array's text may have (Derby's longest VARCHAR). */
    static final int MAX_ARRAY_TEXT = 32_672;

    private String arrayText(Object v) {
        if (!v.getClass().isArray()) {
            throw new IllegalArgumentException("'" + v + "' is not an array (arraysize " + column.arraysize() + ")");
        }
        int n = java.lang.reflect.Array.getLength(v);
        if (n == 0) {
            return null;
        }
        if (maxLength >= 0 && !column.arraysize().endsWith("*") && n != maxLength) {
            throw new IllegalArgumentException("an array of " + n + " values, not " + maxLength + " (arraysize "
                    + column.arraysize() + ")");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Object e = java.lang.reflect.Array.get(v, i);
            sb.append(i == 0 ? "" : " ");
            if (e instanceof Boolean b) {
                sb.append(b ? 'T' : 'F');
            } else if (e instanceof Float f) {
                sb.append(f.floatValue()); // the shortest text that reads back as the same float
            } else if (e instanceof Double || e instanceof Long || e instanceof Integer || e instanceof Short) {
                sb.append(e);
            } else if (e instanceof Byte b) {
                sb.append(b & 0xff); // FITS bytes are unsigned
            } else {
                throw new IllegalArgumentException("an array of " + e.getClass().getSimpleName()
                        + " values, not of " + column.datatype().voName());
            }
        }
        if (sb.length() > MAX_ARRAY_TEXT) {
            throw new IllegalArgumentException("an array of " + n + " values is too long to store (more than "
                    + MAX_ARRAY_TEXT + " characters as text)");
        }
        return sb.toString();
    }

    /** True once a text value with a character beyond ASCII was converted. */
    boolean sawNonAscii() {
        return nonAscii;
    }

    private String text(Object v) {
        String s = v instanceof Character c ? c.toString() : v.toString();
        if (s.isEmpty()) {
            return null; // FITS and CSV have no other way to write a missing string
        }
        if (!nonAscii && !s.chars().allMatch(ch -> ch < 128)) {
            nonAscii = true;
        }
        if (maxLength >= 0 && s.length() > maxLength) {
            throw new IllegalArgumentException("'" + s + "' is longer than " + maxLength + " characters (arraysize "
                    + column.arraysize() + ")");
        }
        return s;
    }
}
