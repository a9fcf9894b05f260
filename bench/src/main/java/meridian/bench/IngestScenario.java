package meridian.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code ingest} scenario: {@value #SPECTRA} generated spectra ingested by
 * {@code meridian ingest} in a JVM of its own (same heap as the server), timed from start to
 * exit, with its peak RSS sampled from {@code /proc}. Each timed run ingests into a fresh
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
        return List.of(new BenchCase("ingest", label, null, -1, null, (i, verify) -> {
            Path source = dataDir.resolve("spectra");
            Path yaml = spectra(gen, source);
            Path scratch = Files.createTempDirectory(dataDir, "ingest-run");
            try {
                double seconds = ingest(yaml, scratch);
                return new Sample(seconds, SPECTRA, -1);
            } finally {
                deleteTree(scratch);
            }
        }, 0, Math.max(1, Math.min(options.reps(), 3))));
    }

    /** Generates the spectra once; the collection definition's path. */
    private Path spectra(Method gen, Path dir) throws Exception {
        Path done = dir.resolve("generated.done");
        Path yamlPath = dir.resolve("collection-path.txt");
        if (Files.isRegularFile(done) && Files.isRegularFile(yamlPath)) {
            return Path.of(Files.readString(yamlPath, StandardCharsets.UTF_8).trim());
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Path yaml = (Path) gen.invoke(null, dir, COLLECTION, SPECTRA);
        Files.writeString(yamlPath, yaml.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        Files.writeString(done, "spectra=" + SPECTRA + "\n", StandardCharsets.UTF_8);
        return yaml;
    }

    /** Ingests into the bench archive once, so the DAL scenarios have spectra to find. */
    void ingestIntoBenchArchive() throws Exception {
        Method gen = generator();
        Path marker = dataDir.resolve(COLLECTION + ".ingested");
        if (gen == null || Files.isRegularFile(marker)) {
            return;
        }
        ingest(spectra(gen, dataDir.resolve("spectra")), dataDir);
        Files.writeString(marker, "spectra=" + SPECTRA + "\n", StandardCharsets.UTF_8);
    }

    /** Runs {@code meridian ingest}; its wall time in seconds. */
    private double ingest(Path yaml, Path data) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-Djava.awt.headless=true",
                "-cp", classpath, "meridian.server.Main", "ingest", "--config", config.toString(),
                "--data", data.toString(), yaml.toString()));
        Path log = data.resolve("ingest.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(options.timeout().toSeconds() * 4, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BenchException("ingestion did not finish in time");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new BenchException("meridian ingest exited with " + p.exitValue() + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
        return seconds;
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
