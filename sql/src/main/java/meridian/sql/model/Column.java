package meridian.sql.model;

import java.util.Objects;

/**
 * One column of a published table, with every piece of metadata TAP_SCHEMA 1.1 and VOTable
 * FIELDs carry. Immutable; build with {@link #of(String, Datatype)} and the {@code with}-style
 * setters of {@link Builder}.
 *
 * @param name        column name as TAP_SCHEMA lists it and users write it in ADQL (lower case for
 *                    our own tables); an ADQL reserved word is given delimited, e.g. {@code "size"}
 * @param datatype    VOTable primitive type
 * @param arraysize   VOTable arraysize ({@code null} for scalars, {@code "*"}, {@code "64*"}, {@code "3"})
 * @param xtype       DALI/VOTable xtype ({@code timestamp}, {@code adql:REGION}, {@code point}...) or null
 * @param unit        VOUnit string or null
 * @param ucd         UCD1+ or null
 * @param utype       utype or null
 * @param description free text or null
 * @param principal   listed among the table's principal columns
 * @param indexed     the database has an index on it
 * @param std         defined by a standard (ObsCore, TAP_SCHEMA...)
 * @param nullable    NULL allowed in the database
 */
public record Column(String name, Datatype datatype, String arraysize, String xtype, String unit,
                     String ucd, String utype, String description, boolean principal,
                     boolean indexed, boolean std, boolean nullable) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
    }

    /** The name in the database: {@link #name()} without the delimiting quotes of a reserved word. */
    public String dbName() {
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }

    /** Starts a nullable, non-principal column. */
    public static Builder of(String name, Datatype datatype) {
        return new Builder(name, datatype);
    }

    /** A copy of this column to modify. */
    public Builder toBuilder() {
        Builder b = new Builder(name, datatype);
        b.arraysize = arraysize;
        b.xtype = xtype;
        b.unit = unit;
        b.ucd = ucd;
        b.utype = utype;
        b.description = description;
        b.principal = principal;
        b.indexed = indexed;
        b.std = std;
        b.nullable = nullable;
        return b;
    }

    /**
     * True when each value is an array of numbers or booleans (an arraysize on a non-text
     * datatype: geometry values, catalogue array columns). Databases store them as text, the
     * numbers separated by spaces (VOTable TABLEDATA form), or as STC-S for geometries.
     */
    public boolean isArray() {
        return arraysize != null && !datatype.isText();
    }

    /** True when the column holds text of variable length ({@code char} with a {@code *} arraysize). */
    public boolean isVariableText() {
        return datatype.isText() && arraysize != null && arraysize.endsWith("*");
    }

    /**
     * The largest number of elements the arraysize allows, or -1 when it is unbounded
     * ({@code "*"}) or the column is a scalar.
     */
    public int maxLength() {
        if (arraysize == null) {
            return -1;
        }
        String digits = arraysize.endsWith("*") ? arraysize.substring(0, arraysize.length() - 1) : arraysize;
        if (digits.isEmpty()) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** Mutable builder for {@link Column}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Datatype datatype;
        private String arraysize;
        private String xtype;
        private String unit;
        private String ucd;
        private String utype;
        private String description;
        private boolean principal;
        private boolean indexed;
        private boolean std;
        private boolean nullable = true;

        private Builder(String name, Datatype datatype) {
            this.name = name;
            this.datatype = datatype;
        }

        public Builder arraysize(String v) { this.arraysize = v; return this; }
        public Builder xtype(String v) { this.xtype = v; return this; }
        public Builder unit(String v) { this.unit = v; return this; }
        public Builder ucd(String v) { this.ucd = v; return this; }
        public Builder utype(String v) { this.utype = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder principal() { this.principal = true; return this; }
        public Builder principal(boolean v) { this.principal = v; return this; }
        public Builder indexed() { this.indexed = true; return this; }
        public Builder indexed(boolean v) { this.indexed = v; return this; }
        public Builder std() { this.std = true; return this; }
        public Builder std(boolean v) { this.std = v; return this; }
        public Builder notNull() { this.nullable = false; return this; }
        public Builder nullable(boolean v) { this.nullable = v; return this; }

        public Column build() {
            return new Column(name, datatype, arraysize, xtype, unit, ucd, utype, description,
                    principal, indexed, std, nullable);
        }
    }
}
