package meridian.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import meridian.server.config.MeridianConfig;
import meridian.server.tap.QueryPlanner;
import meridian.sql.Database;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Meridian server for integration tests: a fresh archive (embedded Derby in a temporary
 * directory, or a scratch PostgreSQL database when {@link TestDatabases#postgres()}) holding {@link #ROWS} known ObsCore rows (and their product files), served by Jetty
 * on 127.0.0.1 on a free port. Start once per test class; {@link #close} stops the server by its
 * own handle and deletes the directory and the scratch database.
 */
@SuppressWarnings("try") // close() may throw InterruptedException from Jetty's stop; tests just propagate it
public final class TestService implements AutoCloseable {

    /** Number of ObsCore rows inserted. */
    public static final int ROWS = 40;

    private final Path dir;
    private final MeridianConfig config;
    private final BiFunction<QueryPlanner, Database, QueryPlanner> planner;
    private Archive archive;
    private Server server;
    private String baseUrl;

    private TestService(Path dir, MeridianConfig config, BiFunction<QueryPlanner, Database, QueryPlanner> planner) {
        this.dir = dir;
        this.config = config;
        this.planner = planner;
    }

    public static TestService start() throws Exception {
        return start(UnaryOperator.identity(), (real, db) -> real);
    }

    /**
     * A service with a changed configuration (shorter limits) and planner (a test planner
     * wrapping the archive's).
     */
    public static TestService start(UnaryOperator<MeridianConfig> configure, BiFunction<QueryPlanner, Database, QueryPlanner> planner)
            throws Exception {
        Path dir = Files.createTempDirectory("meridian-it");
        MeridianConfig base = MeridianConfig.load(Path.of("../conf/meridian.yaml")).withDataDir(dir);
        if (TestDatabases.postgres()) {
            base = base.withDatabase(TestDatabases.createPostgres());
        }
        // the request rate limit off (as shipped) also where conf/meridian.yaml would set one: suites send
        // many queries from one address; the work limits (limits.queries_per_client...) stay as shipped
        base = base.withLimits(new MeridianConfig.Limits(0, null));
        MeridianConfig config = configure.apply(base);
        TestService s = new TestService(dir, config, planner);
        s.archive = Archive.open(config);
        insertRows(s.archive, config.archive().schema());
        s.serve();
        return s;
    }

    private void serve() throws Exception {
        MeridianServer.Parts parts = archive.parts();
        server = MeridianServer.create(config, new MeridianServer.Parts(parts.database(),
                planner.apply(parts.planner(), parts.database()), parts.adqlFeatures()), "127.0.0.1", 0);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        baseUrl = "http://127.0.0.1:" + port;
    }

    /**
     * Stops the server and closes the database, runs {@code whileDown} (e.g. to fake a crash in
     * the data directory), then opens the same data directory again on a new port.
     */
    public void restart(Callable<?> whileDown) throws Exception {
        server.stop();
        archive.close();
        whileDown.call();
        archive = Archive.open(config);
        serve();
    }

    /**
     * Generates the demo source catalogue ({@code demo.sources}, as {@code ./meridian serve}
     * publishes it) around the test rows' positions and publishes it.
     */
    public void publishDemoCatalogue() throws Exception {
        java.util.List<double[]> near = new java.util.ArrayList<>();
        for (int i = 0; i < ROWS; i += 2) {
            near.add(new double[] {10 + i, -5 + i / 2.0});
        }
        long t0 = System.nanoTime();
        Path yaml = meridian.ingest.demo.DemoCatalogue.generate(dir, near);
        System.out.printf("demo catalogue generated in %.2f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.print(new meridian.ingest.catalogue.CatalogueLoader(archive.database())
                .load(meridian.ingest.catalogue.CatalogueDefinition.load(yaml), false, rows -> { }).summary());
    }

    /** The configuration the service runs with (its database included). */
    public MeridianConfig config() {
        return config;
    }

    /** The data directory. */
    public Path dataDir() {
        return dir;
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public String baseUrl() {
        return baseUrl;
    }

    public String tapUrl() {
        return baseUrl + "/tap";
    }

    public Archive archive() {
        return archive;
    }

    /**
     * Generates the demo archive ({@link meridian.ingest.demo.DemoArchive}: real FITS spectra,
     * images and a cube) into the data directory and ingests the named collections with access
     * URLs on this server, as the first {@code ./meridian serve} does. Previews are not drawn.
     */
    public void ingestDemo(String... collections) throws Exception {
        meridian.server.files.Collections c = new meridian.server.files.Collections(config);
        meridian.ingest.Ingestor ingestor = new meridian.ingest.Ingestor(archive.database(), c.settings());
        java.util.List<String> wanted = java.util.List.of(collections);
        for (Path yaml : meridian.ingest.demo.DemoArchive.generate(dir)) {
            meridian.ingest.CollectionDefinition def = meridian.ingest.CollectionDefinition.load(yaml);
            if (wanted.contains(def.name())) {
                ingestor.ingest(def, meridian.ingest.IngestOptions.defaults().withPreviews(false),
                        meridian.ingest.ProgressListener.NONE);
            }
        }
    }

    /** Ingests one collection definition with access URLs on this server, as {@code ./meridian ingest} does. */
    public meridian.ingest.IngestReport ingest(Path yaml, boolean previews) throws Exception {
        meridian.server.files.Collections c = new meridian.server.files.Collections(config);
        return new meridian.ingest.Ingestor(archive.database(), c.settings()).ingest(
                meridian.ingest.CollectionDefinition.load(yaml),
                meridian.ingest.IngestOptions.defaults().withPreviews(previews), meridian.ingest.ProgressListener.NONE);
    }

    /** Generates and ingests {@code count} demo SDP binary-table spectra as collection {@code name}. */
    public void ingestDemoSpectra(String name, int count) throws Exception {
        meridian.server.files.Collections c = new meridian.server.files.Collections(config);
        Path yaml = meridian.ingest.demo.DemoArchive.generateSpectra(dir, name, count);
        new meridian.ingest.Ingestor(archive.database(), c.settings()).ingest(
                meridian.ingest.CollectionDefinition.load(yaml),
                meridian.ingest.IngestOptions.defaults().withPreviews(false), meridian.ingest.ProgressListener.NONE);
    }

    /**
     * Rows i = 0..ROWS-1: obs_id {@code obs-NN}, spectra for even i and images for odd i,
     * s_ra = 10 + i, s_dec = -5 + i / 2, em 400..700 nm shifted by i nm, target {@code star-(i%5)},
     * collections {@code alpha} (i < 25) and {@code beta}; two product files per product.
     */
    private static void insertRows(Archive archive, String schema) throws SQLException {
        try (Connection c = archive.database().connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"ivoa\".\"obscore\" (\"dataproduct_type\","
                    + " \"calib_level\", \"obs_collection\", \"obs_id\", \"obs_publisher_did\", \"access_url\","
                    + " \"access_format\", \"access_estsize\", \"target_name\", \"s_ra\", \"s_dec\", \"s_fov\","
                    + " \"s_region\", \"t_min\", \"t_max\", \"t_exptime\", \"em_min\", \"em_max\", \"em_res_power\","
                    + " \"facility_name\", \"instrument_name\", \"obs_release_date\", \"s_xel1\", \"s_xel2\","
                    + " \"em_xel\", \"t_xel\", \"pol_xel\", \"o_ucd\")"
                    + " VALUES (?, 2, ?, ?, ?, ?, 'application/fits', ?, ?, ?, ?, 0.1, ?, ?, ?, 600, ?, ?, 2000,"
                    + " 'Test Telescope', 'TSPEC', CAST('2020-01-01 00:00:00' AS TIMESTAMP), ?, ?, ?, 1, 1,"
                    + " 'phot.flux.density;em.wl')");
                 PreparedStatement files = c.prepareStatement("INSERT INTO \"" + schema + "\".\"product_files\""
                         + " (\"product_id\", \"archive_id\", \"category\", \"extension\", \"original_filename\","
                         + " \"access_url\", \"access_estsize\", \"content_type\") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    boolean spectrum = i % 2 == 0;
                    String obsId = String.format("obs-%02d", i);
                    String did = "ivo://meridian.demo/test?" + obsId;
                    double ra = 10 + i;
                    double dec = -5 + i / 2.0;
                    ps.setString(1, spectrum ? "spectrum" : "image");
                    ps.setString(2, i < 25 ? "alpha" : "beta");
                    ps.setString(3, obsId);
                    ps.setString(4, did);
                    ps.setString(5, "http://127.0.0.1/files/" + obsId + ".fits");
                    ps.setLong(6, 100 + i);
                    ps.setString(7, "star-" + (i % 5));
                    ps.setDouble(8, ra);
                    ps.setDouble(9, dec);
                    ps.setString(10, String.format(java.util.Locale.ROOT,
                            "Polygon ICRS %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f",
                            ra - 0.05, dec - 0.05, ra + 0.05, dec - 0.05, ra + 0.05, dec + 0.05, ra - 0.05, dec + 0.05));
                    ps.setDouble(11, 58000 + i);
                    ps.setDouble(12, 58000 + i + 600 / 86400.0);
                    ps.setDouble(13, (400 + i) * 1e-9);
                    ps.setDouble(14, (700 + i) * 1e-9);
                    ps.setLong(15, spectrum ? 1 : 100);
                    ps.setLong(16, spectrum ? 1 : 100);
                    ps.setLong(17, spectrum ? 3000 : 1);
                    ps.executeUpdate();
                    for (String category : new String[] {spectrum ? "SCIENCE.SPECTRUM" : "SCIENCE.IMAGE",
                            "ANCILLARY.PREVIEW"}) {
                        boolean science = category.startsWith("SCIENCE");
                        String name = obsId + (science ? ".fits" : ".png");
                        files.setString(1, did);
                        files.setString(2, obsId + (science ? "" : "-preview"));
                        files.setString(3, category);
                        files.setString(4, science ? "fits" : "png");
                        files.setString(5, name);
                        files.setString(6, "http://127.0.0.1/files/" + name);
                        files.setLong(7, science ? 100 + i : 10);
                        files.setString(8, science ? "application/fits" : "image/png");
                        files.executeUpdate();
                    }
                }
            }
            c.commit();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        archive.close();
        TestDatabases.drop(config.databaseConfig());
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            });
        }
    }
}
