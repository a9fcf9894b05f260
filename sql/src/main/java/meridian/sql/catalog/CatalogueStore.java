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
import meridian.sql.model.Schema;
import meridian.sql.model.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogues an archive publishes, persisted in three internal tables of the
 * {@value #SCHEMA} database schema (never published): {@code CATALOGUES} holds each catalogue's
 * model table as JSON, {@code RETIRED_TABLES} the stored tables of replaced or removed versions
 * still to be dropped, {@code CATALOGUE_GENERATION} one counter that every change increments.
 *
 * <p>A catalogue's rows live in a versioned stored table ({@code name_v1}, {@code name_v2}...;
 * ADQL always says {@code schema.name}, see {@link Table#storedName()}). {@link #replace} and
 * {@link #remove} increment the counter (a row lock: concurrent changes, also from other
 * processes on the same database, wait for each other), change the records, and rewrite
 * TAP_SCHEMA from the records as they are then, in one transaction; only then does the
 * in-memory model switch, so every query is planned against the old table or the new one, never
 * a half-loaded one. Other processes on the same database (a server while the command line
 * ingests) notice the changed counter ({@link #refresh}, run every few seconds by
 * {@link CatalogueWatcher}) and switch their model to the records. Replaced tables are dropped
 * once {@link #GRACE_MILLIS} have passed, so that queries planned before the switch (in any
 * process) finish. Thread-safe as far as the database is.
 */
public final class CatalogueStore {

    /** The database schema of the internal tables (shared with the Derby functions). */
    public static final String SCHEMA = "MERIDIAN";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueStore.class);
    private static final String CATALOGUES = "CATALOGUES";
    private static final String RETIRED = "RETIRED_TABLES";
    private static final String GENERATION = "CATALOGUE_GENERATION";
    /** How long a retired table is kept for queries planned before its replacement. */
    public static final long GRACE_MILLIS = 10 * 60_000L;

    private final Database db;
    private final Backend backend;

    public CatalogueStore(Database db) {
        this.db = db;
        this.backend = db.backend();
    }

    /**
     * One stored catalogue: its model table, the description of its schema (if it creates one)
     * and who may read its rows.
     */
    public record StoredCatalogue(Table table, String schemaDescription, CatalogueRights rights) {
    }

    /**
     * What opening an archive adds to its model, inside the opening transaction
     * ({@link Database#open(meridian.sql.DatabaseConfig, Backend, MetadataModel, Database.ModelChange)}):
     * creates the internal tables when they are missing and adds every stored catalogue, so that
     * TAP_SCHEMA is written once, with them.
     */
    public static Database.ModelChange opening(Backend backend) {
        return (c, current) -> {
            ensure(c, backend);
            return compose(current, load(c, backend));
        };
    }

    /**
     * Drops the tables of replaced versions after an archive opened. On embedded Derby the
     * opening process is the database's only user and no query runs yet: all of them; elsewhere
     * (a shared PostgreSQL database, where a server may still be reading them) those retired
     * longer than {@link #GRACE_MILLIS} ago.
     */
    public static void dropRetiredOnOpen(Database db) throws SQLException {
        new CatalogueStore(db).dropRetired(db.backend().name().equals("derby") ? 0 : GRACE_MILLIS);
    }

    /**
     * The catalogue tables among {@code t}: the only published tables stored under another name
     * than their ADQL one ({@code name_vN}). (TAP uploads are too, but are never in the model.)
     */
    static boolean isCatalogue(Table t) {
        return !t.storedName().equals(t.name());
    }

    /**
     * {@code current} without its catalogues, with {@code stored} instead: schemas that only held
     * catalogues go with them and come back with their stored description.
     */
    static MetadataModel compose(MetadataModel current, List<StoredCatalogue> stored) {
        List<Schema> schemas = new ArrayList<>();
        for (Schema s : current.schemas()) {
            List<Table> tables = s.tables().stream().filter(t -> !isCatalogue(t)).toList();
            if (!tables.isEmpty() || s.tables().isEmpty()) {
                schemas.add(new Schema(s.name(), s.description(), s.utype(), tables, s.schemaIndex()));
            }
        }
        // one model built at the end: a foreign key may name a catalogue added after its own
        for (StoredCatalogue sc : stored) {
            Table t = sc.table();
            int at = -1;
            for (int i = 0; i < schemas.size(); i++) {
                if (schemas.get(i).name().equals(t.schema())) {
                    at = i;
                }
            }
            if (at < 0) {
                int index = schemas.stream().mapToInt(Schema::schemaIndex).max().orElse(0) + 1;
                schemas.add(new Schema(t.schema(), sc.schemaDescription(), null, List.of(t), index));
            } else {
                Schema s = schemas.get(at);
                List<Table> tables = new ArrayList<>(s.tables());
                tables.add(t);
                schemas.set(at, new Schema(s.name(), s.description(), s.utype(), tables, s.schemaIndex()));
            }
        }
        return new MetadataModel(schemas);
    }

    /** Creates the internal tables when they are missing. Idempotent. */
    public void ensure() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            ensure(c, backend);
        }
    }

    private static void ensure(Connection c, Backend backend) throws SQLException {
        backend.ensureSchema(c, SCHEMA);
        String text = backend.largeTextType();
        if (!backend.tableExists(c, internal(CATALOGUES))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + q(backend, CATALOGUES) + " (\"SCHEMA_NAME\" VARCHAR(128) NOT NULL,"
                        + " \"TABLE_NAME\" VARCHAR(128) NOT NULL, \"SCHEMA_DESCRIPTION\" " + text + ","
                        + " \"DEFINITION\" " + text + " NOT NULL, \"RIGHTS\" VARCHAR(4000),"
                        + " PRIMARY KEY (\"SCHEMA_NAME\", \"TABLE_NAME\"))");
            }
        } else if (!hasColumn(c, backend, CATALOGUES, "RIGHTS")) {
            // archives published before catalogue rights were stored with the catalogue
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + q(backend, CATALOGUES) + " ADD COLUMN \"RIGHTS\" VARCHAR(4000)");
            }
        }
        if (!backend.tableExists(c, internal(RETIRED))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + q(backend, RETIRED) + " (\"SCHEMA_NAME\" VARCHAR(128) NOT NULL,"
                        + " \"STORED_NAME\" VARCHAR(128) NOT NULL, \"RETIRED_AT\" BIGINT NOT NULL)");
            }
        }
        if (!backend.tableExists(c, internal(GENERATION))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + q(backend, GENERATION) + " (\"ID\" INTEGER NOT NULL PRIMARY KEY,"
                        + " \"GENERATION\" BIGINT NOT NULL)");
                st.execute("INSERT INTO " + q(backend, GENERATION) + " (\"ID\", \"GENERATION\") VALUES (1, 0)");
            }
        }
    }

    /** The stored catalogues, in the order they were first published. */
    public List<StoredCatalogue> load() throws SQLException {
        try (Connection c = db.connection()) {
            return load(c, backend);
        }
    }

    private static List<StoredCatalogue> load(Connection c, Backend backend) throws SQLException {
        List<StoredCatalogue> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"DEFINITION\", \"SCHEMA_DESCRIPTION\", \"RIGHTS\" FROM "
                     + q(backend, CATALOGUES))) {
            while (rs.next()) {
                out.add(new StoredCatalogue(TableCodec.decode(rs.getString(1)), rs.getString(2),
                        CatalogueRights.decode(rs.getString(3))));
            }
        }
        out.sort(java.util.Comparator.comparing((StoredCatalogue s) -> s.table().schema())
                .thenComparingInt(s -> s.table().tableIndex()).thenComparing(s -> s.table().name()));
        return out;
    }

    /** The counter every catalogue change increments (read by {@link #refresh}). */
    public long generation() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"GENERATION\" FROM " + q(GENERATION) + " WHERE \"ID\" = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Switches the in-memory model to the stored catalogues when another process changed them
     * since {@code seenGeneration}, without writing anything (that process wrote TAP_SCHEMA).
     *
     * @return the generation now seen
     */
    public long refresh(long seenGeneration) throws SQLException {
        long now = generation();
        if (now != seenGeneration) {
            db.adopt((c, current) -> {
                List<StoredCatalogue> stored = load(c, backend);
                MetadataModel next = compose(current, stored);
                return sameTables(current, next) ? current : next;
            });
        }
        return now;
    }

    private static boolean sameTables(MetadataModel a, MetadataModel b) {
        return a.schemas().equals(b.schemas());
    }

    /** The published catalogue called {@code schema.name}, if any. */
    public Optional<Table> find(String schema, String name) throws SQLException {
        return find(load(), schema, name).map(StoredCatalogue::table);
    }

    private static Optional<StoredCatalogue> find(List<StoredCatalogue> stored, String schema, String name) {
        return stored.stream().filter(s -> s.table().schema().equalsIgnoreCase(schema)
                && s.table().name().equalsIgnoreCase(name)).findFirst();
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
     * model change together. Then drops old stored tables retired long enough ago.
     *
     * @param schemaDescription description of the schema, used when the schema is new
     * @param rights            who may read the rows (kept with the catalogue, see {@link CatalogueRights})
     * @throws IllegalArgumentException when the name is taken by a table that is not a catalogue,
     *                                  or a foreign key names an unknown table or column
     */
    public void replace(Table table, String schemaDescription, CatalogueRights rights) throws SQLException {
        db.publish((c, current) -> {
            List<StoredCatalogue> stored = new ArrayList<>(lockAndLoad(c));
            Optional<StoredCatalogue> old = find(stored, table.schema(), table.name());
            if (old.isEmpty() && current.table(table.qualifiedName()).filter(t -> !isCatalogue(t)).isPresent()) {
                throw new IllegalArgumentException("table " + table.qualifiedName() + " already exists and is not a"
                        + " catalogue: choose another schema or name");
            }
            String description = old.isPresent() && old.get().schemaDescription() != null && schemaDescription == null
                    ? old.get().schemaDescription() : schemaDescription;
            old.ifPresent(stored::remove);
            stored.add(new StoredCatalogue(table, description, rights));
            stored.sort(java.util.Comparator.comparing((StoredCatalogue s) -> s.table().schema())
                    .thenComparingInt(s -> s.table().tableIndex()).thenComparing(s -> s.table().name()));
            MetadataModel next = compose(current, stored);
            delete(c, table.schema(), table.name());
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + q(CATALOGUES)
                    + " (\"SCHEMA_NAME\", \"TABLE_NAME\", \"SCHEMA_DESCRIPTION\", \"DEFINITION\", \"RIGHTS\")"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                ins.setString(1, key(table.schema()));
                ins.setString(2, key(table.name()));
                ins.setString(3, description);
                ins.setString(4, TableCodec.encode(table));
                ins.setString(5, rights.encode());
                ins.executeUpdate();
            }
            if (old.isPresent() && !old.get().table().storedName().equals(table.storedName())) {
                retire(c, old.get().table());
            }
            return next;
        });
        dropRetired(GRACE_MILLIS);
    }

    /**
     * Unpublishes the catalogue {@code schema.name}: its record, its TAP_SCHEMA rows (table,
     * columns, its foreign keys) and its place in the model go in one transaction; its stored
     * table is dropped once {@link #GRACE_MILLIS} have passed (see {@link #dropRetired}).
     *
     * @return the removed catalogue's model table
     * @throws IllegalArgumentException when there is no such catalogue, or another catalogue's
     *                                  foreign key references it (naming that catalogue)
     */
    public Table remove(String schema, String name) throws SQLException {
        Table[] removed = new Table[1];
        db.publish((c, current) -> {
            List<StoredCatalogue> stored = new ArrayList<>(lockAndLoad(c));
            StoredCatalogue target = find(stored, schema, name).orElseThrow(() -> new IllegalArgumentException(
                    "no catalogue " + schema + "." + name + " is published" + (stored.isEmpty() ? ""
                            : " (published catalogues: " + String.join(", ", stored.stream()
                            .map(s -> s.table().qualifiedName()).toList()) + ")")));
            String qualified = target.table().qualifiedName();
            // only catalogues can reference a catalogue
            List<String> referencing = stored.stream().map(StoredCatalogue::table)
                    .filter(t -> !t.qualifiedName().equalsIgnoreCase(qualified))
                    .filter(t -> t.foreignKeys().stream().anyMatch(k -> k.targetTable().equalsIgnoreCase(qualified)))
                    .map(Table::qualifiedName).toList();
            if (!referencing.isEmpty()) {
                throw new IllegalArgumentException("cannot remove " + qualified + ": the foreign keys of "
                        + String.join(", ", referencing) + " reference it; remove "
                        + (referencing.size() == 1 ? "that catalogue" : "those catalogues")
                        + " first, or publish it again without the foreign key");
            }
            stored.remove(target);
            MetadataModel next = compose(current, stored);
            delete(c, target.table().schema(), target.table().name());
            retire(c, target.table());
            removed[0] = target.table();
            return next;
        });
        dropRetired(GRACE_MILLIS);
        return removed[0];
    }

    /**
     * Increments the generation, which row-locks it until the caller's transaction ends, then
     * reads the records as they are now (after any concurrent change has committed).
     */
    private static boolean hasColumn(Connection c, Backend backend, String table, String column) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + q(backend, table) + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
            return false;
        }
    }

    private List<StoredCatalogue> lockAndLoad(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (st.executeUpdate("UPDATE " + q(GENERATION) + " SET \"GENERATION\" = \"GENERATION\" + 1"
                    + " WHERE \"ID\" = 1") != 1) {
                throw new SQLException("the catalogue generation row of " + SCHEMA + "." + GENERATION + " is missing");
            }
        }
        return load(c, backend);
    }

    private void delete(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + q(CATALOGUES)
                + " WHERE \"SCHEMA_NAME\" = ? AND \"TABLE_NAME\" = ?")) {
            del.setString(1, key(schema));
            del.setString(2, key(name));
            del.executeUpdate();
        }
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
        return q(backend, table);
    }

    private static String q(Backend backend, String table) {
        return backend.qualified(internal(table));
    }
}
