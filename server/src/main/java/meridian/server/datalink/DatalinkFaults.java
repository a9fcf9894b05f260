package meridian.server.datalink;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import meridian.datalink.DatalinkFault;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;

/**
 * Maps errors onto the DataLink and SODA error documents. DataLink answers with the DALI VOTable
 * error document whose message begins with a DataLink fault name ({@code UsageFault: ...});
 * SODA with a {@code text/plain} document beginning with a SODA 1.0 label
 * ({@code UsageError: ...}), and a cutout that includes no pixel with 204 and no body. Errors
 * raised outside DataLink code (undecodable parameters, a busy server) get the fault name of
 * their status ({@link DatalinkFault.Type#forStatus}); internal errors stay 500 with no stack.
 */
public final class DatalinkFaults {

    private DatalinkFaults() {
    }

    /** The VOTable error document (links, bundles). */
    static void respond(HttpServletResponse resp, Exception e) throws IOException {
        if (e instanceof DatalinkFault d && d.type() != DatalinkFault.Type.FATAL) {
            ErrorBoundary.respond(resp, new Labelled(d.type().status(), d.document(), d, d));
        } else if (e instanceof Fault f) {
            DatalinkFault.Type type = DatalinkFault.Type.forStatus(f.status());
            ErrorBoundary.respond(resp, new Labelled(f.status(), type.label() + ": " + f.getMessage(), f, f));
        } else {
            ErrorBoundary.respond(resp, e);
        }
    }

    /** The SODA answer to a failed request: 204 for no overlap, else the text/plain error document. */
    public static void respondSoda(HttpServletResponse resp, Exception e) throws IOException {
        if (resp.isCommitted()) {
            ErrorBoundary.respond(resp, e); // logs an internal error; the writer ends its own output
            return;
        }
        if (e instanceof DatalinkFault d && d.type() == DatalinkFault.Type.NO_OVERLAP) {
            resp.reset();
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        DatalinkFault.Type type;
        int status;
        String message;
        Map<String, List<String>> headers = Map.of();
        if (e instanceof DatalinkFault d && d.type() != DatalinkFault.Type.FATAL) {
            type = d.type();
            status = type.status();
            message = d.getMessage();
            if (type == DatalinkFault.Type.AUTHENTICATION) {
                headers = Fault.unauthenticated("").headers();
            }
        } else {
            ErrorBoundary.Outcome o = ErrorBoundary.classify(e); // logs internal errors under an incident
            status = o.status();
            type = DatalinkFault.Type.forStatus(status);
            message = o.message();
            if (e instanceof Fault f) {
                headers = f.headers();
            }
        }
        resp.reset();
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        if (status == 503) {
            resp.setHeader("Retry-After", "30");
        }
        headers.forEach((name, values) -> {
            resp.setHeader(name, null);
            values.forEach(v -> resp.addHeader(name, v));
        });
        resp.getOutputStream().write((type.sodaLabel() + ": " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A fault with the DataLink-labelled message, keeping the original's status and headers. */
    private static final class Labelled extends Fault {
        private final transient Exception original;

        Labelled(int status, String message, Exception original, Throwable cause) {
            super(status, message, cause);
            this.original = original;
        }

        /** AuthenticationFault challenges as every other 401 does. */
        @Override
        public Map<String, List<String>> headers() {
            if (original instanceof Fault f) {
                return f.headers();
            }
            return original instanceof DatalinkFault d && d.type() == DatalinkFault.Type.AUTHENTICATION
                    ? Fault.unauthenticated("").headers() : Map.of();
        }

        @Override
        public Map<String, String> infos() {
            return original instanceof Fault f ? f.infos() : Map.of();
        }
    }
}
