package meridian.datalink;

/**
 * An error the client should hear about, named with the DataLink/SODA fault vocabulary
 * ({@code UsageFault}, {@code NotFoundFault}, {@code NoOverlap}...). The server maps it to a
 * status code and an error document; the message text is meant for the client.
 */
public class DatalinkFault extends RuntimeException {

    /** The fault names of DataLink 1.1 section 3.4 and SODA 1.0 section 5.2. */
    public enum Type {
        USAGE("UsageFault", 400),
        NOT_FOUND("NotFoundFault", 404),
        NO_OVERLAP("NoOverlap", 400),
        MULTI_VALUED("MultiValuedParamNotSupported", 400),
        TOO_LARGE("UsageFault", 413),
        AUTHENTICATION("AuthenticationFault", 401),
        AUTHORIZATION("AuthorizationFault", 403),
        FATAL("FatalFault", 500);

        private final String label;
        private final int status;

        Type(String label, int status) {
            this.label = label;
            this.status = status;
        }

        /** The fault's name as the standards spell it. */
        public String label() {
            return label;
        }

        /** The HTTP status it maps to. */
        public int status() {
            return status;
        }
    }

    private final Type type;

    public DatalinkFault(Type type, String message) {
        this(type, message, null);
    }

    public DatalinkFault(Type type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public Type type() {
        return type;
    }

    /** {@code <label>: <message>}, the form DataLink error rows and SODA error documents use. */
    public String document() {
        return type.label() + ": " + getMessage();
    }

    public static DatalinkFault usage(String message) {
        return new DatalinkFault(Type.USAGE, message);
    }

    public static DatalinkFault notFound(String message) {
        return new DatalinkFault(Type.NOT_FOUND, message);
    }
}
