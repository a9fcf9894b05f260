package meridian.server.tap;

import meridian.server.http.Fault;

/** A query stopped on purpose (time limit, ABORT); the message says why. */
public final class QueryCancelledException extends Fault {

    public QueryCancelledException(String reason) {
        super(503, reason, null);
    }
}
