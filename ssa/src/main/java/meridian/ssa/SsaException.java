package meridian.ssa;

/**
 * A request the SSA service cannot answer as asked (malformed or out-of-range parameter,
 * unsupported request or constraint). The message is written for the client; the server turns it
 * into an SSA error document with status 400.
 */
public final class SsaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SsaException(String message) {
        super(message);
    }
}
