package meridian.server.tap;

import meridian.adql.RowFilter;
import meridian.sql.model.MetadataModel;

/**
 * ADQL text to an executable query, as the TAP endpoints need it. The production planner is
 * {@link AdqlQueryPlanner}, backed by the {@code adql} module; thread-safe.
 */
@FunctionalInterface
public interface QueryPlanner {

    /**
     * Parses, checks against {@code model} and translates a query.
     *
     * @param adql    the QUERY parameter
     * @param version the ADQL version the LANG parameter asked for ({@code 2.0} or {@code 2.1})
     * @param model   tables the query may use
     * @param rows    the rows of stored tables the caller may see (from its identity)
     * @throws meridian.server.http.Fault (usage) naming the problem, with line and column for
     *         syntax errors
     */
    PlannedQuery plan(String adql, String version, MetadataModel model, RowFilter rows);
}
