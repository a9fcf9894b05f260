package meridian.sql.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.Database;
import meridian.sql.backend.Backend;
import meridian.sql.catalog.CatalogueStore;
import meridian.sql.model.Table;

/**
 * The definition (YAML text) of every published product collection, kept in the internal table
 * {@code MERIDIAN.COLLECTION_DEFINITIONS} (never published) beside its {@code <archive>.collections}
 * row, so that what serving its files needs (root, access rules, rights) does not depend on where
 * the YAML file lies: the ingestor writes it in the transaction that publishes the collection
 * row; the file endpoint, DataLink, bundles and the access rules read it back. Stateless apart
 * from the database; thread-safe.
 */
public final class StoredCollections {

    private static final String TABLE = "COLLECTION_DEFINITIONS";

    /**
     * One stored definition.
     *
     * @param name   the collection name
     * @param source where the YAML file was when the collection was last ingested
     * @param yaml   its text
     */
    public record Stored(String name, String source, String yaml) {
    }

    private StoredCollections() {
    }

    private static String table(Backend backend) {
        return backend.qualified(Table.of(CatalogueStore.SCHEMA, TABLE, null, List.of()));
    }

    private static void ensure(Connection c, Backend backend) throws SQLException {
        if (backend.tableExists(c, Table.of(CatalogueStore.SCHEMA, TABLE, null, List.of()))) {
            return;
        }
        backend.ensureSchema(c, CatalogueStore.SCHEMA);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table(backend) + " (\"NAME\" VARCHAR(128) NOT NULL PRIMARY KEY,"
                    + " \"SOURCE\" VARCHAR(4000), \"DEFINITION\" " + backend.largeTextType() + " NOT NULL)");
        }
    }

    /**
     * Stores (or replaces) a collection's definition on the caller's connection, inside its
     * transaction (the table is created first when missing).
     */
    public static void save(Connection c, Backend backend, Stored definition) throws SQLException {
        ensure(c, backend);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table(backend) + " WHERE \"NAME\" = ?")) {
            ps.setString(1, definition.name());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table(backend)
                + " (\"NAME\", \"SOURCE\", \"DEFINITION\") VALUES (?, ?, ?)")) {
            ps.setString(1, definition.name());
            ps.setString(2, definition.source());
            ps.setString(3, definition.yaml());
            ps.executeUpdate();
        }
    }

    /**
     * The stored definitions of the collections that are published (have a row in
     * {@code <archiveSchema>.collections}); none when nothing was stored yet.
     */
    public static List<Stored> load(Database db, String archiveSchema) throws SQLException {
        Backend backend = db.backend();
        List<Stored> out = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            if (!backend.tableExists(c, Table.of(CatalogueStore.SCHEMA, TABLE, null, List.of()))) {
                return out;
            }
            String sql = "SELECT d.\"NAME\", d.\"SOURCE\", d.\"DEFINITION\" FROM " + table(backend) + " d WHERE EXISTS"
                    + " (SELECT 1 FROM " + backend.qualified(ArchiveTables.collections(archiveSchema)) + " c WHERE c."
                    + backend.quote("collection") + " = d.\"NAME\") ORDER BY d.\"NAME\"";
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
