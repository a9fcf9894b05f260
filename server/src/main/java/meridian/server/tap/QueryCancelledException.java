package meridian.server.tap;

import meridian.server.http.Fault;

/** A query stopped on purpose (time limit, ABORT); the message says why. */
public final class QueryCancelledException extends Fault {

    public QueryCancelledException(String reason) {
        this(reason, null);
    }

    /** @param cause the database's report of the cancelled statement, or null */
    public QueryCancelledException(String reason, Throwable cause) {
        super(503, reason, cause);
    }
}
