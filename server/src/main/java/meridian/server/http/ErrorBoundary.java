package meridian.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become responses. {@link Fault}s map to their status
 * (400 usage, 404 not found, 413 too large, 503 busy) with their message; anything else is an
 * internal error: logged with its stack trace under an incident number, answered 500 with
 * only that number and a generic message. A client that went away mid-response is no error of
 * the server: one INFO line, no answer. The body is always a DALI VOTable error document.
 */
public final class ErrorBoundary {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorBoundary.class);

    private ErrorBoundary() {
    }

    /** The status and client message for a throwable. Logs internal errors. */
    public static Outcome classify(Throwable t) {
        if (t instanceof Fault f) {
            return new Outcome(f.status(), f.getMessage(), f.infos());
        }
        if (clientGone(t)) {
            // every load test ends this way: not an error of the server, and nobody reads the answer
            LOG.info("the client closed the connection before the response was complete ({})", t.toString());
            return new Outcome(499, "the client closed the connection", java.util.Map.of());
        }
        String incident = Long.toHexString(System.nanoTime() ^ Thread.currentThread().getId());
        LOG.error("internal error, incident {}", incident, t);
        return new Outcome(500, "internal error (incident " + incident + "); the operators have the details",
                java.util.Map.of());
    }

    /**
     * Whether {@code t} says that the client went away while the response was written: Jetty's
     * {@link EofException} (also as the cause of a servlet stream's {@link IOException}), a
     * closed channel, a reset connection or a broken pipe.
     */
    public static boolean clientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof EofException || c instanceof ClosedChannelException) {
                return true;
            }
            String m = c.getMessage();
            if (c instanceof IOException && m != null
                    && (m.contains("Broken pipe") || m.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    /** Status, message and extra INFOs for the client. */
    public record Outcome(int status, String message, java.util.Map<String, String> infos) {
    }

    /**
     * Answers the request with the error document for {@code t}, unless the response is already
     * committed (then the writer that committed it reports the error inside its own document).
     */
    public static void respond(HttpServletResponse response, Throwable t) throws IOException {
        Outcome o = classify(t);
        if (response.isCommitted() || o.status() == 499) {
            return;
        }
        // a connection the servlet has decided to close (ClientDisconnect read a pipelined
        // request's first bytes) stays closed, or the client would wait for that answer
        boolean close = "close".equalsIgnoreCase(response.getHeader("Connection"));
        response.reset();
        if (close) {
            response.setHeader("Connection", "close");
        }
        response.setStatus(o.status());
        response.setContentType(ErrorDocument.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (o.status() == 503) {
            response.setHeader("Retry-After", "30");
        }
        if (t instanceof Fault f) {
            f.headers().forEach((name, values) -> {
                response.setHeader(name, null);
                values.forEach(v -> response.addHeader(name, v));
            });
        }
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        ErrorDocument.write(w, o.message(), o.infos());
    }
}
