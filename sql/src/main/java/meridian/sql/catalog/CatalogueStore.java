package meridian.sql.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import meridian.sql.Database;
import meridian.sql.backend.Backend;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogues an archive publishes, persisted in two internal tables of the
 * {@value #SCHEMA} database schema (never published): {@code CATALOGUES} holds each catalogue's
 * model table as JSON, {@code RETIRED_TABLES} the stored tables of replaced versions still to be
 * dropped.
 *
 * <p>A catalogue's rows live in a versioned stored table ({@code name_v1}, {@code name_v2}...;
 * ADQL always says {@code schema.name}, see {@link Table#storedName()}). {@link #replace}
 * records the new version and rewrites TAP_SCHEMA in one transaction and only then switches the
 * in-memory model, so every query is planned against the old table or the new one, never a
 * half-loaded one. The old table is dropped afterwards; when a running query still holds it the
 * drop is left to {@link #dropRetired} at the next start. Thread-safe as far as the database is;
 * concurrent replacements of one catalogue are not coordinated.
 */
public final class CatalogueStore {

    /** The database schema of the internal tables (shared with the Derby functions). */
    public static final String SCHEMA = "MERIDIAN";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueStore.class);
    private static final String CATALOGUES = "CATALOGUES";
    private static final String RETIRED = "RETIRED_TABLES";
    /** How long a retired table is kept for queries planned before its replacement. */
    public static final long GRACE_MILLIS = 10 * 60_000L;

    private final Database db;
    private final Backend backend;

    public CatalogueStore(Database db) {
        this.db = db;
        this.backend = db.backend();
    }

    /** One stored catalogue: its model table and the description of its schema, if it creates one. */
    public record StoredCatalogue(Table table, String schemaDescription) {
    }

    /**
     * Publishes every stored catalogue in {@code db}'s model and drops the tables of replaced
     * versions. Call once when the archive opens, before requests arrive.
     */
    public static void publishStored(Database db) throws SQLException {
        CatalogueStore store = new CatalogueStore(db);
        store.ensure();
        List<StoredCatalogue> stored = store.load();
        if (!stored.isEmpty()) {
            MetadataModel m = db.model();
            for (StoredCatalogue s : stored) {
                m = m.withTable(s.table(), s.schemaDescription());
            }
            db.publish(m);
        }
        store.dropRetired(0);
    }

    /** Creates the internal tables when they are missing. Idempotent. */
    public void ensure() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            backend.ensureSchema(c, SCHEMA);
            String text = backend.largeTextType();
            if (!backend.tableExists(c, internal(CATALOGUES))) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE " + q(CATALOGUES) + " (\"SCHEMA_NAME\" VARCHAR(128) NOT NULL,"
                            + " \"TABLE_NAME\" VARCHAR(128) NOT NULL, \"SCHEMA_DESCRIPTION\" " + text + ","
                            + " \"DEFINITION\" " + text + " NOT NULL, PRIMARY KEY (\"SCHEMA_NAME\", \"TABLE_NAME\"))");
                }
            }
            if (!backend.tableExists(c, internal(RETIRED))) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE " + q(RETIRED) + " (\"SCHEMA_NAME\" VARCHAR(128) NOT NULL,"
                            + " \"STORED_NAME\" VARCHAR(128) NOT NULL, \"RETIRED_AT\" BIGINT NOT NULL)");
                }
            }
        }
    }

    /** The stored catalogues, in the order they were first published. */
    public List<StoredCatalogue> load() throws SQLException {
        List<StoredCatalogue> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"DEFINITION\", \"SCHEMA_DESCRIPTION\" FROM " + q(CATALOGUES))) {
            while (rs.next()) {
                out.add(new StoredCatalogue(TableCodec.decode(rs.getString(1)), rs.getString(2)));
            }
        }
        out.sort(java.util.Comparator.comparing((StoredCatalogue s) -> s.table().schema())
                .thenComparingInt(s -> s.table().tableIndex()).thenComparing(s -> s.table().name()));
        return out;
    }

    /** The published catalogue called {@code schema.name}, if any. */
    public Optional<Table> find(String schema, String name) throws SQLException {
        return load().stream().map(StoredCatalogue::table)
                .filter(t -> t.schema().equalsIgnoreCase(schema) && t.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * A stored name for the next version of {@code schema.name}: {@code name_vN} with N one more
     * than the published version's, skipping names a crashed load left in the database.
     */
    public String nextStoredName(String schema, String name) throws SQLException {
        Optional<Table> current = find(schema, name);
        int n = 1;
        if (current.isPresent()) {
            String stored = current.get().storedName();
            int at = stored.lastIndexOf("_v");
            if (at > 0) {
                try {
                    n = Integer.parseInt(stored.substring(at + 2)) + 1;
                } catch (NumberFormatException ignored) {
                    n = 1;
                }
            }
        }
        try (Connection c = db.connection()) {
            while (backend.tableExists(c, Table.of(schema, name, null, List.of()).withStoredName(name + "_v" + n))) {
                n++;
            }
        }
        return name + "_v" + n;
    }

    /**
     * Publishes {@code table} (loaded and indexed in its {@linkplain Table#storedName() stored
     * table}) in place of the current version, if any: the catalogue record, TAP_SCHEMA and the
     * model change together. Then drops the old stored table when no query holds it.
     *
     * @param schemaDescription description of the schema, used when the schema is new
     * @throws IllegalArgumentException when the name is taken by a table that is not a catalogue,
     *                                  or a foreign key names an unknown table or column
     */
    public void replace(Table table, String schemaDescription) throws SQLException {
        Optional<Table> current = find(table.schema(), table.name());
        Optional<Table> published = db.model().table(table.qualifiedName());
        if (published.isPresent() && current.isEmpty()) {
            throw new IllegalArgumentException("table " + table.qualifiedName() + " already exists and is not a"
                    + " catalogue: choose another schema or name");
        }
        MetadataModel next = db.model().withTable(table, schemaDescription);
        db.publish(next, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + q(CATALOGUES)
                    + " WHERE \"SCHEMA_NAME\" = ? AND \"TABLE_NAME\" = ?")) {
                del.setString(1, key(table.schema()));
                del.setString(2, key(table.name()));
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + q(CATALOGUES)
                    + " (\"SCHEMA_NAME\", \"TABLE_NAME\", \"SCHEMA_DESCRIPTION\", \"DEFINITION\") VALUES (?, ?, ?, ?)")) {
                ins.setString(1, key(table.schema()));
                ins.setString(2, key(table.name()));
                ins.setString(3, schemaDescription);
                ins.setString(4, TableCodec.encode(table));
                ins.executeUpdate();
            }
            if (current.isPresent() && !current.get().storedName().equals(table.storedName())) {
                retire(c, current.get());
            }
        });
        dropRetired(GRACE_MILLIS);
    }

    /** Records a stored table to drop (inside the caller's transaction). */
    private void retire(Connection c, Table old) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + q(RETIRED)
                + " WHERE \"SCHEMA_NAME\" = ? AND \"STORED_NAME\" = ?")) {
            del.setString(1, old.schema());
            del.setString(2, old.storedName());
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + q(RETIRED)
                + " (\"SCHEMA_NAME\", \"STORED_NAME\", \"RETIRED_AT\") VALUES (?, ?, ?)")) {
            ps.setString(1, old.schema());
            ps.setString(2, old.storedName());
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /**
     * Drops the stored tables of versions replaced at least {@code olderThanMillis} ago (0: all,
     * when no query can be running); one still in use is left for a later call.
     */
    public void dropRetired(long olderThanMillis) throws SQLException {
        List<Table> retired = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT \"SCHEMA_NAME\", \"STORED_NAME\" FROM " + q(RETIRED)
                     + " WHERE \"RETIRED_AT\" <= ?")) {
            ps.setLong(1, System.currentTimeMillis() - olderThanMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    retired.add(Table.of(rs.getString(1), rs.getString(2), null, List.of()));
                }
            }
        }
        for (Table t : retired) {
            dropLoaded(t);
        }
    }

    /**
     * Drops a stored table (a retired version, or a failed load) and forgets it. A failure is
     * logged, not thrown: the table stays listed and is dropped later.
     */
    public void dropLoaded(Table t) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            if (backend.tableExists(c, t)) {
                try (Statement st = c.createStatement()) {
                    st.execute(backend.dropTable(t));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + q(RETIRED)
                    + " WHERE \"SCHEMA_NAME\" = ? AND \"STORED_NAME\" = ?")) {
                ps.setString(1, t.schema());
                ps.setString(2, t.storedName());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warn("cannot drop table {}.{} yet (a query may still read it): {}; it is dropped later",
                    t.schema(), t.storedName(), e.getMessage());
            try (Connection c = db.connection()) {
                c.setAutoCommit(true);
                retire(c, t);
            } catch (SQLException again) {
                LOG.warn("cannot record {}.{} for dropping: {}", t.schema(), t.storedName(), again.getMessage());
            }
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Table internal(String name) {
        return Table.of(SCHEMA, name, null, List.of());
    }

    private String q(String table) {
        return backend.qualified(internal(table));
    }
}
