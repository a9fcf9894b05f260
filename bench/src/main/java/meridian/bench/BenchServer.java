package meridian.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meridian.server.Archive;
import meridian.server.MeridianServer;
import meridian.server.config.MeridianConfig;
import meridian.sql.Database;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server under test, in a JVM of its own so that its heap and RSS are measured alone: the
 * real {@link MeridianServer} over the bench archive, with the generated catalogues published,
 * on a free port of 127.0.0.1. It is driven over its standard input, one command a line, and
 * answers on standard output with lines starting {@value #PREFIX}:
 * <ul>
 *   <li>on start: {@code ready PORT PID}</li>
 *   <li>{@code reset}: starts a new memory window; answers {@code ok}</li>
 *   <li>{@code peaks}: answers {@code peaks HEAP_PEAK HEAP_LIVE RSS_PEAK} (bytes, -1 unknown)</li>
 *   <li>{@code stop} or the end of input: stops Jetty, closes the database and exits</li>
 * </ul>
 * The end of input stopping it means the server never outlives the harness that started it.
 *
 * <p>Arguments: {@code CONFIG DATA_DIR SIZE,SIZE... [PORT]} (sizes may be empty: no catalogues;
 * port 0 or none: any free port).
 */
public final class BenchServer {

    /** Prefix of every control answer. */
    public static final String PREFIX = "bench-server: ";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchServer CONFIG DATA_DIR [SIZE,SIZE... [PORT]]");
            System.exit(2);
        }
        // load scenarios send far more queries at once from one address than one client may
        // (limits.*): each bench client counts as a client of its own, so only the global limit
        // (pool size less async workers) and its fair queue apply, as for that many real clients
        MeridianConfig config = MeridianConfig.load(Path.of(args[0])).withDataDir(Path.of(args[1]))
                .withLimits(new MeridianConfig.Limits(0, null, 10_000, null, 10_000, null));
        List<Long> sizes = new ArrayList<>();
        if (args.length > 2 && !args[2].isBlank()) {
            for (String s : args[2].split(",")) {
                sizes.add(CatalogueTables.parseSize(s));
            }
        }
        try (MemoryPeaks peaks = new MemoryPeaks(); Archive archive = Archive.open(config)) {
            Database db = archive.database();
            if (!sizes.isEmpty()) {
                db.publish(db.model().with(CatalogueTables.schema(sizes)));
            }
            int wanted = args.length > 3 ? Integer.parseInt(args[3]) : 0;
            Server server = MeridianServer.create(config, archive.parts(), "127.0.0.1", wanted);
            server.start();
            try {
                int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
                answer("ready " + port + " " + ProcessHandle.current().pid());
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                    switch (line.trim()) {
                        case "reset" -> {
                            System.gc();
                            Thread.sleep(100); // let the collection's notification arrive first
                            peaks.reset();
                            answer("ok");
                        }
                        case "peaks" -> {
                            MemoryPeaks.Snapshot s = peaks.snapshot();
                            answer("peaks " + s.heapPeakBytes() + " " + s.heapLiveBytes() + " " + s.rssPeakBytes());
                        }
                        default -> answer("error unknown command " + line.trim());
                    }
                }
            } finally {
                server.stop();
            }
        }
        answer("stopped");
    }

    private static void answer(String text) {
        System.out.println(PREFIX + text);
        System.out.flush();
    }
}
