package meridian.server.uws;

/** UWS 1.1 execution phases, spelled as the standard spells them. */
public enum ExecutionPhase {
    PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, UNKNOWN, HELD, SUSPENDED, ARCHIVED;

    /** True for phases a job leaves by itself (WAIT blocks on these). */
    public boolean isActive() {
        return this == PENDING || this == QUEUED || this == EXECUTING;
    }

    /** True once the job can no longer run. */
    public boolean isFinal() {
        return this == COMPLETED || this == ERROR || this == ABORTED || this == ARCHIVED;
    }
}
