package meridian.bench;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code ingest} scenario: {@value #SPECTRA} generated spectra ingested by
 * {@code meridian ingest} in a JVM of its own ({@link IngestProcess}: same heap as the server,
 * timed from start to exit, peak RSS). Each timed run ingests into a fresh
 * archive; afterwards the spectra are ingested once (and remembered) into the bench archive
 * itself, so the SSA, DataLink and SODA scenarios find them. It needs the {@code ingest}
 * module ({@code meridian.ingest.demo.DemoArchive} generates the spectra) and runs while the
 * bench server is stopped, since embedded Derby allows one process per database.
 */
final class IngestScenario {

    static final int SPECTRA = 2000;
    private static final String COLLECTION = "bench_spectra";

    private final Path config;
    private final Path dataDir;
    private final String classpath;
    private final String heap;
    private final BenchOptions options;

    IngestScenario(Path config, Path dataDir, String classpath, String heap, BenchOptions options) {
        this.config = config;
        this.dataDir = dataDir;
        this.classpath = classpath;
        this.heap = heap;
        this.options = options;
    }

    /** The spectra generator of the ingest module, or null when the module is not built in. */
    private static Method generator() {
        try {
            return Class.forName("meridian.ingest.demo.DemoArchive")
                    .getMethod("generateSpectra", Path.class, String.class, int.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    List<BenchCase> cases() {
        Method gen = generator();
        String label = SPECTRA + " spectra";
        if (gen == null) {
            return List.of(BenchCase.unavailable("ingest", label,
                    "the ingest module (meridian.ingest.demo.DemoArchive) is not part of this build"));
        }
        return List.of(new BenchCase("ingest", label, null, -1, null, new Run(gen), 0,
                Math.max(1, Math.min(options.reps(), 3))));
    }

    /** One timed ingestion; the ingesting JVM's peak RSS is read after {@link #run}. */
    private final class Run implements BenchCase.Action, BenchCase.Extras {
        private final Method gen;
        private long rssPeak = -1;

        Run(Method gen) {
            this.gen = gen;
        }

        @Override
        public Map<String, Object> extras() {
            return rssPeak < 0 ? Map.of() : Map.of("ingestRssPeakMB", rssPeak / 1024 / 1024, "ingestHeap", heap);
        }

        @Override
        public Sample run(int iteration, boolean verify) throws Exception {
            // collection roots are relative to the data directory: the spectra are generated
            // inside the fresh archive (untimed), then ingested (timed)
            Path scratch = Files.createTempDirectory(dataDir, "ingest-run");
            try {
                Path yaml = spectra(gen, scratch);
                long[] rss = {-1};
                double seconds = ingest(yaml, scratch, rss);
                rssPeak = Math.max(rssPeak, rss[0]);
                return new Sample(seconds, SPECTRA, -1);
            } finally {
                IngestProcess.deleteTree(scratch);
            }
        }
    }

    /** Generates the spectra into the data directory {@code dir}; the collection definition's path. */
    private static Path spectra(Method gen, Path dir) throws ReflectiveOperationException {
        return ((Path) gen.invoke(null, dir, COLLECTION, SPECTRA)).toAbsolutePath();
    }

    /** Ingests into the bench archive once, so the DAL scenarios have spectra to find. */
    void ingestIntoBenchArchive() throws Exception {
        Method gen = generator();
        Path marker = dataDir.resolve(COLLECTION + ".ingested");
        if (gen == null || Files.isRegularFile(marker)) {
            return;
        }
        ingest(spectra(gen, dataDir), dataDir, new long[1]);
        Files.writeString(marker, "spectra=" + SPECTRA + "\n", StandardCharsets.UTF_8);
    }

    /** Runs {@code meridian ingest}; its wall time in seconds, its peak RSS in {@code rss[0]} (bytes, -1 unknown). */
    private double ingest(Path yaml, Path data, long[] rss) throws Exception {
        IngestProcess.Result r = IngestProcess.run(config, classpath, heap, data, yaml,
                options.timeout().multipliedBy(4));
        rss[0] = r.rssPeak();
        return r.seconds();
    }
}
