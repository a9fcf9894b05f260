package meridian.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become responses. {@link Fault}s map to their status
 * (400 usage, 404 not found, 413 too large, 503 busy) with their message; anything else is an
 * internal error: logged with its stack trace under an incident number, answered 500 with
 * only that number and a generic message. The body is always a DALI VOTable error document.
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
        if (t instanceof org.eclipse.jetty.io.EofException) {
            // the client went away mid-answer (a browser leaving a result it has read enough of)
            LOG.debug("the client closed the connection: {}", t.toString());
            return new Outcome(400, "the client closed the connection", java.util.Map.of());
        }
        String incident = Long.toHexString(System.nanoTime() ^ Thread.currentThread().getId());
        LOG.error("internal error, incident {}", incident, t);
        return new Outcome(500, "internal error (incident " + incident + "); the operators have the details",
                java.util.Map.of());
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
        if (response.isCommitted()) {
            return;
        }
        response.reset();
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
