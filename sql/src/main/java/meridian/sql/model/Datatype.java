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
