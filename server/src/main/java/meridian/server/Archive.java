package meridian.server;

import java.sql.SQLException;
import java.util.List;
import meridian.adql.QueryTranslator;
import meridian.server.config.ConfigException;
import meridian.server.config.MeridianConfig;
import meridian.server.tap.AdqlQueryPlanner;
import meridian.server.tap.QueryPlanner;
import meridian.server.vosi.LanguageFeature;
import meridian.sql.Database;
import meridian.sql.archive.AccessReferences;
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
        Database db;
        try {
            db = Database.open(dbConfig, backend, ArchiveModel.create(config.archive().schema(),
                    config.service().title()), CatalogueStore.opening(backend));
        } catch (SQLException e) {
            if (inUseByAnotherProcess(e)) {
                throw new ConfigException("the Derby database " + dbConfig.derbyPath() + " is open in another process"
                        + " (a running ./meridian serve?). Embedded Derby lets one process use it at a time: stop"
                        + " the server, run this command, start the server again. With PostgreSQL (README,"
                        + " \"PostgreSQL\") ingest and catalogue commands run while the server serves, and it"
                        + " picks their changes up within seconds.");
            }
            throw e;
        }
        try {
            CatalogueStore.dropRetiredOnOpen(db);
            AccessReferences.upgrade(db, config.archive().schema(), config.service().baseUrl());
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return new Archive(config, db, new AdqlQueryPlanner(QueryTranslator.forBackend(backend.name())),
                AdqlQueryPlanner.features());
    }

    /** Derby's "Another instance of Derby may have already booted the database" (XSDB6), anywhere in the chain. */
    private static boolean inUseByAnotherProcess(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if ("XSDB6".equals(n.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
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
