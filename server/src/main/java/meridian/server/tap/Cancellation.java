package meridian.server.tap;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stops one query from another thread (time limits, ABORT): cancels its JDBC statement where
 * the driver can, and remembers why, so the failure the query then reports is turned into a
 * {@link QueryCancelledException} with that reason. Thread-safe; cancel at most once.
 */
public final class Cancellation {

    private String reason;
    private Statement statement;

    /**
     * Registers the running statement (null when the driver cannot cancel); throws at once if the
     * query is already cancelled.
     */
    synchronized void register(Statement st) {
        statement = st;
        if (reason != null) {
            throw new QueryCancelledException(reason);
        }
    }

    /** Cancels the query; later calls keep the first reason. */
    public void cancel(String why) {
        Statement st;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            st = statement;
        }
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // Derby cannot cancel; its query time-out and the row loop's checks stop the query
            }
        }
    }

    /** Why the query was cancelled, or null. */
    public synchronized String reason() {
        return reason;
    }

    /** Throws the cancellation (with {@code cause}) when the query was cancelled. */
    public void throwIfCancelled(Throwable cause) {
        String r = reason();
        if (r != null) {
            // the cause goes to the constructor: Throwable.initCause fails once a null cause was set
            throw new QueryCancelledException(r, cause);
        }
    }
}
