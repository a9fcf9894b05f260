package meridian.adql;

import java.util.List;

/**
 * An ADQL query checked against the metadata model and translated to one SQL dialect.
 *
 * @param sql     the SQL to execute as it is (no parameters; it selects exactly
 *                {@code columns.size()} columns, in order)
 * @param columns the result columns, in SELECT order
 * @param adql    the query as ADQLlib normalised it (for logs and job metadata)
 */
public record TranslatedQuery(String sql, List<ResultColumn> columns, String adql) {

    public TranslatedQuery {
        columns = List.copyOf(columns);
    }
}
