package meridian.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * The servlet context's error handler: errors raised with {@code sendError} or by the
 * container inside the context (405 for an unsupported method, 404...) are answered with the
 * VOTable error document, never an HTML page or a stack trace.
 */
public class VoServletErrorHandler extends ErrorHandler {

    public VoServletErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** Every method gets the error document, not only GET/POST/HEAD (Jetty's default). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(ServletContextRequest baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        response.setContentType(ErrorDocument.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        ErrorDocument.write(response.getWriter(), VoErrorHandler.describe(code, request.getMethod(),
                request.getRequestURI(), message));
    }
}
