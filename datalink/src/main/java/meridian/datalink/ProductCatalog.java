package meridian.datalink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Correlation name of the ObsCore rows the rights' conditions test. */
    private static final String ROW = "\"meridian_rows\"";

    private final Database database;
    private final String obscore;
    private final String productFiles;
    private final ProductRights rights;

    /** @param archiveSchema {@code archive.schema} from the configuration */
    public ProductCatalog(Database database, String archiveSchema) {
        this.rights = ProductRights.ALL;
        this.database = database;
        Backend b = database.backend();
        this.obscore = b.qualified(database.model().table(ObscoreTable.QUALIFIED_NAME)
                .orElseGet(ObscoreTable::table));
        this.productFiles = b.qualified(database.model().table(archiveSchema + "." + ArchiveTables.PRODUCT_FILES)
                .orElseGet(() -> ArchiveTables.productFiles(archiveSchema)));
    }

    private ProductCatalog(ProductCatalog all, ProductRights rights) {
        this.database = all.database;
        this.obscore = all.obscore;
        this.productFiles = all.productFiles;
        this.rights = rights;
    }

    /**
     * The same catalogue as one caller sees it: products it may not see do not exist, and
     * {@link #requireReadable} refuses those whose files it may not read.
     */
    public ProductCatalog restrictedTo(ProductRights callerRights) {
        return new ProductCatalog(this, callerRights);
    }

    /** The rights this catalogue applies. */
    public ProductRights rights() {
        return rights;
    }

    /**
     * Refuses (AuthenticationFault or AuthorizationFault) when the caller may not read the files
     * of one of {@code products}; the refusal names the first such product.
     */
    public void requireReadable(java.util.Collection<String> products) {
        Set<String> refused = unreadable(products);
        products.stream().filter(refused::contains).findFirst().ifPresent(id -> {
            throw rights.denial(id);
        });
    }

    /** The IDs among {@code products} whose files the caller may not read. */
    public Set<String> unreadable(java.util.Collection<String> products) {
        return unreadableBy(rights, products);
    }

    /**
     * The IDs among {@code products} whose files someone with {@code other} rights may not read,
     * whatever this catalogue's caller may see (DataLink's {@code link_auth} asks it for anonymous
     * callers). Products that do not exist are not listed. A condition that is unknown (SQL's
     * third value, from a null column) counts as not readable.
     *
     * @throws DatalinkFault (fatal) when the database fails
     */
    public Set<String> unreadableBy(ProductRights other, java.util.Collection<String> products) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(products));
        if (ids.isEmpty() || other == ProductRights.ALL) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        String did = ROW + "." + database.backend().quote("obs_publisher_did");
        try (Connection c = database.connection()) {
            for (int i = 0; i < ids.size(); i += CHUNK) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
                String sql = "SELECT " + did + " FROM " + obscore + " AS " + ROW + " WHERE " + did + " IN ("
                        + marks(chunk.size()) + ") AND CASE WHEN " + other.readable().apply(ROW) + " THEN 0 ELSE 1 END = 1";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatalinkFault(DatalinkFault.Type.FATAL, "the archive database failed: " + e.getMessage(), e);
        }
        return Collections.unmodifiableSet(out);
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
                "s_dec", "s_fov", "em_min", "em_max", "t_min", "t_max", "redshift", "target_name", "t_exptime") + " FROM " + obscore + " AS " + ROW
                + " WHERE " + ROW + "." + database.backend().quote("obs_publisher_did") + " IN (" + marks(ids.size())
                + ") AND " + rights.visible().apply(ROW);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.put(id, new Product(id, rs.getString(2), rs.getString(3), rs.getString(4), num(rs, 5),
                            num(rs, 6), num(rs, 7), num(rs, 8), num(rs, 9), num(rs, 10), num(rs, 11), num(rs, 12),
                            rs.getString(13), num(rs, 14), files.getOrDefault(id, List.of())));
                }
            }
        }
    }

    private Map<String, List<ProductFileRef>> files(Connection c, List<String> ids) throws SQLException {
        String sql = "SELECT " + cols("product_id", "archive_id", "category", "original_filename", "access_url",
                "content_type") + " FROM " + productFiles + " WHERE "
                + database.backend().quote("product_id") + " IN (" + marks(ids.size()) + ") ORDER BY "
                + database.backend().quote("archive_id");
        Map<String, List<ProductFileRef>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ProductFileRef(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
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
