package meridian.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.IngestOptions;
import meridian.ingest.IngestReport;
import meridian.ingest.IngestSettings;
import meridian.ingest.Ingestor;
import meridian.ingest.TextProgressBar;
import meridian.ingest.demo.DemoArchive;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.DerbyBackend;

/**
 * Measures ingestion throughput (files/s, rows/s) on generated ESO SDP-like spectra into a fresh
 * embedded Derby database: header-only (no previews drawn), with preview generation, and an
 * unchanged re-run. Not a test: run it by hand,
 * {@code java -cp <ingest classpath> meridian.ingest.bench.IngestBenchmark [files] [work dir]}
 * (defaults: 2000 files in a temporary directory, deleted afterwards).
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        boolean temporary = args.length < 2;
        Path work = temporary ? Files.createTempDirectory("meridian-bench") : Path.of(args[1]);
        System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        try {
            long t0 = System.nanoTime();
            Path yaml = DemoArchive.generateSpectra(work, "bench_sdp", files);
            System.out.printf(Locale.ROOT, "generated %d spectra (+ logs, sky spectra, a third with previews) in %.1f s%n",
                    files, (System.nanoTime() - t0) / 1e9);
            CollectionDefinition def = CollectionDefinition.load(yaml);
            IngestSettings settings = new IngestSettings("meridian.bench", "archive", List.of(work), "http://localhost");
            run(work.resolve("db-header-only"), settings, def, IngestOptions.defaults().withPreviews(false),
                    "header-only", false);
            deleteTree(work.resolve("demo/bench_sdp/.previews"));
            run(work.resolve("db-previews"), settings, def, IngestOptions.defaults(), "with previews", true);
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    private static void run(Path dbDir, IngestSettings settings, CollectionDefinition def, IngestOptions opts,
                            String label, boolean rerun) throws Exception {
        try (Database db = Database.open(DatabaseConfig.derby(dbDir), new DerbyBackend(),
                ArchiveModel.create("archive", "benchmark"))) {
            Ingestor ingestor = new Ingestor(db, settings);
            IngestReport r = ingestor.ingest(def, opts, TextProgressBar.onStandardError());
            print(label, r);
            if (rerun) {
                print("unchanged re-run", ingestor.ingest(def, opts, TextProgressBar.onStandardError()));
            }
        }
    }

    private static void print(String label, IngestReport r) {
        double s = r.elapsed().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%-17s %5d files, %5d products, %6d rows, %4d previews in %6.2f s:"
                        + " %7.1f files/s, %8.1f rows/s%n", label, r.filesSeen(), r.productsWritten(), r.rowsWritten(),
                r.previewsGenerated(), s, r.filesSeen() / s, r.rowsWritten() / s);
        if (!r.succeeded()) {
            System.out.print(r.summary());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
