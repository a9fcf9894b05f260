package meridian.sql.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import meridian.sql.Database;
import meridian.sql.backend.Backend;
import meridian.sql.model.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the archive stores access references ({@code ivoa.obscore.access_url} and {@code preview},
 * {@code <archive>.product_files.access_url}): a link to this service is stored relative to the
 * service, as a path that starts with one slash ({@code /files/demo_sdp/2020/x.fits},
 * {@code /datalink/links?ID=...}), and made absolute with the base URL of the request (or the
 * configured {@code service.base_url}) whenever a result is written: by the TAP and SSA result
 * writers for every column whose UCD has {@code meta.ref.url}, by DataLink for its links. So a
 * host name or port is never frozen into the rows. Links elsewhere stay absolute. Stateless.
 */
public final class AccessReferences {

    private static final Logger LOG = LoggerFactory.getLogger(AccessReferences.class);
    /** What ingestion stored before references were relative, when no base URL was configured. */
    private static final Pattern LEGACY_DEFAULT = Pattern.compile("http://localhost(:\\d+)?");

    private AccessReferences() {
    }

    /** True for a reference stored relative to the service ({@code /path}, not {@code //host}). */
    public static boolean isRelative(String stored) {
        return stored != null && stored.startsWith("/") && !stored.startsWith("//");
    }

    /** The reference as a client sees it: {@code base + stored} when relative, else unchanged. */
    public static String absolute(String stored, String base) {
        return isRelative(stored) ? base + stored : stored;
    }

    /** True when a result column of this UCD holds access references ({@code meta.ref.url[;...]}). */
    public static boolean isReferenceUcd(String ucd) {
        if (ucd == null) {
            return false;
        }
        for (String word : ucd.split(";")) {
            if (word.trim().equalsIgnoreCase("meta.ref.url")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Upgrades an archive whose rows hold absolute links to this service (as ingestion wrote them
     * before): references that start with {@code http://localhost[:port]} (the old default) or
     * with {@code configuredBase} become relative. Idempotent; runs when the archive opens.
     *
     * @param configuredBase {@code service.base_url}, or null/blank when none
     * @return the rows changed
     */
    public static int upgrade(Database db, String archiveSchema, String configuredBase) throws SQLException {
        Backend b = db.backend();
        String base = configuredBase == null || configuredBase.isBlank() ? null
                : configuredBase.trim().replaceAll("/+$", "");
        int changed = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (Table t : List.of(ObscoreTable.table(), ArchiveTables.productFiles(archiveSchema))) {
                if (!b.tableExists(c, t)) {
                    continue;
                }
                for (String column : List.of("access_url", "preview")) {
                    if (t.columns().stream().anyMatch(col -> col.name().equals(column))) {
                        changed += upgrade(c, b, t, column, base);
                    }
                }
            }
            c.commit();
        }
        if (changed > 0) {
            LOG.info("{} access references made relative to the service (they follow its base URL now)", changed);
        }
        return changed;
    }

    private static int upgrade(Connection c, Backend b, Table t, String column, String base) throws SQLException {
        String col = b.quote(column);
        int changed = base == null ? 0 : strip(c, b, t, col, base);
        String find = "SELECT " + col + " FROM " + b.qualified(t) + " WHERE " + col + " LIKE 'http://localhost%'"
                + " FETCH FIRST 1 ROWS ONLY";
        for (String prefix = legacyPrefix(c, find); prefix != null; prefix = legacyPrefix(c, find)) {
            int n = strip(c, b, t, col, prefix);
            if (n == 0) {
                break;
            }
            changed += n;
        }
        return changed;
    }

    /** Removes {@code prefix} from the references that start with it and a slash. */
    private static int strip(Connection c, Backend b, Table t, String col, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + b.qualified(t) + " SET " + col + " = SUBSTR("
                + col + ", " + (prefix.length() + 1) + ") WHERE " + col + " LIKE ? ESCAPE '!'")) {
            ps.setString(1, prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%");
            return ps.executeUpdate();
        }
    }

    /** The {@code http://localhost:port} of a stored reference, or null when none is left. */
    private static String legacyPrefix(Connection c, String find) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(find); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String url = rs.getString(1);
            int slash = url.indexOf('/', "http://".length());
            String prefix = slash < 0 ? url : url.substring(0, slash);
            return LEGACY_DEFAULT.matcher(prefix).matches() ? prefix : null;
        }
    }
}
