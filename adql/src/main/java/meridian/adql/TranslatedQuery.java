package meridian.adql;

import java.util.List;

/**
 * An ADQL query checked against the metadata model and translated to one SQL dialect.
 *
 * @param sql     the SQL to execute as it is (no parameters; it selects exactly
 *                {@code columns.size()} columns, in order)
 * @param columns the result columns, in SELECT order
 * @param adql    the query as ADQLlib normalised it (for logs and job metadata)
 * @param integerArithmetic the query's 64-bit integer expressions as ADQL (arithmetic of
 *                integers, sums of integers): where an out-of-range error (SQLSTATE 22003) comes
 *                from, so that the message can name them
 */
public record TranslatedQuery(String sql, List<ResultColumn> columns, String adql, List<String> integerArithmetic) {

    public TranslatedQuery {
        columns = List.copyOf(columns);
        integerArithmetic = List.copyOf(integerArithmetic);
    }

    public TranslatedQuery(String sql, List<ResultColumn> columns, String adql) {
        this(sql, columns, adql, List.of());
    }
}
