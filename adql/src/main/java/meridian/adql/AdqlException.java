package meridian.adql;

/**
 * An ADQL query that cannot be run: a syntax error, an unknown table or column, an unsupported
 * feature or an untranslatable construct. The message is meant for the user as it is (the
 * TAP error document shows it); it names the problem and, when known, where it is.
 */
public class AdqlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * An error without a position in the query.
     *
     * @param message what is wrong, for the user
     */
    public AdqlException(String message) {
        this(message, -1, -1, null);
    }

    /**
     * An error at a place in the query.
     *
     * @param message what is wrong, for the user
     * @param line   1-based line of the offending text, or -1
     * @param column 1-based column, or -1
     * @param cause  the library exception behind it, or null
     */
    public AdqlException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /**
     * @return 1-based line where the problem is, or -1 when unknown
     */
    public int line() {
        return line;
    }

    /**
     * @return 1-based column where the problem is, or -1 when unknown
     */
    public int column() {
        return column;
    }
}
