package meridian.server.ssa;

import java.util.List;
import uk.ac.starlink.table.ColumnInfo;

/**
 * VOTable RESOURCEs appended to an SSA response after the results RESOURCE, through
 * {@link meridian.server.results.ResultContext#trailingXml()}: the hook for DataLink service
 * descriptors ({@code <RESOURCE type="meta" utype="adhoc:service">}) once DataLink exists.
 * Implementations may give result columns a VOTable ID (STIL's {@code VOStarTable.ID_INFO}
 * auxiliary datum) so that a descriptor's {@code PARAM ref} can point at the publisher DID column
 * ({@link meridian.ssa.SsaFields#PUBLISHER_DID}). Thread-safe.
 */
@FunctionalInterface
public interface ResultResources {

    /** No extra resources. */
    ResultResources NONE = (base, columns) -> List.of();

    /**
     * The fragments for one response.
     *
     * @param serviceBase the public base URL of the service (e.g. {@code https://host/meridian})
     * @param columns     the response's columns, in order; may be annotated with IDs
     * @return complete {@code RESOURCE} elements, in order
     */
    List<String> forResult(String serviceBase, List<ColumnInfo> columns);
}
