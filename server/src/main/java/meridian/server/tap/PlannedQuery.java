package meridian.server.tap;

import java.util.List;
import java.util.function.Function;
import uk.ac.starlink.table.ColumnInfo;

/**
 * A checked, translated query ready to run.
 *
 * @param sql        SQL for the archive database
 * @param columns    one FIELD description per result column, with the TAP_SCHEMA metadata
 * @param converters one converter per column from the JDBC value to the value written
 * @param overflowHint names the query's 64-bit integer expressions for an out-of-range error
 *                   (SQLSTATE 22003), or null
 */
public record PlannedQuery(String sql, List<ColumnInfo> columns, List<Function<Object, Object>> converters,
                           String overflowHint) {

    public PlannedQuery(String sql, List<ColumnInfo> columns, List<Function<Object, Object>> converters) {
        this(sql, columns, converters, null);
    }

    public PlannedQuery {
        columns = List.copyOf(columns);
        converters = List.copyOf(converters);
        if (columns.size() != converters.size()) {
            throw new IllegalArgumentException("one converter per column");
        }
    }
}
