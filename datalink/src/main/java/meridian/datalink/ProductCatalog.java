package meridian.datalink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import meridian.sql.Database;
import meridian.sql.archive.ArchiveTables;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.backend.Backend;

/**
 * Looks products up by obs_publisher_did in ivoa.obscore and {@code <archive>.product_files},
 * the rows TAP and SSA serve, so every protocol agrees on a product's files. IDs are always
 * bound as parameters, a few hundred per statement. Thread-safe.
 */
public final class ProductCatalog {

    /** IDs per statement: Derby probes an index well for short IN lists, badly for long ones
     * (1,000 IDs: 430 ms in chunks of 500, 60 ms in chunks of 50). */
    private static final int CHUNK = 50;

    private final Database database;
    private final String obscore;
    private final String productFiles;

    /** @param archiveSchema {@code archive.schema} from the configuration */
    public ProductCatalog(Database database, String archiveSchema) {
        this.database = database;
        Backend b = database.backend();
        this.obscore = b.qualified(database.model().table(ObscoreTable.QUALIFIED_NAME)
                .orElseGet(ObscoreTable::table));
        this.productFiles = b.qualified(database.model().table(archiveSchema + "." + ArchiveTables.PRODUCT_FILES)
                .orElseGet(() -> ArchiveTables.productFiles(archiveSchema)));
    }

    /** One product, or a NotFoundFault naming the ID. */
    public Product require(String id) {
        Product p = find(List.of(id)).get(id);
        if (p == null) {
            throw DatalinkFault.notFound("no product with ID " + id);
        }
        return p;
    }

    /**
     * The products of the given IDs that exist, keyed by ID in request order (duplicates once).
     *
     * @throws DatalinkFault (fatal) when the database fails
     */
    public Map<String, Product> find(List<String> ids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<String, Product> found = new HashMap<>();
        try (Connection c = database.connection()) {
            for (int i = 0; i < distinct.size(); i += CHUNK) {
                List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + CHUNK));
                Map<String, List<ProductFileRef>> files = files(c, chunk);
                readProducts(c, chunk, files, found);
            }
        } catch (SQLException e) {
            throw new DatalinkFault(DatalinkFault.Type.FATAL, "the archive database failed: " + e.getMessage(), e);
        }
        Map<String, Product> ordered = new LinkedHashMap<>();
        for (String id : distinct) {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    private void readProducts(Connection c, List<String> ids, Map<String, List<ProductFileRef>> files,
                              Map<String, Product> out) throws SQLException {
        String sql = "SELECT " + cols("obs_publisher_did", "dataproduct_type", "obs_collection", "obs_id", "s_ra",
                "s_dec", "s_fov", "em_min", "em_max", "t_min", "t_max") + " FROM " + obscore + " WHERE "
                + database.backend().quote("obs_publisher_did") + " IN (" + marks(ids.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.put(id, new Product(id, rs.getString(2), rs.getString(3), rs.getString(4), num(rs, 5),
                            num(rs, 6), num(rs, 7), num(rs, 8), num(rs, 9), num(rs, 10), num(rs, 11),
                            files.getOrDefault(id, List.of())));
                }
            }
        }
    }

    private Map<String, List<ProductFileRef>> files(Connection c, List<String> ids) throws SQLException {
        String sql = "SELECT " + cols("product_id", "archive_id", "category", "original_filename", "access_url",
                "access_estsize", "content_type") + " FROM " + productFiles + " WHERE "
                + database.backend().quote("product_id") + " IN (" + marks(ids.size()) + ") ORDER BY "
                + database.backend().quote("archive_id");
        Map<String, List<ProductFileRef>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long kb = rs.getLong(6);
                    Long size = rs.wasNull() ? null : kb;
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ProductFileRef(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), size, rs.getString(7)));
                }
            }
        }
        // the science file first, then the others in archive_id order
        out.values().forEach(l -> l.sort((a, b) -> Boolean.compare(b.isScience(), a.isScience())));
        return out;
    }

    private String cols(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append(database.backend().quote(n));
        }
        return sb.toString();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setString(i + 1, ids.get(i));
        }
    }

    private static Double num(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }
}
