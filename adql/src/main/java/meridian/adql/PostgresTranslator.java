package meridian.adql;

import adql.db.DBType;
import adql.translator.TranslationException;
import meridian.sql.backend.PostgresBackend;

/**
 * ADQL to PostgreSQL SQL with pgSphere. PostgreSQL accepts the SQL the Derby translation writes
 * (quoted identifiers, {@code OFFSET/FETCH FIRST}, derived tables for WITH, ORDER BY position),
 * and {@link PostgresBackend} installs functions of the same names and results as Derby's Java
 * functions in schema {@code MERIDIAN}, so this translator extends {@link DerbyTranslator} and
 * changes only what differs:
 * <ul>
 * <li>the positional pre-filter: {@code "MERIDIAN"."POS"(ra, dec) <@ scircle}, answered by the
 *     pgSphere GiST index the backend creates on that expression (cones wider than 90&deg;, which
 *     pgSphere circles cannot express, keep only the exact test);</li>
 * <li>type names ({@code DOUBLE PRECISION}, {@code BYTEA}, {@code TEXT}) and {@code RAND(seed)}.</li>
 * </ul>
 * Not thread-safe: one instance per query.
 */
public class PostgresTranslator extends DerbyTranslator {

    /** Added to pre-filter radii (degrees) so that rounding never drops a row the exact test keeps. */
    static final double MARGIN_DEG = 1e-7;

    /**
     * {@code POS(ra, dec) <@ scircle}: for a constant cone a GiST index scan; for a moving cone
     * (a cross-match) the circle follows the other table's rows, and PostgreSQL probes the index
     * once per outer row.
     */
    @Override
    protected String positionPrefilter(PositionalConstraint c) throws TranslationException {
        double radius = c.radius() + MARGIN_DEG;
        if (!(radius <= 90)) {
            return null;
        }
        String centreRa = c.cone() != null ? Double.toString(c.cone().ra()) : translate(c.centreRa());
        String centreDec = c.cone() != null ? Double.toString(c.cone().dec()) : translate(c.centreDec());
        return PostgresBackend.positionExpression(translate(c.raColumn()), translate(c.decColumn())) + " <@ "
                + fn("SCIRCLE", centreRa, centreDec, Double.toString(radius));
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
