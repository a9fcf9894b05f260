package meridian.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.ingest.catalogue.CatalogueReport;
import meridian.ingest.demo.DemoCatalogue;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.Backend;
import meridian.sql.backend.DerbyBackend;
import meridian.sql.backend.PostgresBackend;
import meridian.sql.geom.GeometryFunctions;
import meridian.sql.geom.SkyCells;

/**
 * Measures catalogue loading (rows/s, index build included) of a generated 10-column catalogue
 * (the demo catalogue's generator) from a FITS binary table into a fresh embedded Derby database,
 * loading it twice (the second load replaces the first). Wall-clock rates depend on what else the
 * machine runs; the loading thread's CPU time is printed too. Not a test: run it by hand,
 * {@code java -cp <ingest classpath> meridian.ingest.bench.CatalogueBenchmark [rows] [work dir]}
 * (defaults: 1,000,000 rows in a temporary directory, deleted afterwards). With
 * {@code MERIDIAN_BENCH_PG_URL} (a JDBC URL of an empty database with pgSphere) and
 * {@code MERIDIAN_BENCH_PG_USER} it loads into PostgreSQL instead (no cone timings there).
 */
public final class CatalogueBenchmark {

    private CatalogueBenchmark() {
    }

    /**
     * Cone searches on the loaded table as the ADQL translator writes them on Derby (sky-cell
     * pre-filter, exact distance test), at 20 random centres after 5 for warm-up.
     */
    private static void cones(Database db, double radius) throws Exception {
        var random = new java.util.Random(7);
        List<Long> nanos = new java.util.ArrayList<>();
        long found = 0;
        String table = "\"bench\".\"" + db.model().table("bench.sources").orElseThrow().storedName() + "\"";
        try (var c = db.connection()) {
            for (int i = 0; i < 25; i++) {
                double ra = 360 * random.nextDouble();
                double dec = Math.toDegrees(Math.asin(1.8 * random.nextDouble() - 0.9));
                SkyCells.Cover cover = SkyCells.cover(ra, dec, radius);
                String pre = cover.cells() == null ? "BETWEEN " + cover.first() + " AND " + cover.last()
                        : "IN (" + String.join(", ", cover.cells().stream().map(String::valueOf).toList()) + ")";
                String sql = "SELECT \"source_id\" FROM " + table + " WHERE \"meridian_cell\" " + pre
                        + " AND \"MERIDIAN\".\"DISTANCE\"(\"ra\", \"dec\", " + ra + ", " + dec + ") < " + radius;
                long t0 = System.nanoTime();
                int n = 0;
                try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        n++;
                    }
                }
                if (i >= 5) {
                    nanos.add(System.nanoTime() - t0);
                    found += n;
                }
            }
        }
        java.util.Collections.sort(nanos);
        System.out.printf(Locale.ROOT, "cone r=%.1f deg: median %.1f ms, max %.1f ms, %.0f rows per cone%n", radius,
                nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() - 1) / 1e6, found / (double) nanos.size());
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean temporary = args.length < 2;
        Path work = temporary ? Files.createTempDirectory("meridian-bench") : Path.of(args[1]);
        System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        try {
            long t0 = System.nanoTime();
            DemoCatalogue.write(DemoCatalogue.table(rows, List.of()), work.resolve("bench.fits"),
                    new uk.ac.starlink.fits.FitsTableWriter());
            System.out.printf(Locale.ROOT, "generated %,d rows (FITS, %d MB) in %.1f s%n", rows,
                    Files.size(work.resolve("bench.fits")) >> 20, (System.nanoTime() - t0) / 1e9);
            Path yaml = work.resolve("bench.yaml");
            Files.writeString(yaml, """
                    kind: catalogue
                    schema: bench
                    table: sources
                    sources: [bench.fits]
                    primary_key: source_id
                    position: {ra: ra, dec: dec}
                    """, StandardCharsets.UTF_8);
            CatalogueDefinition def = CatalogueDefinition.load(yaml);
            String pg = System.getenv("MERIDIAN_BENCH_PG_URL");
            DatabaseConfig config = pg == null ? DatabaseConfig.derby(work.resolve("db"))
                    : new DatabaseConfig("postgresql", null, pg, System.getenv("MERIDIAN_BENCH_PG_USER"), null, 4);
            Backend backend = pg == null ? new DerbyBackend(List.of(GeometryFunctions.derbyInstaller()))
                    : new PostgresBackend();
            System.out.println("database: " + backend.name());
            try (Database db = Database.open(config, backend, ArchiveModel.create("archive", "bench"))) {
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int run = 1; run <= 2; run++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    CatalogueReport r = new CatalogueLoader(db).load(def, false, n -> { });
                    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                    System.out.print("run " + run + ": " + r.summary());
                    // the loading thread's CPU time: what the rate would be on an idle machine
                    System.out.printf(Locale.ROOT, "run %d: loading thread CPU %.1f s: %.0f rows per CPU second%n",
                            run, cpuSeconds, r.rows() / cpuSeconds);
                }
                if (pg == null) {
                    cones(db, 1.0);
                    cones(db, 0.1);
                }
            }
        } finally {
            if (temporary) {
                try (var s = Files.walk(work)) {
                    for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
