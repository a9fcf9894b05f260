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

    /** Extra response headers (name → values) for the error response; none by default. */
    public java.util.Map<String, java.util.List<String>> headers() {
        return java.util.Map.of();
    }

    /**
     * 401: credentials are needed or the ones given are wrong; the response challenges for
     * HTTP Basic and bearer tokens ({@code WWW-Authenticate}), never redirects.
     */
    public static Fault unauthenticated(String message) {
        return new Fault(401, message, null) {
            @Override
            public java.util.Map<String, java.util.List<String>> headers() {
                return java.util.Map.of("WWW-Authenticate", java.util.List.of(
                        "Basic realm=\"Meridian\", charset=\"UTF-8\"", "Bearer realm=\"Meridian\""));
            }
        };
    }

    /** 403: the caller is known but may not have this. */
    public static Fault forbidden(String message) {
        return new Fault(403, message, null);
    }

    /** 429: this client sent too many expensive requests; it may retry after {@code retryAfterSeconds}. */
    public static Fault tooManyRequests(String message, long retryAfterSeconds) {
        return new Fault(429, message, null) {
            @Override
            public java.util.Map<String, java.util.List<String>> headers() {
                return java.util.Map.of("Retry-After", java.util.List.of(Long.toString(retryAfterSeconds)));
            }
        };
    }

    /** 503: the service is overloaded or going down; the client may retry. */
    public static Fault busy(String message) {
        return new Fault(503, message, null);
    }
}
