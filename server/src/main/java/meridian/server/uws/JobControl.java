package meridian.server.uws;

/**
 * Cancels one executing job: an ABORT, the execution duration running out, the destruction
 * time, the server stopping. The runner registers a hook (cancel the JDBC statement); the
 * worker thread is interrupted too, so row loops stop. Thread-safe.
 */
public final class JobControl {

    private final Thread worker;
    private String reason;
    private Runnable hook;

    JobControl(Thread worker) {
        this.worker = worker;
    }

    /** Registers what stops the work; runs it at once if the job is already cancelled. */
    public void onCancel(Runnable stop) {
        boolean now;
        synchronized (this) {
            hook = stop;
            now = reason != null;
        }
        if (now) {
            stop.run();
        }
    }

    /** Why the job was cancelled, or null. */
    public synchronized String cancelReason() {
        return reason;
    }

    void cancel(String why) {
        Runnable h;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            h = hook;
        }
        if (h != null) {
            h.run();
        }
        worker.interrupt();
    }
}
