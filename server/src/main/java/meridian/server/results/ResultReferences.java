package meridian.server.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import meridian.sql.archive.AccessReferences;
import uk.ac.starlink.table.ColumnInfo;

/**
 * Makes the access references of a result absolute as it is written: every column whose UCD has
 * {@code meta.ref.url} (ObsCore {@code access_url} and {@code preview}, product_files
 * {@code access_url}, SSA's {@code Access.Reference}, and a plain selection of any of them under
 * another name) gets the base URL of the request in front of the service-relative references
 * the archive stores ({@link AccessReferences}). Computed values without that UCD are written as
 * the query computed them.
 */
public final class ResultReferences {

    private ResultReferences() {
    }

    /**
     * The converters of a result with those of its reference columns wrapped.
     *
     * @param columns    the result columns
     * @param converters one converter per column
     * @param base       the service's public base URL, without a trailing slash
     */
    public static List<Function<Object, Object>> absolute(List<ColumnInfo> columns,
                                                          List<Function<Object, Object>> converters, String base) {
        List<Function<Object, Object>> out = new ArrayList<>(converters.size());
        for (int i = 0; i < converters.size(); i++) {
            Function<Object, Object> convert = converters.get(i);
            if (AccessReferences.isReferenceUcd(columns.get(i).getUCD())
                    && String.class.equals(columns.get(i).getContentClass())) {
                out.add(v -> {
                    Object c = convert.apply(v);
                    return c instanceof String s ? AccessReferences.absolute(s, base) : c;
                });
            } else {
                out.add(convert);
            }
        }
        return out;
    }
}
