package meridian.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import meridian.server.http.Fault;
import meridian.sql.Database;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Loads uploads into the database: each becomes a table in the {@value #SCHEMA} database schema
 * under a name unique to the request ({@code u<token>_<name>}, the model's
 * {@link Table#storedName()}), while ADQL calls it {@code TAP_UPLOAD.name}. Rows and bytes are
 * limited; column names must be ADQL identifiers; scalar numbers, booleans, strings and
 * timestamps are accepted. Thread-safe.
 */
public final class UploadLoader {

    /** The schema ADQL and the database use for uploads. */
    public static final String SCHEMA = "TAP_UPLOAD";

    private static final Logger LOG = LoggerFactory.getLogger(UploadLoader.class);
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final int BATCH = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final UploadLimits limits;
    private final Path tmpDir;
    private final UploadReader reader = new UploadReader();
    private final UrlFetcher fetcher;

    /**
     * @param database the archive database
     * @param limits   upload limits
     * @param tmpDir   where uploads are spooled while they are loaded
     */
    public UploadLoader(Database database, UploadLimits limits, Path tmpDir) {
        this.database = database;
        this.limits = limits;
        this.tmpDir = tmpDir;
        this.fetcher = new UrlFetcher(limits);
    }

    public UploadLimits limits() {
        return limits;
    }

    /** True when URL uploads are allowed from at least one host. */
    public boolean urlUploadsEnabled() {
        return fetcher.enabled();
    }

    /**
     * Fetches, reads and loads every upload. On failure the tables loaded so far are dropped.
     *
     * @param specs the parsed UPLOAD parameter
     * @param parts the request's parts by name (for {@code param:} uploads); null when absent
     * @return the loaded tables; close to drop them
     * @throws Fault (usage, too large) naming the upload and the problem or limit
     */
    public LoadedUploads load(List<UploadSpec> specs, Function<String, UploadSource> parts) throws IOException {
        LoadedUploads loaded = new LoadedUploads(database);
        if (specs.isEmpty()) {
            return loaded;
        }
        String token = HexFormat.of().formatHex(randomBytes());
        long budget = limits.maxBytes();
        try {
            ensureSchema();
            for (UploadSpec spec : specs) {
                Files.createDirectories(tmpDir);
                Path file = Files.createTempFile(tmpDir, "upload-", ".tmp");
                try {
                    budget -= fetch(spec, parts, file, budget);
                    StarTable table = reader.read(spec.name(), file);
                    Table model = describe(spec.name(), table).withStoredName("u" + token + "_" + spec.name());
                    loaded.add(model);
                    insert(model, table);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            return loaded;
        } catch (SQLException e) {
            loaded.close();
            throw new IOException("loading the uploads failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private long fetch(UploadSpec spec, Function<String, UploadSource> parts, Path file, long budget)
            throws IOException {
        if (spec.isInline()) {
            UploadSource source = parts == null ? null : parts.apply(spec.partName());
            if (source == null) {
                throw Fault.usage("UPLOAD " + spec.name() + " refers to " + spec.source() + " but the request has no"
                        + " multipart part named " + spec.partName());
            }
            try (InputStream in = source.open()) {
                return UploadReader.spool(spec.name(), in, file, budget, limits.maxBytes());
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            return fetcher.fetch(spec.name(), spec.source(), budget, out);
        }
    }

    /** The model table of an upload: its columns with their VOTable metadata. */
    static Table describe(String name, StarTable table) {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.getColumnCount(); i++) {
            ColumnInfo info = table.getColumnInfo(i);
            String col = info.getName() == null ? "" : info.getName().trim();
            if (!COLUMN_NAME.matcher(col).matches()) {
                throw Fault.usage("UPLOAD " + name + ": column name '" + col + "' is not an ADQL identifier; use a"
                        + " letter followed by letters, digits or _ (at most 100 characters)");
            }
            if (!seen.add(col.toLowerCase(Locale.ROOT))) {
                throw Fault.usage("UPLOAD " + name + ": column name " + col + " appears twice");
            }
            if (col.equalsIgnoreCase(meridian.sql.geom.SkyCells.COLUMN)) {
                throw Fault.usage("UPLOAD " + name + ": column name " + col + " is reserved");
            }
            Column.Builder b = Column.of(col, datatype(name, info)).nullable(true)
                    .unit(info.getUnitString()).ucd(info.getUCD()).utype(info.getUtype())
                    .description(info.getDescription());
            if (info.getContentClass() == String.class) {
                b.arraysize("*");
            }
            if ("timestamp".equals(info.getXtype()) || "adql:TIMESTAMP".equals(info.getXtype())) {
                if (info.getContentClass() != String.class) {
                    throw Fault.usage("UPLOAD " + name + ": column " + col + " has xtype timestamp but is not text");
                }
                b.xtype("timestamp");
            }
            columns.add(b.build());
        }
        if (columns.isEmpty()) {
            throw Fault.usage("UPLOAD " + name + ": the table has no columns");
        }
        return Table.of(SCHEMA, name, "table uploaded with the query", columns);
    }

    private static Datatype datatype(String table, ColumnInfo info) {
        Class<?> c = info.getContentClass();
        return Datatype.forScalarClass(c).orElseThrow(() -> Fault.usage("UPLOAD " + table + ": column "
                + info.getName() + " holds " + (c.isArray() ? "arrays" : c.getSimpleName())
                + "; uploads take scalar numbers, booleans, strings and timestamps"));
    }

    private void ensureSchema() throws SQLException {
        try (Connection c = database.connection()) {
            database.backend().ensureSchema(c, SCHEMA);
        }
    }

    private void insert(Table model, StarTable table) throws IOException, SQLException {
        var backend = database.backend();
        int n = model.columns().size();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(backend.qualified(model)).append(" VALUES (");
        sql.append("?, ".repeat(n - 1)).append("?)");
        try (Connection c = database.connection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                for (String ddl : backend.createTable(model)) {
                    st.execute(ddl);
                }
            }
            c.setAutoCommit(false);
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString()); RowSequence seq = table.getRowSequence()) {
                while (seq.next()) {
                    if (++rows > limits.maxRows()) {
                        throw Fault.tooLarge("UPLOAD " + model.name() + " has more than " + limits.maxRows()
                                + " rows, the limit (tap.upload_limit_rows)");
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IOException("upload cancelled");
                    }
                    for (int i = 0; i < n; i++) {
                        ps.setObject(i + 1, value(model, i, seq.getCell(i), rows));
                    }
                    ps.addBatch();
                    if (rows % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
                c.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Object value(Table model, int i, Object v, long row) {
        if (v == null) {
            return null;
        }
        Column col = model.columns().get(i);
        if (v instanceof Byte b) {
            return b.shortValue();
        }
        if (v instanceof Character ch) {
            return ch.toString();
        }
        if ((v instanceof Double d && (d.isNaN() || d.isInfinite()))
                || (v instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            return null;
        }
        if ("timestamp".equals(col.xtype())) {
            String s = v.toString().trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Timestamp.valueOf(s.endsWith("Z") ? OffsetDateTime.parse(s).toLocalDateTime()
                        : LocalDateTime.parse(s.length() == 10 ? s + "T00:00:00" : s.replace(' ', 'T')));
            } catch (DateTimeParseException e) {
                throw Fault.usage("UPLOAD " + model.name() + ": row " + row + ", column " + col.name() + ": '" + s
                        + "' is not an ISO 8601 timestamp");
            }
        }
        return v;
    }

    /** Drops upload tables a crash left behind. Call at start-up, before requests arrive. */
    public void dropLeftovers() {
        try (Connection c = database.connection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, SCHEMA, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : names) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE " + database.backend().quote(SCHEMA) + "." + database.backend().quote(t));
                }
            }
            if (!names.isEmpty()) {
                LOG.info("dropped {} upload tables left from before the restart", names.size());
            }
        } catch (SQLException e) {
            LOG.warn("cannot drop leftover upload tables: {}", e.getMessage());
        }
    }
}
