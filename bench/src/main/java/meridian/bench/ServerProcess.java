package meridian.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import meridian.server.config.MeridianConfig;

/**
 * A {@link BenchServer} in a child JVM with a fixed heap: started by {@link #start}, asked for
 * its memory peaks between scenarios, stopped by {@link #close} (politely over its standard
 * input, then by its process id if it does not exit). Not thread-safe.
 */
public final class ServerProcess implements AutoCloseable {

    private static final int START_SECONDS = 300;
    private static final int ANSWER_SECONDS = 30;

    private final Process process;
    private final Writer control;
    private final BlockingQueue<String> answers;
    private final int port;

    private ServerProcess(Process process, int port, Writer control, BlockingQueue<String> answers) {
        this.process = process;
        this.port = port;
        this.control = control;
        this.answers = answers;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @param heap      the child's {@code -Xmx} ({@code 1g}, {@code 256m})
     * @param classpath the classpath holding the server and this module
     * @param config    {@code meridian.yaml}
     * @param dataDir   the bench archive
     * @param sizes     catalogues to publish
     * @param port      port to listen on, 0 for any free one
     * @param log       where the child's standard error goes
     */
    public static ServerProcess start(String heap, String classpath, Path config, Path dataDir, List<Long> sizes,
                                      int port, Path log) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-Djava.awt.headless=true",
                "-Dderby.stream.error.file=" + dataDir.resolve("derby.log"),
                // relative paths of the configuration mean in the child what they mean here
                "-D" + MeridianConfig.HOME_PROPERTY + "=" + MeridianConfig.home(), "-cp", classpath,
                BenchServer.class.getName(), config.toString(), dataDir.toString(),
                sizes.stream().map(String::valueOf).collect(Collectors.joining(",")), Integer.toString(port)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(BenchServer.PREFIX)) {
                        queue.add(line.substring(BenchServer.PREFIX.length()));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bench-server-output");
        reader.setDaemon(true);
        reader.start();
        String ready = queue.poll(START_SECONDS, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("ready ")) {
            p.destroyForcibly();
            throw new IOException("the bench server did not start (see " + log + ")");
        }
        ServerProcess sp = new ServerProcess(p, Integer.parseInt(ready.split(" ")[1]),
                new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), queue);
        return sp;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Starts a new memory window (after a full collection in the server). */
    public void resetPeaks() throws IOException, InterruptedException {
        ask("reset");
    }

    /** Memory peaks since the last reset. */
    public MemoryPeaks.Snapshot peaks() throws IOException, InterruptedException {
        String[] p = ask("peaks").split(" ");
        return new MemoryPeaks.Snapshot(Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
    }

    private String ask(String command) throws IOException, InterruptedException {
        answers.clear();
        control.write(command + "\n");
        control.flush();
        String a = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
        if (a == null || a.startsWith("error")) {
            throw new IOException("the bench server did not answer '" + command + "': " + a);
        }
        return a;
    }

    /** Stops the server: {@code stop} on its input, then SIGTERM, then SIGKILL, each after a wait. */
    @Override
    public void close() {
        try {
            control.write("stop\n");
            control.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
