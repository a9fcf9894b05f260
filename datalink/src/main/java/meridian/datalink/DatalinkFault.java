package meridian.datalink;

/**
 * An error the client should hear about, named with the DataLink/SODA fault vocabulary
 * ({@code UsageFault}, {@code NotFoundFault}, {@code NoOverlap}...). The server maps it to a
 * status code and an error document; the message text is meant for the client.
 */
public class DatalinkFault extends RuntimeException {

    /**
     * The fault names of DataLink 1.1 section 3.4 and the error labels of SODA 1.0 section 5.2
     * (SODA's text/plain error documents begin with one of {@code Error},
     * {@code AuthenticationError}, {@code AuthorizationError}, {@code ServiceUnavailable},
     * {@code UsageError}, {@code MultiValuedParamNotSupported}).
     */
    public enum Type {
        USAGE("UsageFault", "UsageError", 400),
        NOT_FOUND("NotFoundFault", "UsageError", 404),
        /** A SODA cutout that includes no pixel: 204 No Content, no body (SODA 1.0 section 5.1). */
        NO_OVERLAP("NoOverlap", "UsageError", 204),
        MULTI_VALUED("MultiValuedParamNotSupported", "MultiValuedParamNotSupported", 400),
        TOO_LARGE("UsageFault", "UsageError", 413),
        AUTHENTICATION("AuthenticationFault", "AuthenticationError", 401),
        AUTHORIZATION("AuthorizationFault", "AuthorizationError", 403),
        TRANSIENT("TransientFault", "ServiceUnavailable", 503),
        FATAL("FatalFault", "Error", 500);

        private final String label;
        private final String sodaLabel;
        private final int status;

        Type(String label, String sodaLabel, int status) {
            this.label = label;
            this.sodaLabel = sodaLabel;
            this.status = status;
        }

        /** The fault's name as DataLink spells it. */
        public String label() {
            return label;
        }

        /** The label a SODA error document begins with. */
        public String sodaLabel() {
            return sodaLabel;
        }

        /** The HTTP status it maps to. */
        public int status() {
            return status;
        }

        /**
         * The type of an error raised outside DataLink and SODA code (parameter decoding, rights,
         * load) with this HTTP status: 400 usage, 401, 403, 404, 413, 429 and 503 transient,
         * anything else fatal.
         */
        public static Type forStatus(int status) {
            return switch (status) {
                case 400 -> USAGE;
                case 401 -> AUTHENTICATION;
                case 403 -> AUTHORIZATION;
                case 404 -> NOT_FOUND;
                case 413 -> TOO_LARGE;
                case 429, 503 -> TRANSIENT;
                default -> FATAL;
            };
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
