package meridian.adql;

import adql.db.DBType;
import adql.query.operand.function.string.LowerFunction;
import adql.query.operand.function.string.UpperFunction;
import adql.translator.TranslationException;
import meridian.sql.backend.PostgresBackend;
import meridian.sql.model.Table;

/**
 * ADQL to PostgreSQL SQL with pgSphere. PostgreSQL accepts the SQL the Derby translation writes
 * (quoted identifiers, {@code OFFSET/FETCH FIRST}, derived tables for WITH, ORDER BY position),
 * and {@link PostgresBackend} installs functions of the same names and results as Derby's Java
 * functions in schema {@code MERIDIAN}, so this translator extends {@link DerbyTranslator} and
 * changes only what differs:
 * <ul>
 * <li>the positional pre-filter: {@code "MERIDIAN"."POS"(ra, dec) <@ scircle}, answered by the
 *     pgSphere GiST index the backend creates on that expression (cones wider than 90&deg;, which
 *     pgSphere circles cannot express, keep only the exact test), also on restricted tables;</li>
 * <li>type names ({@code DOUBLE PRECISION}, {@code BYTEA}, {@code TEXT}) and {@code RAND(seed)}.</li>
 * </ul>
 * Not thread-safe: one instance per query.
 */
public class PostgresTranslator extends DerbyTranslator {

    /** Added to pre-filter radii (degrees) so that rounding never drops a row the exact test keeps. */
    static final double MARGIN_DEG = 1e-7;

    /**
     * Name, in a restricted table's derived table, of the indexed position expression over the
     * unmasked (RA, Dec): the derived table masks every column, and a pre-filter on
     * {@code POS(CASE ... END, CASE ... END)} would not match the index expression.
     */
    static final String POSITION = "meridian_position";

    /**
     * PostgreSQL has no sky-cell column: its positional index is on an expression of ra and dec,
     * which a restricted table's derived table gives as {@link #POSITION}.
     */
    @Override
    protected java.util.List<String> unmaskedItems(adql.db.DBTable stored, String row) {
        if (stored instanceof ModelTables.ModelDBTable m && m.table().position() != null) {
            Table t = m.table();
            String ra = t.column(t.position().raColumn()).orElseThrow().dbName();
            String dec = t.column(t.position().decColumn()).orElseThrow().dbName();
            return java.util.List.of(PostgresBackend.positionExpression(row + "." + quoted(ra), row + "." + quoted(dec))
                    + " AS " + quoted(POSITION));
        }
        return java.util.List.of();
    }

    /**
     * {@code POS(ra, dec) <@ scircle}: for a constant cone a GiST index scan; for a moving cone
     * (a cross-match) the circle follows the other table's rows, and PostgreSQL probes the index
     * once per outer row. On a restricted table the derived table's {@link #POSITION}, which
     * PostgreSQL expands back to the indexed expression when it flattens the derived table.
     */
    @Override
    protected String positionPrefilter(PositionalConstraint c) throws TranslationException {
        double radius = c.radius() + MARGIN_DEG;
        if (!(radius <= 90)) {
            return null;
        }
        String centreRa = c.cone() != null ? Double.toString(c.cone().ra()) : translate(c.centreRa());
        String centreDec = c.cone() != null ? Double.toString(c.cone().dec()) : translate(c.centreDec());
        String position;
        if (readsRestricted(c.raColumn())) {
            String ra = translate(c.raColumn());
            String quotedRa = quoted(c.raColumn().getDBLink().getDBName());
            position = ra.substring(0, ra.length() - quotedRa.length()) + quoted(POSITION);
        } else {
            position = PostgresBackend.positionExpression(translate(c.raColumn()), translate(c.decColumn()));
        }
        return position + " <@ " + fn("SCIRCLE", centreRa, centreDec, Double.toString(radius));
    }

    private String quoted(String identifier) {
        return appendIdentifier(new StringBuffer(), identifier, true).toString();
    }

    /** PostgreSQL matches grouping expressions in the select list itself. */
    @Override
    protected boolean groupsByDerivedTable() {
        return false;
    }

    /**
     * LOWER and UPPER by Unicode's rules whatever the database's locale (in the C locale
     * PostgreSQL changes ASCII letters only, Derby all): through ICU's root collation.
     */
    @Override
    public String translate(LowerFunction fct) throws TranslationException {
        return "LOWER(" + translate(fct.getParameter(0)) + " COLLATE \"und-x-icu\")";
    }

    @Override
    public String translate(UpperFunction fct) throws TranslationException {
        return "UPPER(" + translate(fct.getParameter(0)) + " COLLATE \"und-x-icu\")";
    }

    /** PostgreSQL compares text exactly, trailing blanks included. */
    @Override
    protected boolean padsText() {
        return false;
    }

    /** PostgreSQL's LIKE escapes with a backslash unless told otherwise. */
    @Override
    protected String likeEscape() {
        return " ESCAPE ''";
    }

    /** PostgreSQL has FULL OUTER JOIN. */
    @Override
    protected boolean rewritesFullJoins() {
        return false;
    }

    @Override
    protected String integerText(String v) {
        return "CAST(" + v + " AS TEXT)";
    }

    /** PostgreSQL's CAST rounds to the nearest integer: truncate first, like Derby (through NUMERIC, exact for 64-bit integers). */
    @Override
    protected String toInteger(String v, String type) {
        return "CAST(TRUNC(CAST(" + v + " AS NUMERIC)) AS " + type + ")";
    }

    @Override
    protected String doubleType() {
        return "DOUBLE PRECISION";
    }

    @Override
    protected String seededRandom(String seed) {
        return fn("RAND", seed);
    }

    @Override
    public String convertTypeToDB(DBType type) {
        if (type == null) {
            return "TEXT";
        }
        return switch (type.type) {
            case DOUBLE -> "DOUBLE PRECISION";
            case BINARY, VARBINARY, BLOB -> "BYTEA";
            case CLOB, VARCHAR -> "TEXT";
            default -> super.convertTypeToDB(type);
        };
    }
}
