package meridian.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import meridian.adql.RowFilter;
import meridian.datalink.ProductRights;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.CollectionDefinition.Proprietary;
import meridian.sql.Database;
import meridian.sql.archive.ArchiveTables;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.catalog.CatalogueRights;

/**
 * The one place that decides which rows and files an {@link Identity} may see, from each
 * product's {@code data_rights}, {@code obs_release_date} (ObsCore) and own groups (the hidden
 * {@link ObscoreTable#GROUPS}, from {@code rights.rules} and {@code rights.groups_header}) and its
 * collection's rights ({@code rights.groups}, {@code rights.proprietary} in the collection YAML).
 * <ul>
 * <li>A product is <em>released</em> when its {@code obs_release_date} has passed, or when it
 *     has none and its {@code data_rights} is {@code public} (or empty); {@code secure}
 *     products are never released.</li>
 * <li>Its data (files, cutouts, bundles) are <em>readable</em> when it is released or the
 *     identity belongs to one of its groups: its own when it has some (plus its collection's when
 *     no rule replaced them), else its collection's.</li>
 * <li>Its metadata (the ObsCore row, its product_files rows) are <em>visible</em> unless its
 *     collection is metadata-proprietary and the data are not readable; the
 *     {@code collections} row of a metadata-proprietary collection is visible to its groups only
 *     (and to the own groups of one of its products).</li>
 * <li>A catalogue ({@code kind: catalogue}) with {@code rights} is empty for everyone outside its
 *     groups until its {@code release_date}.</li>
 * </ul>
 * {@link #rows} gives the translator's {@link RowFilter}: every ADQL query (TAP sync and async,
 * uploads joined with archive tables, and the services built on the same query path) sees only
 * visible rows, whatever joins, subqueries, set operations or aggregates it uses.
 * {@link #file} applies the data rule to {@code /files}. Collection rights are re-read at most
 * every few seconds. Thread-safe.
 */
public final class AccessPolicy {

    private static final long REFRESH_NANOS = 5_000_000_000L;
    private static final String OBSCORE_SCHEMA = ObscoreTable.SCHEMA;
    private static final String OBSCORE = ObscoreTable.NAME;

    private final Supplier<List<CollectionDefinition>> definitions;
    private final Supplier<Map<String, CatalogueRights>> catalogueRights;
    private volatile Map<String, CatalogueRights> cachedCatalogues;
    private final String archiveSchema;
    private volatile List<CollectionDefinition> cached;
    private volatile long readAt;

    /**
     * @param definitions   the current collection definitions (read again every few seconds)
     * @param catalogues    each published catalogue's rights by lower-case qualified name (read
     *                      again with them)
     * @param archiveSchema schema of product_files and collections
     */
    public AccessPolicy(Supplier<List<CollectionDefinition>> definitions, Supplier<Map<String, CatalogueRights>> catalogues,
                        String archiveSchema) {
        this.definitions = definitions;
        this.catalogueRights = catalogues;
        this.archiveSchema = archiveSchema;
    }

    private List<CollectionDefinition> collections() {
        long now = System.nanoTime();
        List<CollectionDefinition> c = cached;
        if (c == null || now - readAt > REFRESH_NANOS) {
            c = List.copyOf(definitions.get());
            cachedCatalogues = Map.copyOf(catalogueRights.get());
            cached = c;
            readAt = now;
        }
        return c;
    }

    /** The rows {@code who} may see, for the ADQL translator. */
    public RowFilter rows(Identity who) {
        List<CollectionDefinition> all = collections();
        List<String> hidden = names(all.stream().filter(d -> d.rights().proprietary() == Proprietary.METADATA).toList());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> closed = cachedCatalogues.entrySet().stream()
                .filter(e -> !e.getValue().readable(who.groups(), today)).map(Map.Entry::getKey).toList();
        if (hidden.isEmpty() && closed.isEmpty()) {
            return RowFilter.NONE;
        }
        List<String> granted = names(granted(all, who));
        List<String> groups = who.groups().stream().sorted().toList();
        List<String> hiddenCollections = new ArrayList<>(hidden);
        hiddenCollections.removeAll(granted);
        // a metadata-proprietary collection whose products have groups of their own is visible
        // to those groups too, when they see one of its products
        List<String> ownGroups = groups.isEmpty() ? List.of() : names(all.stream()
                .filter(d -> hiddenCollections.contains(d.name()) && d.rights().perProductGroups()).toList());
        return (schema, table, row) -> {
            if (closed.contains((schema + "." + table).toLowerCase(Locale.ROOT))) {
                return Optional.of("1 = 0");
            }
            if (hidden.isEmpty()) {
                return Optional.empty();
            }
            if (schema.equals(OBSCORE_SCHEMA) && table.equals(OBSCORE)) {
                return Optional.of(visible(row, hidden, granted, groups));
            }
            if (schema.equals(archiveSchema) && table.equals(ArchiveTables.PRODUCT_FILES)) {
                String owner = "\"meridian_owner\"";
                return Optional.of("EXISTS (SELECT 1 FROM \"" + OBSCORE_SCHEMA + "\".\"" + OBSCORE + "\" AS " + owner
                        + " WHERE " + owner + ".\"obs_publisher_did\" = " + row + ".\"product_id\" AND "
                        + visible(owner, hidden, granted, groups) + ")");
            }
            if (schema.equals(archiveSchema) && table.equals(ArchiveTables.COLLECTIONS) && !hiddenCollections.isEmpty()) {
                String notHidden = row + ".\"collection\" NOT IN (" + literals(hiddenCollections) + ")";
                if (ownGroups.isEmpty()) {
                    return Optional.of(notHidden);
                }
                String product = "\"meridian_product\"";
                return Optional.of("(" + notHidden + " OR (" + row + ".\"collection\" IN (" + literals(ownGroups)
                        + ") AND EXISTS (SELECT 1 FROM \"" + OBSCORE_SCHEMA + "\".\"" + OBSCORE + "\" AS " + product
                        + " WHERE " + product + ".\"obs_collection\" = " + row + ".\"collection\" AND "
                        + ownGroup(product, groups) + ")))");
            }
            return Optional.empty();
        };
    }

    /**
     * The same rules for the services that look products up themselves (DataLink, SODA,
     * bundles): which ObsCore rows {@code who} sees, which it may read.
     */
    public ProductRights products(Identity who) {
        RowFilter visible = rows(who);
        List<String> granted = names(granted(collections(), who));
        List<String> groups = who.groups().stream().sorted().toList();
        return new ProductRights(row -> visible.condition(OBSCORE_SCHEMA, OBSCORE, row).orElse("1 = 1"),
                row -> readable(row, granted, groups), who.isAnonymous());
    }

    /** SQL: the row's metadata is visible. */
    private static String visible(String row, List<String> hidden, List<String> granted, List<String> groups) {
        return "(" + row + ".\"obs_collection\" IS NULL OR " + row + ".\"obs_collection\" NOT IN (" + literals(hidden)
                + ") OR " + readable(row, granted, groups) + ")";
    }

    /**
     * SQL: the row's data is readable: released, or one of {@code groups} may read it before
     * release. A product without groups of its own ({@link ObscoreTable#GROUPS} null) follows its
     * collection's groups ({@code granted}: the collections they may read); one with its own
     * follows those, and its collection's too when the value says so.
     */
    static String readable(String row, List<String> granted, List<String> groups) {
        String rights = "COALESCE(" + row + ".\"data_rights\", 'public')";
        // never NULL (callers negate it): a missing date or group list is false, not unknown
        String date = row + ".\"obs_release_date\"";
        String released = "(" + rights + " <> 'secure' AND ((" + date + " IS NOT NULL AND " + date
                + " <= CURRENT_TIMESTAMP) OR (" + date + " IS NULL AND " + rights + " = 'public')))";
        StringBuilder sql = new StringBuilder("(").append(released);
        if (!granted.isEmpty()) {
            String own = row + ".\"" + ObscoreTable.GROUPS + "\"";
            sql.append(" OR ((").append(own).append(" IS NULL OR ").append(own).append(" LIKE '")
                    .append(ObscoreTable.WITH_COLLECTION_GROUPS).append("%') AND ").append(row)
                    .append(".\"obs_collection\" IN (").append(literals(granted)).append("))");
        }
        if (!groups.isEmpty()) {
            sql.append(" OR ").append(ownGroup(row, groups));
        }
        return sql.append(")").toString();
    }

    /** SQL, never NULL: the product's own groups include one of {@code groups} (not empty). */
    private static String ownGroup(String row, List<String> groups) {
        String own = row + ".\"" + ObscoreTable.GROUPS + "\"";
        return groups.stream().map(g -> own + " LIKE '%|" + g.replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_").replace("'", "''") + "|%' ESCAPE '\\'")
                .collect(Collectors.joining(" OR ", "(" + own + " IS NOT NULL AND (", "))"));
    }

    private static List<CollectionDefinition> granted(List<CollectionDefinition> all, Identity who) {
        return all.stream().filter(d -> d.rights().groups().stream().anyMatch(who.groups()::contains)).toList();
    }

    private static List<String> names(List<CollectionDefinition> defs) {
        return defs.stream().map(CollectionDefinition::name).distinct().toList();
    }

    /** Names from the configuration as SQL string literals (names are checked, quotes doubled anyway). */
    private static String literals(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    /** What {@code /files} may do with a file. */
    public enum FileAccess {
        /** Serve it. */
        READ,
        /** Its product is visible but not readable by this identity: 401 when anonymous, else 403. */
        DENIED,
        /** Its product is hidden from this identity: answer as for a file that does not exist. */
        HIDDEN
    }

    /**
     * Whether {@code who} may read {@code /files/<collection>/<relative>}. The products that list
     * the file in product_files (by its {@code archive_id}) decide (readable if any is); a file no product lists follows its
     * collection: readable when the collection is public without a release date, or granted.
     * The same query runs whether or not the file exists, so refusals do not reveal existence.
     */
    public FileAccess file(Database database, Identity who, String collection, String relative) throws SQLException {
        List<CollectionDefinition> all = collections();
        List<String> granted = names(granted(all, who));
        Optional<CollectionDefinition> def = all.stream().filter(d -> d.name().equals(collection)).findFirst();
        boolean metadataHidden = def.map(d -> d.rights().proprietary() == Proprietary.METADATA).orElse(false);
        String row = "\"o\"";
        String sql = "SELECT COUNT(*), SUM(CASE WHEN " + readable(row, granted, who.groups().stream().sorted().toList())
                + " THEN 1 ELSE 0 END) FROM \""
                + OBSCORE_SCHEMA + "\".\"" + OBSCORE + "\" AS " + row + " WHERE " + row + ".\"obs_publisher_did\" IN"
                + " (SELECT \"product_id\" FROM \"" + archiveSchema + "\".\"" + ArchiveTables.PRODUCT_FILES
                + "\" WHERE \"archive_id\" = ? OR (\"archive_id\" > ? AND \"archive_id\" < ?))";
        long products;
        long readable;
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            // the ingester's file ids: <collection>/<path>, with #<fragment> when a file holds several
            // products; an indexed column, so every download costs an index probe, not a scan
            String id = collection + "/" + relative;
            ps.setString(1, id);
            ps.setString(2, id + "#");
            ps.setString(3, id + "$");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                products = rs.getLong(1);
                readable = rs.getLong(2);
            }
        }
        if (products > 0) {
            if (readable > 0) {
                return FileAccess.READ;
            }
            return metadataHidden ? FileAccess.HIDDEN : FileAccess.DENIED;
        }
        if (def.isEmpty() || granted.contains(collection)) {
            return FileAccess.READ;
        }
        CollectionDefinition.Rights r = def.get().rights();
        boolean open = r.dataRights().equals("public") && r.releaseDate() == null && r.releaseDelayDays() == null;
        if (open) {
            return FileAccess.READ;
        }
        return metadataHidden ? FileAccess.HIDDEN : FileAccess.DENIED;
    }
}
