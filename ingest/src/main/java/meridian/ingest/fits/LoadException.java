package meridian.ingest.fits;

/**
 * A file that cannot become products: not FITS, truncated, missing a required keyword, an
 * unsupported WCS. The message is the reason shown to the operator, without the file name
 * (the report adds it).
 */
public class LoadException extends Exception {

    public LoadException(String reason) {
        super(reason);
    }

    public LoadException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The usual reason: a keyword the loader cannot do without. */
    public static LoadException missingKeyword(String keyword, int hdu) {
        return new LoadException("missing required keyword " + keyword + " in HDU " + hdu);
    }
}
