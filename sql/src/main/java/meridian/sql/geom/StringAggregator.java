package meridian.sql.geom;

import org.apache.derby.agg.Aggregator;

/**
 * Derby's {@code "MERIDIAN"."IVO_STRING_AGG"} aggregate behind ADQL's {@code ivo_string_agg(expr,
 * delim)}: Derby aggregates take one argument, so each value arrives packed with its delimiter by
 * {@link UserFunctions#stringAggItem} ({@code delim U+0001 value}); the values are joined with the
 * delimiter, in the order Derby passes them. NULL values are skipped; a group without values gives
 * NULL (as PostgreSQL's {@code string_agg}). One instance per group, used by one thread.
 */
public final class StringAggregator implements Aggregator<String, String, StringAggregator> {

    private static final long serialVersionUID = 1L;

    private StringBuilder joined;
    private String delimiter;

    @Override
    public void init() {
        joined = null;
        delimiter = null;
    }

    @Override
    public void accumulate(String item) {
        if (item == null) {
            return;
        }
        int mark = item.indexOf(UserFunctions.AGG_MARK);
        String delim = mark < 0 ? "" : item.substring(0, mark);
        String value = item.substring(mark + 1);
        if (joined == null) {
            joined = new StringBuilder(value);
            delimiter = delim;
        } else {
            joined.append(delim).append(value);
        }
    }

    @Override
    public void merge(StringAggregator other) {
        if (other.joined == null) {
            return;
        }
        if (joined == null) {
            joined = new StringBuilder(other.joined);
            delimiter = other.delimiter;
        } else {
            joined.append(delimiter).append(other.joined);
        }
    }

    @Override
    public String terminate() {
        return joined == null ? null : joined.toString();
    }
}
