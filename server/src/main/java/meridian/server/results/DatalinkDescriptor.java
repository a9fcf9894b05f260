package meridian.server.results;

import java.util.ArrayList;
import java.util.List;
import meridian.datalink.ServiceDescriptors;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.votable.VOStarTable;

/**
 * Gives a result's product identifier column (obs_publisher_did, product_files.product_id)
 * a FIELD {@code ID} and builds the DataLink service descriptor that references it, so TOPCAT
 * and pyvo can follow any result row to its links. TAP uses it; SSA calls
 * {@link #decorate} on its result columns the same way and puts
 * {@link Decorated#trailingXml()} into its {@link ResultContext}.
 */
public final class DatalinkDescriptor {

    /** The FIELD ID given to the identifier column. */
    public static final String FIELD_ID = "meridian_product_id";

    private DatalinkDescriptor() {
    }

    /** The result's columns (the identifier one with its ID set) and the descriptors to append. */
    public record Decorated(List<ColumnInfo> columns, List<String> trailingXml) {
        public Decorated {
            columns = List.copyOf(columns);
            trailingXml = List.copyOf(trailingXml);
        }
    }

    /**
     * @param columns     the result's FIELD descriptions
     * @param serviceBase the service's public base URL; null: no descriptor
     * @return the columns (the first identifier column copied with its ID set) and the
     *         descriptor to write after the results RESOURCE (empty without an identifier column)
     */
    public static Decorated decorate(List<ColumnInfo> columns, String serviceBase) {
        if (serviceBase == null) {
            return new Decorated(columns, List.of());
        }
        List<ColumnInfo> out = new ArrayList<>(columns);
        for (int i = 0; i < out.size(); i++) {
            ColumnInfo c = out.get(i);
            if (ServiceDescriptors.isIdentifierColumn(c.getName(), c.getUCD(), c.getUtype())) {
                ColumnInfo withId = new ColumnInfo(c);
                withId.setAuxDatum(new DescribedValue(VOStarTable.ID_INFO, FIELD_ID));
                out.set(i, withId);
                return new Decorated(out, List.of(ServiceDescriptors.forIdentifierColumn(FIELD_ID, serviceBase)));
            }
        }
        return new Decorated(columns, List.of());
    }

    /**
     * Like {@link #decorate}, but sets the FIELD ID on the caller's own column object, for
     * writers that write a table's ColumnInfos as they are (SSA).
     *
     * @return the descriptor to write after the results RESOURCE, or nothing
     */
    public static List<String> annotate(List<ColumnInfo> columns, String serviceBase) {
        if (serviceBase == null) {
            return List.of();
        }
        for (ColumnInfo c : columns) {
            if (ServiceDescriptors.isIdentifierColumn(c.getName(), c.getUCD(), c.getUtype())) {
                c.setAuxDatum(new DescribedValue(VOStarTable.ID_INFO, FIELD_ID));
                return List.of(ServiceDescriptors.forIdentifierColumn(FIELD_ID, serviceBase));
            }
        }
        return List.of();
    }
}
