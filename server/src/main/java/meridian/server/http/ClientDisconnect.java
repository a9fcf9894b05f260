package meridian.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices that the client closed its connection while the server is still working on the
 * request, before the response starts. HTTP/1.1 has no signal for that, and Jetty does not read
 * from a connection while its request is being handled, so a query would run to its end for
 * nobody. This watcher asks the connection's end point to report when it becomes readable: an
 * end of stream means the client has gone, and {@code onDisconnect} runs (on a pool thread).
 * Bytes instead of an end of stream are a pipelined next request, which this watcher has then
 * consumed: {@link #consumedPipelinedBytes()} tells the caller to answer with
 * {@code Connection: close}, so that the client sends it again (RFC 9112, section 9.3.2).
 *
 * <p>Open it once the request body has been read, close it before the response is written (the
 * connection needs its read interest back for the next request). Thread-safe.
 */
public final class ClientDisconnect implements AutoCloseable {

    private static final int WATCHING = 0;
    private static final int FIRED = 1;
    private static final int CLOSED = 2;

    private final EndPoint endPoint;
    private final Runnable onDisconnect;
    private final AtomicInteger state = new AtomicInteger(WATCHING);
    private volatile boolean gone;
    private volatile boolean pipelined;

    private ClientDisconnect(EndPoint endPoint, Runnable onDisconnect) {
        this.endPoint = endPoint;
        this.onDisconnect = onDisconnect;
    }

    /**
     * Starts watching the request's connection. Where the connection cannot be watched (another
     * reader is registered, not a Jetty request) the watcher does nothing.
     */
    public static ClientDisconnect watch(HttpServletRequest request, Runnable onDisconnect) {
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        EndPoint ep = core == null ? null : core.getConnectionMetaData().getConnection().getEndPoint();
        ClientDisconnect watcher = new ClientDisconnect(ep, onDisconnect);
        if (ep == null || !ep.tryFillInterested(watcher.new Readable())) {
            watcher.state.set(CLOSED);
        }
        return watcher;
    }

    /** Whether the client closed the connection. */
    public boolean clientGone() {
        return gone;
    }

    /** Whether the start of a pipelined request was read (answer with {@code Connection: close}). */
    public boolean consumedPipelinedBytes() {
        return pipelined;
    }

    /** Stops watching and gives the connection's read interest back. */
    @Override
    public void close() {
        if (state.compareAndSet(WATCHING, CLOSED) && endPoint instanceof AbstractEndPoint a) {
            // our callback is the only one registered while the request is handled
            a.getFillInterest().onFail(new CancellationException("the response starts"));
        }
    }

    private final class Readable implements Callback {
        @Override
        public void succeeded() {
            if (state.get() != WATCHING) {
                return;
            }
            ByteBuffer one = BufferUtil.allocate(1);
            int n;
            try {
                n = endPoint.fill(one);
            } catch (IOException e) {
                n = -1;
            }
            if (n == 0 && endPoint.tryFillInterested(this)) {
                return; // a spurious wake-up
            }
            if (!state.compareAndSet(WATCHING, FIRED)) {
                return;
            }
            if (n > 0) {
                pipelined = true;
                return;
            }
            gone = true;
            onDisconnect.run();
        }

        @Override
        public void failed(Throwable x) {
            if (x instanceof java.util.concurrent.TimeoutException && state.get() == WATCHING
                    && endPoint.tryFillInterested(this)) {
                return; // the connection's idle time-out: the client is still there
            }
            if (state.compareAndSet(WATCHING, FIRED)) {
                // the connection failed (reset, idle time-out): nobody will read the answer either
                gone = true;
                onDisconnect.run();
            }
        }
    }
}
