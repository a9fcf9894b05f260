package meridian.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The bench server the harness owns: started once, restarted on the same port when a case
 * leaves it busy, stopped at the end. Not thread-safe.
 */
final class LocalServer implements AutoCloseable {

    private final String heap;
    private final String classpath;
    private final Path config;
    private final Path dataDir;
    private final List<Long> sizes;
    private final Path log;
    private ServerProcess current;
    private int port;

    LocalServer(String heap, String classpath, Path config, Path dataDir, List<Long> sizes, Path log) {
        this.heap = heap;
        this.classpath = classpath;
        this.config = config;
        this.dataDir = dataDir;
        this.sizes = List.copyOf(sizes);
        this.log = log;
    }

    /** Starts the server; its base URL. */
    String start() throws IOException, InterruptedException {
        current = ServerProcess.start(heap, classpath, config, dataDir, sizes, port, log);
        port = current.port();
        return "http://127.0.0.1:" + port;
    }

    ServerProcess current() {
        return current;
    }

    /** The server's process id, or -1 when it is not running. */
    long pid() {
        return current == null ? -1 : current.pid();
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
