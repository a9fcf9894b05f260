package meridian.server;

import java.sql.SQLException;
import java.util.List;
import meridian.adql.QueryTranslator;
import meridian.server.config.MeridianConfig;
import meridian.server.tap.AdqlQueryPlanner;
import meridian.server.tap.QueryPlanner;
import meridian.server.vosi.LanguageFeature;
import meridian.sql.Database;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.Backend;
import meridian.sql.backend.DerbyBackend;
import meridian.sql.backend.PostgresBackend;
import meridian.sql.catalog.CatalogueStore;
import meridian.sql.geom.GeometryFunctions;

/**
 * The archive behind a running service: the database (created on first start, reused after)
 * with its metadata model, and the ADQL planner for its dialect. Close it after the server stops.
 */
public final class Archive implements AutoCloseable {

    private final MeridianConfig config;
    private final Database database;
    private final MeridianServer.Parts parts;

    private Archive(MeridianConfig config, Database database, QueryPlanner planner, List<LanguageFeature> features) {
        this.config = config;
        this.database = database;
        this.parts = new MeridianServer.Parts(database, planner, features);
    }

    /**
     * Opens the archive the configuration describes, creating its tables when they are missing
     * and publishing the catalogues loaded earlier.
     */
    public static Archive open(MeridianConfig config) throws SQLException {
        var dbConfig = config.databaseConfig();
        Backend backend = switch (dbConfig.kind()) {
            case "derby" -> new DerbyBackend(List.of(GeometryFunctions.derbyInstaller()));
            case "postgresql" -> new PostgresBackend();
            default -> throw new IllegalArgumentException("database.kind " + dbConfig.kind() + " is not supported");
        };
        Database db = Database.open(dbConfig, backend,
                ArchiveModel.create(config.archive().schema(), config.service().title()));
        try {
            CatalogueStore.publishStored(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return new Archive(config, db, new AdqlQueryPlanner(QueryTranslator.forBackend(backend.name())),
                AdqlQueryPlanner.features());
    }

    /** The configuration the archive was opened with. */
    public MeridianConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public MeridianServer.Parts parts() {
        return parts;
    }

    @Override
    public void close() {
        database.close();
    }
}
