package meridian.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import meridian.sql.backend.Backend;
import meridian.sql.archive.ArchiveTables;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;
import meridian.sql.model.Table;

/**
 * Writes ingested products to {@code ivoa.obscore}, {@code <archive>.product_files} and
 * {@code <archive>.collections} on a connection the caller owns (and commits or rolls back:
 * the ingestor makes one transaction per file). All values are bound parameters and all
 * identifiers quoted by the backend. Not thread-safe; one per connection.
 */
public final class ArchiveWriter {

    private final Connection connection;
    private final Backend backend;
    private final Table obscore = ObscoreTable.table();
    private final Table files;
    private final Table collections;
    private final String insertObscore;

    public ArchiveWriter(Connection connection, Backend backend, String archiveSchema) {
        this.connection = connection;
        this.backend = backend;
        this.files = ArchiveTables.productFiles(archiveSchema);
        this.collections = ArchiveTables.collections(archiveSchema);
        this.insertObscore = insert(obscore);
    }

    /** The table's columns as stored: the model's, then the hidden ones ({@link ObscoreTable#hiddenColumns}). */
    private static List<Column> stored(Table t) {
        List<Column> all = new ArrayList<>(t.columns());
        all.addAll(ObscoreTable.hiddenColumns(t));
        return all;
    }

    private String insert(Table t) {
        List<String> names = stored(t).stream().map(c -> backend.quote(c.name())).toList();
        return "INSERT INTO " + backend.qualified(t) + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
    }

    private String q(String identifier) {
        return backend.quote(identifier);
    }

    /**
     * What is stored for each science file of {@code collection}, keyed by the science file's
     * id ({@code <collection>/<relative path>}).
     */
    public Map<String, StoredFile> storedFiles(String collection) throws SQLException {
        String sql = "SELECT f." + q("product_id") + ", f." + q("archive_id") + ", f." + q("category") + ", f."
                + q("checksum") + " FROM " + backend.qualified(files) + " f JOIN " + backend.qualified(obscore)
                + " o ON f." + q("product_id") + " = o." + q("obs_publisher_did") + " WHERE o." + q("obs_collection")
                + " = ?";
        Map<String, String> scienceOf = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] r = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
                    rows.add(r);
                    if (r[2] != null && r[2].startsWith("SCIENCE.")) {
                        scienceOf.put(r[0], fileId(r[1]));
                    }
                }
            }
        }
        Map<String, StoredFile> out = new HashMap<>();
        for (String[] r : rows) {
            String science = scienceOf.get(r[0]);
            if (science == null) {
                continue;
            }
            StoredFile s = out.computeIfAbsent(science, k -> new StoredFile(new LinkedHashSet<>(), new HashMap<>(),
                    new HashMap<>()));
            s.products().add(r[0]);
            s.checksums().put(fileId(r[1]), r[3]);
            s.categories().put(fileId(r[1]), r[2]);
        }
        return out;
    }

    private static String fileId(String archiveId) {
        int hash = archiveId.indexOf('#');
        return hash < 0 ? archiveId : archiveId.substring(0, hash);
    }

    /** Deletes products and their files; returns the number of rows deleted. */
    public int deleteProducts(Collection<String> publisherDids) throws SQLException {
        if (publisherDids.isEmpty()) {
            return 0;
        }
        int n = 0;
        try (PreparedStatement f = connection.prepareStatement("DELETE FROM " + backend.qualified(files) + " WHERE "
                + q("product_id") + " = ?");
             PreparedStatement o = connection.prepareStatement("DELETE FROM " + backend.qualified(obscore) + " WHERE "
                     + q("obs_publisher_did") + " = ?")) {
            for (String did : publisherDids) {
                f.setString(1, did);
                n += f.executeUpdate();
                o.setString(1, did);
                n += o.executeUpdate();
            }
        }
        return n;
    }

    /**
     * Inserts ObsCore rows (column name to typed value, including the hidden
     * {@link ObscoreTable#GROUPS}) and their files; returns the rows inserted.
     */
    public int insert(List<Map<String, Object>> products, List<ProductFile> productFiles) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = connection.prepareStatement(insertObscore)) {
            for (Map<String, Object> row : products) {
                int i = 1;
                for (Column c : stored(obscore)) {
                    bind(ps, i++, c, row.get(c.name()));
                }
                ps.addBatch();
            }
            for (int k : ps.executeBatch()) {
                n += Math.max(k, 1);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(insert(files))) {
            for (ProductFile f : productFiles) {
                ps.setString(1, f.productId());
                ps.setString(2, f.archiveId());
                ps.setString(3, f.category());
                ps.setString(4, f.extension());
                ps.setString(5, f.originalFilename());
                ps.setString(6, f.accessUrl());
                ps.setLong(7, f.estsizeKb());
                ps.setString(8, f.contentType());
                ps.setString(9, f.checksum());
                ps.addBatch();
            }
            for (int k : ps.executeBatch()) {
                n += Math.max(k, 1);
            }
        }
        return n;
    }

    private void bind(PreparedStatement ps, int i, Column c, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, sqlType(c));
        } else if (v instanceof Instant t) {
            ps.setTimestamp(i, Timestamp.from(t));
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Integer k) {
            ps.setInt(i, k);
        } else {
            ps.setString(i, v.toString());
        }
    }

    private static int sqlType(Column c) {
        if ("timestamp".equals(c.xtype())) {
            return Types.TIMESTAMP;
        }
        return switch (c.datatype()) {
            case DOUBLE -> Types.DOUBLE;
            case FLOAT -> Types.REAL;
            case LONG -> Types.BIGINT;
            case INT -> Types.INTEGER;
            case SHORT -> Types.SMALLINT;
            case BOOLEAN -> Types.BOOLEAN;
            default -> Types.VARCHAR;
        };
    }

    /** Number of ObsCore products of a collection. */
    public long countProducts(String collection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM " + backend.qualified(obscore)
                + " WHERE " + q("obs_collection") + " = ?")) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Writes the collection's row unless an identical one (ignoring {@code updated}) is stored;
     * returns the rows inserted or deleted.
     *
     * @param values column name to value, every column of the collections table but {@code updated}
     */
    public int upsertCollection(Map<String, Object> values, Instant updated) throws SQLException {
        String name = (String) values.get("collection");
        Map<String, Object> stored = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + backend.qualified(collections)
                + " WHERE " + q("collection") + " = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stored = new HashMap<>();
                    for (Column c : collections.columns()) {
                        stored.put(c.name(), rs.getObject(c.name()));
                    }
                }
            }
        }
        if (stored != null && same(stored, values)) {
            return 0;
        }
        int n = 0;
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + backend.qualified(collections)
                + " WHERE " + q("collection") + " = ?")) {
            ps.setString(1, name);
            n += ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(insert(collections))) {
            int i = 1;
            for (Column c : collections.columns()) {
                bind(ps, i++, c, "updated".equals(c.name()) ? updated : values.get(c.name()));
            }
            n += ps.executeUpdate();
        }
        return n;
    }

    private boolean same(Map<String, Object> stored, Map<String, Object> values) {
        for (Column c : collections.columns()) {
            if ("updated".equals(c.name())) {
                continue;
            }
            Object a = stored.get(c.name());
            Object b = values.get(c.name());
            if (a instanceof Number x && b instanceof Number y) {
                if (x.doubleValue() != y.doubleValue()) {
                    return false;
                }
            } else if (!Objects.equals(a, b)) {
                return false;
            }
        }
        return true;
    }
}
