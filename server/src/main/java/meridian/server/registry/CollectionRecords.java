package meridian.server.registry;

import static meridian.server.http.ErrorDocument.escape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.adql.RowFilter;
import meridian.sql.Database;
import meridian.sql.archive.ArchiveTables;
import meridian.sql.archive.ObscoreTable;

/**
 * One {@code vs:CatalogResource} per row of {@code <archive>.collections}, so a collection is
 * published as soon as it is ingested: title, description, facility, instruments, rights, temporal
 * and spectral coverage (from its ObsCore rows) and, per Discovering Data Collections, an
 * auxiliary capability ({@code ...#aux}) for each protocol capability of each service that serves
 * it, copied from that service's own capabilities. The record's {@code updated} date is the
 * collection's {@code updated} column, so re-ingesting a collection re-dates its record.
 * Identifiers are {@code ivo://<authority>/collections/<name>}.
 *
 * <p>Coverage needs a scan of the collection's ObsCore rows; it is cached per collection and
 * {@code updated} value. Thread-safe.
 */
public final class CollectionRecords implements RecordProvider {

    /** The resource key prefix of collection identifiers. */
    public static final String KEY_PREFIX = "collections/";

    /** Planck constant times the speed of light, J m: VODataService gives spectral coverage in joules. */
    private static final double HC = 6.62607015e-34 * 299_792_458.0;

    /** Standard ids of the protocols Discovering Data Collections defines auxiliary capabilities for. */
    private static final Map<String, String> AUXILIARY = Map.of(
            "ivo://ivoa.net/std/TAP", "ivo://ivoa.net/std/TAP#aux",
            "ivo://ivoa.net/std/SSA", "ivo://ivoa.net/std/SSA#aux",
            "ivo://ivoa.net/std/SIA#query-2.0", "ivo://ivoa.net/std/SIA#query-aux-2.0",
            "ivo://ivoa.net/std/ConeSearch", "ivo://ivoa.net/std/ConeSearch#aux");

    private static final Pattern STANDARD_ID = Pattern.compile("standardID=\"([^\"]*)\"");

    private final RegistryMetadata meta;
    private final Database database;
    private final String schema;
    private final List<ServiceRecord> servedBy;
    private final Map<String, CachedCoverage> coverage = new ConcurrentHashMap<>();

    /** Correlation name of the rows the access rules test. */
    private static final String ROW = "\"meridian_rows\"";

    private final Supplier<RowFilter> rows;

    private record CachedCoverage(String updated, String xml) {
    }

    /**
     * @param meta     shared metadata
     * @param database the archive
     * @param schema   the archive schema ({@code archive.schema})
     * @param servedBy the services whose data include every collection (the TAP service; SSA...)
     * @param rows     what anonymous users may see, asked on every harvest: registries are public, so
     *                 metadata-proprietary collections are not published and coverage comes from
     *                 visible products only
     */
    public CollectionRecords(RegistryMetadata meta, Database database, String schema, List<ServiceRecord> servedBy,
                             Supplier<RowFilter> rows) {
        this.rows = rows;
        this.meta = meta;
        this.database = database;
        this.schema = schema;
        this.servedBy = List.copyOf(servedBy);
    }

    @Override
    public List<RegistryRecord> records(String baseUrl) {
        RowFilter visible = rows.get();
        String sql = "SELECT \"collection\", \"title\", \"description\", \"facility_name\", \"instruments\","
                + " \"data_rights\", \"citation\", \"updated\" FROM \"" + schema + "\".\""
                + ArchiveTables.COLLECTIONS + "\" AS " + ROW + visible.condition(schema, ArchiveTables.COLLECTIONS, ROW)
                .map(cond -> " WHERE " + cond).orElse("") + " ORDER BY \"collection\"";
        List<RegistryRecord> out = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // a TIMESTAMP, written by the ingester with setTimestamp(Timestamp.from(instant)):
                // read back symmetrically, whatever the JVM's time zone
                java.sql.Timestamp updated = rs.getTimestamp(8);
                out.add(record(c, visible, baseUrl, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), updated == null ? null : updated.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + schema + "." + ArchiveTables.COLLECTIONS + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    private RegistryRecord record(Connection c, RowFilter visible, String baseUrl, String name, String title, String description,
                                  String facility, String instruments, String rights, String citation,
                                  Instant updated) throws SQLException {
        String shownTitle = RegistryMetadata.blankToNull(title) == null ? name : title.strip();
        String text = RegistryMetadata.blankToNull(description) == null
                ? "The data collection " + name + " of " + meta.title() + "." : description.strip();
        if (RegistryMetadata.blankToNull(citation) != null) {
            text += "\n\nCitation: " + citation.strip();
        }
        List<RegistryRecord.Relationship> relations = new ArrayList<>();
        StringBuilder tail = new StringBuilder();
        if (RegistryMetadata.blankToNull(rights) != null) {
            tail.append("  <rights>").append(escape(rights.strip())).append("</rights>\n");
        }
        for (ServiceRecord service : servedBy) {
            relations.add(new RegistryRecord.Relationship("IsServedBy", service.identifier(), service.title()));
            for (String capability : service.capabilities().capabilities(baseUrl + service.servicePath())) {
                Matcher m = STANDARD_ID.matcher(capability);
                if (m.find() && AUXILIARY.containsKey(m.group(1))) {
                    tail.append(capability, 0, m.start(1)).append(AUXILIARY.get(m.group(1)))
                            .append(capability, m.end(1), capability.length());
                }
            }
        }
        if (RegistryMetadata.blankToNull(facility) != null) {
            tail.append("  <facility>").append(escape(facility.strip())).append("</facility>\n");
        }
        if (instruments != null) {
            for (String instrument : instruments.split(",")) {
                if (!instrument.isBlank()) {
                    tail.append("  <instrument>").append(escape(instrument.strip())).append("</instrument>\n");
                }
            }
        }
        tail.append(coverage(c, visible, name, updated));
        return new RegistryRecord(meta.ivoid(KEY_PREFIX + resourceKey(name)), "vs:CatalogResource", shownTitle,
                null, meta.curation(), meta.content(baseUrl, text, List.of("Archive"), relations),
                tail.toString(), updated);
    }

    /** The {@code coverage} element from the collection's ObsCore rows, cached per {@code updated}. */
    private String coverage(Connection c, RowFilter visible, String name, Instant updated) throws SQLException {
        String key = String.valueOf(updated);
        CachedCoverage cached = coverage.get(name);
        if (cached != null && cached.updated().equals(key)) {
            return cached.xml();
        }
        String sql = "SELECT MIN(\"t_min\"), MAX(\"t_max\"), MIN(\"em_min\"), MAX(\"em_max\") FROM \""
                + ObscoreTable.SCHEMA + "\".\"" + ObscoreTable.NAME + "\" AS " + ROW + " WHERE \"obs_collection\" = ?"
                + visible.condition(ObscoreTable.SCHEMA, ObscoreTable.NAME, ROW).map(cond -> " AND " + cond).orElse("");
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double tMin = rs.getDouble(1);
                boolean hasT = !rs.wasNull();
                double tMax = rs.getDouble(2);
                hasT &= !rs.wasNull();
                double emMin = rs.getDouble(3);
                boolean hasEm = !rs.wasNull() && emMin > 0;
                double emMax = rs.getDouble(4);
                hasEm &= !rs.wasNull() && emMax >= emMin;
                if (hasT || hasEm) {
                    sb.append("  <coverage>\n");
                    if (hasT) {
                        sb.append("    <temporal>").append(number(tMin)).append(' ').append(number(tMax))
                                .append("</temporal>\n");
                    }
                    if (hasEm) {
                        sb.append("    <spectral>").append(number(HC / emMax)).append(' ').append(number(HC / emMin))
                                .append("</spectral>\n");
                        for (String band : wavebands(emMin, emMax)) {
                            sb.append("    <waveband>").append(band).append("</waveband>\n");
                        }
                    }
                    sb.append("  </coverage>\n");
                }
            }
        }
        coverage.put(name, new CachedCoverage(key, sb.toString()));
        return sb.toString();
    }

    /** Bands of the IVOA messenger vocabulary the wavelength range (metres) overlaps. */
    static List<String> wavebands(double emMin, double emMax) {
        // lower wavelength limit of each band, from long to short wavelengths
        String[] names = {"Radio", "Millimeter", "Infrared", "Optical", "UV", "EUV", "X-ray", "Gamma-ray"};
        double[] lower = {1e-2, 1e-4, 1e-6, 3e-7, 1e-7, 1e-8, 1e-11, 0};
        List<String> out = new ArrayList<>();
        double upper = Double.POSITIVE_INFINITY;
        for (int i = 0; i < names.length; i++) {
            if (emMin < upper && emMax >= lower[i]) {
                out.add(names[i]);
            }
            upper = lower[i];
        }
        return out;
    }

    /** An xs:double literal. */
    private static String number(double d) {
        return Double.toString(d);
    }

    /** Percent-encodes what an IVOA identifier's resource key may not contain. */
    static String resourceKey(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
                sb.append(ch);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
