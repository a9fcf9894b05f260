package meridian.adql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.DerbyBackend;
import meridian.sql.backend.PostgresBackend;
import meridian.sql.geom.GeometryFunctions;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;

/**
 * An archive (embedded Derby, or with {@code MERIDIAN_TEST_DB=postgresql} a scratch database on
 * the server at {@code MERIDIAN_TEST_PG_URL}, see the server module's {@code TestDatabases}) with a few known ObsCore rows, product files, and a small table
 * {@code test.stars} whose column names are awkward for SQL ({@code dec}, {@code size},
 * {@code "Group"}). {@link #rows} runs ADQL end to end: translate, execute, convert.
 */
final class TestArchive implements AutoCloseable {

    final MetadataModel model;
    final Database db;
    final QueryTranslator translator;
    private final String scratch;

    /** Filling of extra tables, run once after the archive's own rows. */
    interface Filler {
        void fill(Connection c) throws SQLException;
    }

    TestArchive(Path dir) throws SQLException {
        this(dir, List.of(), List.of(), c -> { });
    }

    /** The archive with {@code extra} tables (empty; the caller fills them) in schema {@code test}. */
    TestArchive(Path dir, List<Table> extra) throws SQLException {
        this(dir, extra, List.of(), c -> { });
    }

    /**
     * The archive with more schemas (such as {@link ConformanceCatalogue}'s), filled by {@code extraRows}.
     */
    TestArchive(Path dir, List<Schema> extraSchemas, Filler extraRows) throws SQLException {
        this(dir, List.of(), extraSchemas, extraRows);
    }

    private TestArchive(Path dir, List<Table> extra, List<Schema> extraSchemas, Filler extraRows)
            throws SQLException {
        Table stars = new Table("test", "stars", "table", "Stars with awkward column names", null, List.of(
                Column.of("id", Datatype.INT).notNull().build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").ucd("pos.eq.ra;meta.main").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").ucd("pos.eq.dec;meta.main").build(),
                Column.of("size", Datatype.DOUBLE).unit("arcsec").build(),
                Column.of("Group", Datatype.CHAR).arraysize("*").description("mixed-case name").build()),
                List.of("id"), List.of(), 1, new Table.Position("ra", "dec"));
        MetadataModel m = ArchiveModel.create("archive", "Test")
                .with(new Schema("test", "test tables", null, Stream.concat(Stream.of(stars), extra.stream()).toList(), 9));
        for (Schema s : extraSchemas) {
            m = m.with(s);
        }
        model = m;
        if ("postgresql".equals(System.getenv("MERIDIAN_TEST_DB"))) {
            scratch = "meridian_adql_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            admin("CREATE DATABASE " + scratch);
            db = Database.open(new DatabaseConfig("postgresql", null, pgUrl() + scratch, pgUser(), null, 4),
                    new PostgresBackend(), model);
            translator = QueryTranslator.postgres();
        } else {
            scratch = null;
            db = Database.open(DatabaseConfig.derby(dir.resolve("db")),
                    new DerbyBackend(List.of(GeometryFunctions.derbyInstaller())), model);
            translator = QueryTranslator.derby();
        }
        fill();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            extraRows.fill(c);
            c.commit();
        }
    }

    private void fill() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            String sql = "INSERT INTO \"ivoa\".\"obscore\" (\"obs_id\", \"obs_publisher_did\", \"obs_collection\","
                    + " \"calib_level\", \"dataproduct_type\", \"s_ra\", \"s_dec\", \"s_fov\", \"s_region\","
                    + " \"target_name\", \"t_min\", \"em_min\", \"obs_creation_date\", \"access_estsize\")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                row(ps, "a", "DEMO", 2, "spectrum", 10.0, 20.0, 1.0, "Circle ICRS 10 20 0.5", "M31", 59000.5, 4e-7,
                        "2020-01-02 03:04:05.678", 100L);
                row(ps, "b", "DEMO", 3, "image", 10.5, 20.2, 0.5, "Polygon ICRS 10 20 11 20 11 21 10 21", "m31 halo",
                        59001.25, 5e-7, "2021-06-30 12:00:00", 2048L);
                row(ps, "c", "OTHER", 1, "spectrum", 359.9, 0.1, null, "Circle ICRS 359.9 0.1 0.1", "Zero", 59002.0,
                        6e-7, null, 7L);
                row(ps, "d", "OTHER", 2, "cube", 0.2, -0.1, 2.0, null, null, null, null, null, null);
                row(ps, "e", "POLAR", 2, "image", 180.0, 89.9, 0.4, "Circle ICRS 180 89.9 0.2", "Pole", 59003.0,
                        7e-7, "2022-02-02 00:00:00", 1L);
                row(ps, "f", "DEMO", 0, "spectrum", 250.0, -45.0, 0.1, "Polygon ICRS 249 -46 251 -46 250 -44",
                        "O'Brien; DROP", 59004.0, 8e-7, null, 0L);
                ps.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO \"archive\".\"product_files\" (\"product_id\", \"archive_id\","
                        + " \"category\", \"access_estsize\") VALUES ('ivo://test/a', 'A.fits', 'SCIENCE.SPECTRUM', 100),"
                        + " ('ivo://test/a', 'A.png', 'ANCILLARY.PREVIEW', 10), ('ivo://test/b', 'B.fits', 'SCIENCE.IMAGE', 2048)");
                st.executeUpdate("INSERT INTO \"test\".\"stars\" (\"id\", \"ra\", \"dec\", \"size\", \"Group\") VALUES"
                        + " (1, 10.0, 20.0, 1.5, 'x'), (2, 10.01, 20.01, 2.5, 'y'), (3, 200.0, -30.0, NULL, 'x')");
            }
            c.commit();
        }
    }

    private static void row(PreparedStatement ps, String id, String collection, int calib, String type, Double ra,
                            Double dec, Double fov, String region, String target, Double tmin, Double emMin,
                            String created, Long size) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, "ivo://test/" + id);
        ps.setString(3, collection);
        ps.setInt(4, calib);
        ps.setString(5, type);
        setDouble(ps, 6, ra);
        setDouble(ps, 7, dec);
        setDouble(ps, 8, fov);
        ps.setString(9, region);
        ps.setString(10, target);
        setDouble(ps, 11, tmin);
        setDouble(ps, 12, emMin);
        if (created == null) {
            ps.setNull(13, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(13, Timestamp.valueOf(created));
        }
        if (size == null) {
            ps.setNull(14, Types.BIGINT);
        } else {
            ps.setLong(14, size);
        }
        ps.addBatch();
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Runs an ADQL 2.1 query; each row's converted values. */
    List<List<Object>> rows(String adql) throws AdqlException, SQLException {
        return rows(translator.translate(adql, AdqlVersion.V2_1, model));
    }

    List<List<Object>> rows(TranslatedQuery q) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
            if (rs.getMetaData().getColumnCount() != q.columns().size()) {
                throw new AssertionError("SQL has " + rs.getMetaData().getColumnCount() + " columns, metadata "
                        + q.columns().size() + ": " + q.sql());
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < q.columns().size(); i++) {
                    row.add(q.columns().get(i).converter().apply(rs.getObject(i + 1)));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** Rows as text: values joined by {@code |}, rows by {@code ;}; doubles rounded to 6 decimals. */
    String text(String adql) throws AdqlException, SQLException {
        return rows(adql).stream().map(r -> r.stream().map(TestArchive::show).collect(Collectors.joining("|")))
                .collect(Collectors.joining(";"));
    }

    static String show(Object v) {
        if (v instanceof double[] a) {
            return Arrays.stream(a).mapToObj(TestArchive::num).collect(Collectors.joining(" ", "[", "]"));
        }
        if (v instanceof Double d) {
            return num(d);
        }
        if (v instanceof Float f) {
            return num(f.doubleValue());
        }
        return String.valueOf(v);
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        db.close();
        if (scratch != null) {
            try {
                admin("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the scratch database " + scratch, e);
            }
        }
    }

    private static String pgUrl() {
        String url = System.getenv("MERIDIAN_TEST_PG_URL");
        if (url == null || !url.endsWith("/")) {
            throw new IllegalStateException("MERIDIAN_TEST_DB=postgresql needs MERIDIAN_TEST_PG_URL=jdbc:postgresql://host:port/");
        }
        return url;
    }

    private static String pgUser() {
        String user = System.getenv("MERIDIAN_TEST_PG_USER");
        return user == null ? "meridian" : user;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl() + "postgres", pgUser(), null);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
