package meridian.server.datalink;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import meridian.datalink.SodaParameters;
import meridian.datalink.Sodas;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.http.DaliParameters;
import meridian.server.http.DaliServlet;
import meridian.server.http.RequestParameters;

/**
 * {@code /soda/sync}: SODA 1.0 synchronous cutouts and spectrum conversion, GET or POST.
 * Everything is checked and the cutout box computed before the status is sent; a cutout that
 * includes no pixel is a 204 with no body, errors are the plain-text SODA documents
 * ({@code UsageError: ...}, {@code AuthenticationError: ...}), never a 500 for bad input.
 */
public class SodaServlet extends DaliServlet {

    private final transient Sodas sodas;
    private final transient AccessPolicy access;

    /** @param access what each caller may see and read */
    public SodaServlet(Sodas sodas, AccessPolicy access) {
        this.access = access;
        this.sodas = sodas;
    }

    @Override
    protected void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DaliParameters params = RequestParameters.read(req);
            SodaParameters soda = SodaParameters.parse(params::all);
            try (Sodas.Response answer = sodas.as(access.products(AuthFilter.identity(req))).plan(soda)) {
                resp.setStatus(HttpServletResponse.SC_OK);
                resp.setContentType(answer.contentType());
                resp.setHeader("Content-Disposition", "inline; filename=\"" + answer.fileName() + "\"");
                if (answer.length() >= 0) {
                    resp.setContentLengthLong(answer.length());
                }
                OutputStream out = resp.getOutputStream();
                answer.writeTo(out);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            DatalinkFaults.respondSoda(resp, e);
        }
    }
}
