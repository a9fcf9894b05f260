package meridian.server.http;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Makes the container's own errors (unknown path 404, wrong method 405, undecodable request
 * 400) speak the same VOTable error document as the endpoints, without stack traces.
 */
public class VoErrorHandler extends ErrorHandler {

    public VoErrorHandler() {
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (status < 400) {
            status = 500;
        }
        Object cause = request.getAttribute(ERROR_MESSAGE);
        String message = describe(status, request.getMethod(), request.getHttpURI().getPath(),
                cause == null ? null : cause.toString());
        StringWriter body = new StringWriter();
        try {
            ErrorDocument.write(body, message);
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorDocument.CONTENT_TYPE + ";charset=UTF-8");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** The client message for a container error. */
    static String describe(int status, String method, String path, String detail) {
        return switch (status) {
            case 404 -> "no such resource: " + path;
            case 405 -> "method " + method + " is not allowed on " + path;
            default -> {
                String reason = HttpStatus.getMessage(status);
                yield detail == null || detail.isBlank() || detail.equals(reason) ? reason : reason + ": " + detail;
            }
        };
    }
}
