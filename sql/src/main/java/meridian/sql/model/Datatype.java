package meridian.sql.model;

import java.util.Locale;

/**
 * The VOTable primitive datatypes a column can have, spelled as VOTable and TAP_SCHEMA 1.1
 * spell them ({@link #voName()}). Together with a column's arraysize and xtype this fully
 * decides both its SQL type and its VOTable FIELD.
 */
public enum Datatype {
    BOOLEAN("boolean"),
    SHORT("short"),
    INT("int"),
    LONG("long"),
    FLOAT("float"),
    DOUBLE("double"),
    CHAR("char"),
    UNICODE_CHAR("unicodeChar");

    private final String voName;

    Datatype(String voName) {
        this.voName = voName;
    }

    /** The VOTable spelling, as written to TAP_SCHEMA.columns.datatype and FIELD/@datatype. */
    public String voName() {
        return voName;
    }

    /** True for the character types (char, unicodeChar). */
    public boolean isText() {
        return this == CHAR || this == UNICODE_CHAR;
    }

    /** True for the integer and floating-point types. */
    public boolean isNumeric() {
        return this != BOOLEAN && !isText();
    }

    /**
     * The datatype of scalar values of a Java class, as table readers (STIL) deliver them:
     * Boolean, Byte/Short, Integer, Long, Float, Double, String/Character. Empty for arrays and
     * anything else.
     */
    public static java.util.Optional<Datatype> forScalarClass(Class<?> c) {
        Datatype d = null;
        if (c == Boolean.class) {
            d = BOOLEAN;
        } else if (c == Byte.class || c == Short.class) {
            d = SHORT;
        } else if (c == Integer.class) {
            d = INT;
        } else if (c == Long.class) {
            d = LONG;
        } else if (c == Float.class) {
            d = FLOAT;
        } else if (c == Double.class) {
            d = DOUBLE;
        } else if (c == String.class || c == Character.class) {
            d = CHAR;
        }
        return java.util.Optional.ofNullable(d);
    }

    /** Parses a VOTable datatype name, case-insensitively. */
    public static Datatype fromVoName(String name) {
        for (Datatype d : values()) {
            if (d.voName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown VOTable datatype: " + name
                + " (expected one of boolean, short, int, long, float, double, char, unicodeChar)");
    }

}
