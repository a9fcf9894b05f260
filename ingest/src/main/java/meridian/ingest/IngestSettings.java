package meridian.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the ingestor needs from {@code conf/meridian.yaml}.
 *
 * @param authority     IVOA authority of publisher DIDs ({@code service.authority}):
 *                      {@code obs_publisher_did = ivo://<authority>/<collection>?<obs_id>}
 * @param archiveSchema schema of product_files and collections ({@code archive.schema})
 * @param dataRoots     directories files may be read from and served from; a collection's
 *                      relative {@code root} resolves against the first, an absolute one must lie
 *                      inside one of them
 * @param accessUrlBase the {@code {base}} of access URL templates (no trailing slash); files are
 *                      served at {@code <base>/files/<collection>/<path>}. The archive uses an empty
 *                      base: links to the service are stored relative to it ({@code /files/...})
 *                      and made absolute when served ({@code meridian.sql.archive.AccessReferences})
 */
public record IngestSettings(String authority, String archiveSchema, List<Path> dataRoots, String accessUrlBase) {

    public IngestSettings {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(archiveSchema, "archiveSchema");
        if (dataRoots == null || dataRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one data root is needed");
        }
        dataRoots = dataRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        accessUrlBase = accessUrlBase == null ? "" : accessUrlBase.replaceAll("/+$", "");
    }

    /** The directory of a collection: its {@code root} resolved, checked to be inside a data root. */
    public Path collectionRoot(CollectionDefinition def) throws CollectionDefinitionException {
        Path root = dataRoots.get(0).resolve(def.root()).toAbsolutePath().normalize();
        for (Path allowed : dataRoots) {
            if (root.startsWith(allowed)) {
                return root;
            }
        }
        throw new CollectionDefinitionException(def.file(), "root: " + root + " is outside the data roots "
                + dataRoots);
    }
}
