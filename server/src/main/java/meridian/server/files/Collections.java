package meridian.server.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.CollectionKind;
import meridian.ingest.FileLocator;
import meridian.ingest.IngestSettings;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.server.config.MeridianConfig;
import meridian.sql.Database;
import meridian.sql.archive.StoredCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collections this archive serves files for: every definition in the configured
 * collections directory ({@code archive.collections_dir}, default {@code conf/collections}) and
 * the demo collections under {@code <data_dir>/demo/collections}, and, when built with the
 * archive's database, every published collection whose definition the ingestor stored
 * ({@link StoredCollections}), wherever its YAML file lay: a definition in the directories wins
 * over the stored one of the same name, so that an edit there takes effect without re-ingesting.
 * Also the ingestion settings derived from the configuration, so the CLI, the demo loader and the
 * file endpoint agree.
 */
public final class Collections {

    private static final Logger LOG = LoggerFactory.getLogger(Collections.class);

    private final MeridianConfig config;
    private final Database database;

    /** The collections of the directories only (the command line, before an archive is open). */
    public Collections(MeridianConfig config) {
        this(config, null);
    }

    /** The collections of the directories and those published in {@code database}. */
    public Collections(MeridianConfig config, Database database) {
        this.config = config;
        this.database = database;
    }

    /** Where the demo archive's collection definitions are written. */
    public Path demoDir() {
        return config.dataDir().resolve("demo").resolve("collections");
    }

    /**
     * Ingestion settings: authority, archive schema, the data directory as data root, and links
     * to this service stored relative to it ({@code /files/...}), made absolute with each
     * request's base URL when they are served ({@link meridian.sql.archive.AccessReferences}).
     */
    public IngestSettings settings() {
        return settings("");
    }

    /**
     * Ingestion settings whose links to this service are stored absolute, starting with
     * {@code accessUrlBase} (only for tests of archives written so; {@link #settings()} is what
     * ingestion uses).
     */
    public IngestSettings settings(String accessUrlBase) {
        return new IngestSettings(config.service().authority(), config.archive().schema(),
                List.of(config.dataDir()), accessUrlBase);
    }

    /**
     * Reads every collection definition in the collection directories. Definitions that do not
     * load are logged and left out (the ingest command reports them in full).
     */
    public List<CollectionDefinition> definitions() {
        List<CollectionDefinition> defs = new ArrayList<>();
        for (Path dir : List.of(config.collectionsDir(), demoDir())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> yamls = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                for (Path yaml : yamls) {
                    try {
                        defs.add(CollectionDefinition.load(yaml));
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("collection definition {} is not served: {}", yaml, e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", dir, e.getMessage());
            }
        }
        if (database != null) {
            Set<String> named = new HashSet<>();
            defs.forEach(d -> named.add(d.name()));
            for (StoredCollections.Stored s : stored()) {
                if (!named.contains(s.name())) {
                    try {
                        defs.add(CollectionDefinition.parse(s.yaml(), Path.of(s.source())));
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("stored definition of collection {} (from {}) is not served: {}", s.name(), s.source(),
                                e.getMessage());
                    }
                }
            }
        }
        return defs;
    }

    private List<StoredCollections.Stored> stored() {
        try {
            return StoredCollections.load(database, config.archive().schema());
        } catch (SQLException e) {
            // the directories' collections are still served; the next call tries again
            LOG.warn("cannot read the stored collection definitions: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Every catalogue definition ({@code kind: catalogue}) in the collection directories; those
     * that do not load are left out (the ingest command reports them).
     */
    public List<CatalogueDefinition> catalogues() {
        List<CatalogueDefinition> defs = new ArrayList<>();
        for (Path dir : List.of(config.collectionsDir(), demoDir())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> yamls = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                for (Path yaml : yamls) {
                    try {
                        if (CollectionKind.of(yaml).equals(CollectionKind.CATALOGUE)) {
                            defs.add(CatalogueDefinition.load(yaml));
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("{} is not a usable catalogue definition: {}", yaml, e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", dir, e.getMessage());
            }
        }
        return defs;
    }

    /** A locator for the files of every defined collection whose root lies in the data directory. */
    public FileLocator locator() {
        List<CollectionDefinition> usable = new ArrayList<>();
        IngestSettings settings = settings("");
        for (CollectionDefinition d : definitions()) {
            try {
                settings.collectionRoot(d);
                usable.add(d);
            } catch (IOException | RuntimeException e) {
                LOG.warn("collection {} is not served: {}", d.name(), e.getMessage());
            }
        }
        try {
            return FileLocator.of(settings, usable);
        } catch (IOException e) {
            throw new IllegalStateException("checked above", e);
        }
    }
}
