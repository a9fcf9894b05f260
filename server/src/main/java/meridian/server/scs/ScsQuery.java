package meridian.server.scs;

import static meridian.ssa.AdqlLiterals.number;

import java.util.stream.Collectors;
import meridian.sql.model.Column;

/**
 * The ADQL query of a cone search. The planner the TAP service uses only takes ADQL text, so the
 * text is generated here from values that cannot change its structure: the cone from parsed,
 * range-checked {@code double}s ({@link meridian.ssa.AdqlLiterals#number}) and the table and
 * column names from the metadata model (delimited identifiers), never from request text. The
 * planner turns {@code CONTAINS(POINT, CIRCLE) = 1} into the backend's positional index test and
 * applies the caller's row filter.
 */
public final class ScsQuery {

    private ScsQuery() {
    }

    /** {@code SELECT <VERB columns> FROM <table> WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(cone))}. */
    public static String adql(ConeTable cone, ScsParameters p) {
        String select = cone.columns(p.verb()).stream().map(c -> identifier(c.name()))
                .collect(Collectors.joining(", "));
        return "SELECT " + select + " FROM " + identifier(cone.table().schema()) + "."
                + identifier(cone.table().name()) + " WHERE 1 = CONTAINS(POINT('ICRS', " + column(cone.ra()) + ", "
                + column(cone.dec()) + "), CIRCLE('ICRS', " + number(p.ra()) + ", " + number(p.dec()) + ", "
                + number(p.sr()) + "))";
    }

    private static String column(Column c) {
        return identifier(c.name());
    }

    /** An ADQL delimited identifier (double quotes doubled), so reserved words and case survive. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
