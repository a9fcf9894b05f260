package meridian.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code ingest} scenario: {@value #SPECTRA} generated spectra ingested by
 * {@code meridian ingest} in a JVM of its own (same heap as the server), timed from start to
 * exit, with its peak RSS (VmHWM) read from {@code /proc} while it runs. Each timed run ingests into a fresh
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
                deleteTree(scratch);
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
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-Djava.awt.headless=true",
                "-cp", classpath, "meridian.server.Main", "ingest", "--config", config.toString(),
                "--data", data.toString(), yaml.toString()));
        Path log = data.resolve("ingest.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(options.timeout().toSeconds() * 4);
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        // VmHWM only grows, so the last reading before the process exits is its peak
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            rss[0] = Math.max(rss[0], hwm(status));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new BenchException("ingestion did not finish in time");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.trim().startsWith("at ")).toList();
            throw new BenchException("meridian ingest exited with " + p.exitValue() + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
        return seconds;
    }

    private static long hwm(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
