package meridian.server.datalink;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import meridian.datalink.DatalinkFault;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;

/**
 * Maps {@link DatalinkFault}s onto the server's error boundary: DataLink answers with the DALI
 * VOTable error document, SODA with the plain-text {@code <Fault>: message} document SODA 1.0
 * section 5.2 shows. Everything else goes to {@link ErrorBoundary} unchanged (500, no stack).
 */
final class DatalinkFaults {

    private DatalinkFaults() {
    }

    /** A server {@link Fault} with the DataLink fault's status and {@code Label: message} text. */
    static RuntimeException toFault(RuntimeException e) {
        if (e instanceof DatalinkFault d && d.type() != DatalinkFault.Type.FATAL) {
            return new Mapped(d);
        }
        return e;
    }

    /** The VOTable error document (links, bundles). */
    static void respond(HttpServletResponse resp, Exception e) throws IOException {
        ErrorBoundary.respond(resp, e instanceof RuntimeException r ? toFault(r) : e);
    }

    /** The SODA error document: {@code text/plain}, {@code <Fault>: message}. */
    static void respondSoda(HttpServletResponse resp, Exception e) throws IOException {
        Exception mapped = e instanceof RuntimeException r ? toFault(r) : e;
        if (!(mapped instanceof Fault) || resp.isCommitted()) {
            ErrorBoundary.respond(resp, mapped);
            return;
        }
        ErrorBoundary.Outcome o = ErrorBoundary.classify(mapped);
        resp.reset();
        resp.setStatus(o.status());
        resp.setContentType("text/plain;charset=UTF-8");
        String text = o.message().matches("^[A-Za-z]+: .*") ? o.message() : "UsageFault: " + o.message();
        ((Fault) mapped).headers().forEach((name, values) -> values.forEach(v -> resp.addHeader(name, v)));
        resp.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final class Mapped extends Fault {
        private final transient DatalinkFault fault;

        Mapped(DatalinkFault d) {
            super(d.type().status(), d.document(), d);
            this.fault = d;
        }

        /** AuthenticationFault challenges as every other 401 does. */
        @Override
        public java.util.Map<String, java.util.List<String>> headers() {
            return fault.type() == DatalinkFault.Type.AUTHENTICATION ? Fault.unauthenticated("").headers()
                    : java.util.Map.of();
        }
    }
}
