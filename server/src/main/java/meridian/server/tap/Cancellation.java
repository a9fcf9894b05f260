package meridian.server.tap;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stops one query from another thread (time limits, ABORT, DELETE, a client that went away) and
 * remembers why, so the failure the query then reports is turned into a
 * {@link QueryCancelledException} with that reason. Where the driver can cancel a running
 * statement (PostgreSQL) the statement is cancelled; where it cannot (Derby:
 * {@code Statement.cancel} is not implemented), the thread running the statement is interrupted:
 * Derby checks the interrupt flag at the same points as its own query time-out, also inside
 * nested-loop joins and sorts, and ends the statement within a second or two with SQLState
 * 08000, closing its connection (the pool then drops it). The thread is interrupted only between
 * {@link #register} and {@link #release}, which clears any interrupt left over, so the interrupt
 * never reaches the thread's next piece of work. Thread-safe; cancel at most once.
 */
public final class Cancellation {

    private String reason;
    private Statement statement;
    private Thread worker;

    /**
     * Registers the running statement; throws at once if the query is already cancelled.
     *
     * @param st          the statement about to run
     * @param cancellable whether the driver honours {@link Statement#cancel}; if not, the calling
     *                    thread is what gets interrupted, until {@link #release}
     */
    synchronized void register(Statement st, boolean cancellable) {
        if (cancellable) {
            statement = st;
        } else {
            worker = Thread.currentThread();
        }
        if (reason != null) {
            throw new QueryCancelledException(reason);
        }
    }

    /**
     * Forgets the statement and the thread (call on the thread that registered, once the
     * statement is closed) and clears an interrupt this cancellation may have sent it.
     */
    synchronized void release() {
        statement = null;
        if (worker == Thread.currentThread()) {
            worker = null;
            if (reason != null) {
                Thread.interrupted();
            }
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
            if (worker != null) {
                // under the lock: release() cannot run between the check and the interrupt
                worker.interrupt();
            }
        }
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // the driver's statement time-out and the row loop's checks remain
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
