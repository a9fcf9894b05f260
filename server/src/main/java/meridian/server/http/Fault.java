package meridian.server.http;

/**
 * An error the client should hear about, with the HTTP status it maps to. Everything thrown
 * while serving a request that is not a Fault is an internal error: logged with its stack trace,
 * reported to the client as a 500 with a short message and no stack trace.
 */
public class Fault extends RuntimeException {

    private final int status;

    protected Fault(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Extra INFO elements (name → value) for the error document; none by default. */
    public java.util.Map<String, String> infos() {
        return java.util.Map.of();
    }

    /** 400: the request is wrong (parameter, ADQL, format...). */
    public static Fault usage(String message) {
        return new Fault(400, message, null);
    }

    /** 400 with the underlying cause kept for the log. */
    public static Fault usage(String message, Throwable cause) {
        return new Fault(400, message, cause);
    }

    /** 404: the resource named by the request does not exist. */
    public static Fault notFound(String message) {
        return new Fault(404, message, null);
    }

    /** 413: the request body is larger than allowed. */
    public static Fault tooLarge(String message) {
        return new Fault(413, message, null);
    }

    /** 416: the requested byte range is outside the file (the caller sets Content-Range). */
    public static Fault rangeNotSatisfiable(String message) {
        return new Fault(416, message, null);
    }

    /** 503: the service is overloaded or going down; the client may retry. */
    public static Fault busy(String message) {
        return new Fault(503, message, null);
    }
}
