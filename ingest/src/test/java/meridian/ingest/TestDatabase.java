package meridian.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.DerbyBackend;

/** A real embedded Derby archive in a temporary directory, with a small query helper. */
public final class TestDatabase implements AutoCloseable {

    public static final String SCHEMA = "archive";

    private final Database db;

    public TestDatabase(Path dir) throws SQLException {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        db = Database.open(DatabaseConfig.derby(dir.resolve("db")), new DerbyBackend(),
                ArchiveModel.create(SCHEMA, "Test archive"));
    }

    public Database db() {
        return db;
    }

    /** Rows of a query as column-name (lower case) maps. */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int k = 1; k <= md.getColumnCount(); k++) {
                        row.put(md.getColumnLabel(k).toLowerCase(java.util.Locale.ROOT), rs.getObject(k));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** A single number. */
    public long count(String sql, Object... params) throws SQLException {
        return ((Number) query(sql, params).get(0).values().iterator().next()).longValue();
    }

    @Override
    public void close() {
        db.close();
    }
}
