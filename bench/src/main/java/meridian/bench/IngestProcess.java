package meridian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import meridian.server.config.MeridianConfig;

/**
 * {@code meridian ingest DEFINITION.yaml} in a JVM of its own (the server's heap), timed from
 * start to exit, with its peak RSS (Linux VmHWM) read from {@code /proc} while it runs. Shared by
 * the {@code ingest} and {@code catalogue} scenarios. Stateless.
 */
final class IngestProcess {

    /**
     * One finished ingestion.
     *
     * @param seconds wall time from starting the JVM to its exit
     * @param rssPeak peak resident set size in bytes, -1 unknown
     * @param output  its standard output and error
     */
    record Result(double seconds, long rssPeak, String output) {
    }

    private IngestProcess() {
    }

    /**
     * Runs {@code meridian ingest --config CONFIG --data DATA YAML}; its output also goes to
     * {@code DATA/ingest.log}.
     *
     * @throws BenchException when it fails or does not finish within {@code limit}
     */
    static Result run(Path config, String classpath, String heap, Path data, Path yaml, Duration limit)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-Djava.awt.headless=true",
                "-Dderby.stream.error.file=" + data.resolve("derby.log"),
                "-D" + MeridianConfig.HOME_PROPERTY + "=" + MeridianConfig.home(), "-cp", classpath,
                "meridian.server.Main",
                "ingest", "--config", config.toString(), "--data", data.toString(), yaml.toString()));
        Path log = data.resolve("ingest.log");
        long rss = -1;
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = t0 + limit.toNanos();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        // VmHWM only grows, so the last reading before the process exits is its peak
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            rss = Math.max(rss, hwm(status));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new BenchException("ingestion did not finish in time");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.trim().startsWith("at ")).toList();
            throw new BenchException("meridian ingest exited with " + p.exitValue() + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
        return new Result(seconds, rss, output);
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

    /** Deletes a scratch archive. */
    static void deleteTree(Path root) throws IOException {
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
