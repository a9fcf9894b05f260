package meridian.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.backend.Backend;
import meridian.sql.model.Column;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open archive database: a connection pool, its {@link Backend} and the metadata model it
 * publishes. {@link #open} creates missing schemas and tables from the model and regenerates
 * TAP_SCHEMA, so a new data directory becomes a working (empty) archive. Thread-safe; close it
 * once, when the server stops.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource pool;
    private final Backend backend;
    private volatile MetadataModel model;
    private volatile long publishedAt = System.currentTimeMillis();

    private Database(DatabaseConfig config, HikariDataSource pool, Backend backend, MetadataModel model) {
        this.config = config;
        this.pool = pool;
        this.backend = backend;
        this.model = model;
    }

    /**
     * Opens (creating if needed) the database, installs the backend's functions, creates every
     * table of {@code model} that does not exist yet and rewrites TAP_SCHEMA from the model.
     */
    public static Database open(DatabaseConfig config, Backend backend, MetadataModel model) throws SQLException {
        return open(config, backend, model, (c, m) -> m);
    }

    /**
     * As {@link #open(DatabaseConfig, Backend, MetadataModel)}, publishing the model that
     * {@code extend} makes of {@code model} inside the opening transaction (e.g. with the stored
     * catalogues added), so that TAP_SCHEMA is written once, complete.
     */
    public static Database open(DatabaseConfig config, Backend backend, MetadataModel model, ModelChange extend)
            throws SQLException {
        if ("derby".equals(config.kind())) {
            // fail at once (not after the pool's connection timeout) when another process has it open
            DriverManager.getConnection(config.url()).close();
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        if (config.user() != null) {
            hc.setUsername(config.user());
        }
        if (config.password() != null) {
            hc.setPassword(config.password());
        }
        hc.setMaximumPoolSize(Math.max(2, config.poolSize()));
        hc.setPoolName("meridian-" + backend.name());
        hc.setInitializationFailTimeout(-1);
        Database db = new Database(config, new HikariDataSource(hc), backend, model);
        try {
            db.publish(extend);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Work done inside the transaction that publishes a model. */
    @FunctionalInterface
    public interface InTransaction {
        /** Runs on the publishing connection; the caller commits or rolls back. */
        void run(Connection connection) throws SQLException;
    }

    /**
     * A change of the published model computed inside the publishing transaction, from what the
     * database holds then (e.g. the catalogue records, under a lock other writers wait for).
     */
    @FunctionalInterface
    public interface ModelChange {
        /**
         * The model to publish, made from {@code current} (the model published now) with
         * whatever {@code connection} reads; may also write. The caller commits or rolls back.
         */
        MetadataModel apply(Connection connection, MetadataModel current) throws SQLException;
    }

    private void createMissingTables(Connection c, MetadataModel m) throws SQLException {
        for (Schema s : m.schemas()) {
            backend.ensureSchema(c, s.name());
            for (Table t : s.tables()) {
                if (!backend.tableExists(c, t)) {
                    try (Statement st = c.createStatement()) {
                        for (String ddl : backend.createTable(t)) {
                            st.execute(ddl);
                        }
                    }
                } else {
                    addMissingColumns(c, t);
                }
            }
        }
    }

    /**
     * Adds the nullable columns a newer model has and an existing table lacks (e.g. optional
     * ObsCore columns added in a later release, or the hidden per-product groups of ivoa.obscore),
     * so an archive created earlier keeps working;
     * their values are NULL until the data are ingested again.
     */
    private void addMissingColumns(Connection c, Table t) throws SQLException {
        Set<String> stored = new HashSet<>();
        // the result metadata, not DatabaseMetaData.getColumns: Derby cannot list the columns of a
        // table with a long generated-column expression (the spatial index key of ivoa.obscore)
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + backend.qualified(t) + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                stored.add(md.getColumnName(i));
            }
        }
        if (stored.isEmpty()) {
            return; // not readable through the metadata: leave the table alone
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.addAll(ObscoreTable.hiddenColumns(t));
        for (Column col : columns) {
            if (col.nullable() && !stored.contains(col.name())) {
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE " + backend.qualified(t) + " ADD COLUMN " + backend.quote(col.name())
                            + " " + backend.sqlType(col));
                }
            }
        }
    }

    /**
     * Publishes a changed model (a new catalogue, a changed description): creates its missing
     * tables and rewrites TAP_SCHEMA. Readers see the old or the new model, never a mix.
     */
    public void publish(MetadataModel newModel) throws SQLException {
        publish(newModel, c -> { });
    }

    /**
     * Publishes a changed model together with {@code work} (e.g. recording which stored table
     * now holds a catalogue) in one transaction. The new model becomes {@link #model()} only when
     * that transaction has committed, so a query is planned wholly against the old or the new
     * model; on failure nothing changes.
     */
    public void publish(MetadataModel newModel, InTransaction work) throws SQLException {
        publish((c, current) -> {
            work.run(c);
            return newModel;
        });
    }

    /**
     * Publishes the model {@code change} computes inside the transaction that creates its missing
     * tables and rewrites TAP_SCHEMA; it becomes {@link #model()} when that transaction has
     * committed. On failure nothing changes.
     */
    public synchronized void publish(ModelChange change) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            MetadataModel next;
            try {
                backend.prepare(c);
                next = change.apply(c, model);
                createMissingTables(c, next);
                new TapSchemaWriter(backend).write(c, next);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            this.model = next;
            this.publishedAt = System.currentTimeMillis();
        }
    }

    /**
     * Makes the model {@code read} computes the published one without writing anything: for a
     * change another process (a command-line ingest on the same database) has already written
     * to the database and its TAP_SCHEMA. Serialised with {@link #publish}, so a concurrent
     * publication in this process is never overwritten by an older reading.
     */
    public synchronized void adopt(ModelChange read) throws SQLException {
        MetadataModel next;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            next = read.apply(c, model);
        }
        if (next != model) {
            this.model = next;
            this.publishedAt = System.currentTimeMillis();
        }
    }

    /** When the current model was published (epoch milliseconds): the Last-Modified of metadata documents. */
    public long publishedAt() {
        return publishedAt;
    }

    /** The model currently published. */
    public MetadataModel model() {
        return model;
    }

    /** How the database was opened (for a Derby database, where its directory is). */
    public DatabaseConfig config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A pooled connection; the caller closes it. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Closes the pool and, for embedded Derby, shuts the database down cleanly. */
    @Override
    public void close() {
        pool.close();
        if ("derby".equals(config.kind())) {
            String url = "jdbc:derby:" + config.derbyPath().toAbsolutePath() + ";shutdown=true";
            try {
                DriverManager.getConnection(url).close();
            } catch (SQLException expected) {
                // Derby reports a successful shutdown as SQLState 08006
                if (!"08006".equals(expected.getSQLState()) && !"XJ004".equals(expected.getSQLState())) {
                    LOG.warn("Derby did not shut down cleanly: {}", expected.getMessage());
                }
            }
        }
    }
}
