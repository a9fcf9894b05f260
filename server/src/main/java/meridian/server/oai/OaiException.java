package meridian.server.oai;

/** A request the repository answers with an OAI-PMH {@code error} element (HTTP 200). */
public final class OaiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final OaiErrorCode code;

    public OaiException(OaiErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public OaiErrorCode code() {
        return code;
    }
}
