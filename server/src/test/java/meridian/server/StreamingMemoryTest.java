package meridian.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * A million-row result streams from a server process limited to {@code -Xmx256m}: results are
 * never held in memory. The rows come from a cross join of TAP_SCHEMA.columns with itself, so
 * no test data is needed; the client reads the BINARY2 stream row by row without keeping it.
 */
class StreamingMemoryTest {

    @Test
    void millionRowsStreamThroughA256MegabyteServer() throws Exception {
        Path data = Files.createTempDirectory("meridian-stream");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String classpath = System.getProperty("java.class.path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "-Xmx256m",
                "-D" + MeridianConfig.HOME_PROPERTY + "=" + MeridianConfig.home(), "-cp", classpath,
                "meridian.server.Main",
                "serve", "--config", "../conf/meridian.yaml", "--data", data.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--no-demo")
                .redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        try {
            waitForLine(server.getInputStream(), "TAP service", log, 120);
            String adql = "SELECT TOP 1000000 a.column_name, b.column_index, c.datatype, d.column_index AS k"
                    + " FROM TAP_SCHEMA.columns AS a, TAP_SCHEMA.columns AS b, TAP_SCHEMA.columns AS c,"
                    + " TAP_SCHEMA.columns AS d";
            URI uri = URI.create("http://127.0.0.1:" + port + "/tap/sync?LANG=ADQL&MAXREC=1000000&QUERY="
                    + URLEncoder.encode(adql, StandardCharsets.UTF_8));
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            long[] rows = {0};
            long started = System.nanoTime();
            try (InputStream in = r.body()) {
                new VOTableBuilder().streamStarTable(in, new TableSink() {
                    @Override
                    public void acceptMetadata(StarTable meta) {
                        assertEquals(4, meta.getColumnCount());
                    }

                    @Override
                    public void acceptRow(Object[] row) {
                        rows[0]++;
                    }

                    @Override
                    public void endRows() {
                        // counted
                    }
                }, "0");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("streamed %d rows in %.1f s (%.0f rows/s) from a -Xmx256m server%n",
                    rows[0], seconds, rows[0] / seconds);
            assertEquals(1_000_000, rows[0]);
            assertTrue(server.isAlive(), "the server died:\n" + String.join("\n", log));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            if (server.isAlive()) {
                server.destroyForcibly();
            }
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void waitForLine(InputStream in, String marker, List<String> log, int seconds) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String line;
        while ((line = reader.readLine()) != null) {
            log.add(line);
            if (line.contains(marker)) {
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // keep the pipe flowing so the server never blocks on its output
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                }, "server-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("the server did not start:\n" + String.join("\n", log));
    }
}
