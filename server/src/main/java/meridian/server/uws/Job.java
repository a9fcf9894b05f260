package meridian.server.uws;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A live job: its current {@link JobState}, changed only by compare-and-set on the phase, and
 * a monitor that blocking WAIT requests sleep on. Thread-safe.
 */
final class Job {

    private final String client;
    private final long order;
    private JobState state;
    private JobControl control;

    /**
     * @param client whose per-client slots the job takes ({@link ClientSlots})
     * @param order  its place in the order of creation (stored jobs first, by creation time)
     */
    Job(JobState state, String client, long order) {
        this.state = state;
        this.client = client;
        this.order = order;
    }

    long order() {
        return order;
    }

    String client() {
        return client;
    }

    synchronized JobState state() {
        return state;
    }

    /**
     * Applies {@code change} when the phase is one of {@code expected}; wakes WAITing readers.
     *
     * @return the new state, or null when the phase was not expected (nothing changed)
     */
    synchronized JobState update(Set<ExecutionPhase> expected, UnaryOperator<JobState> change) {
        if (!expected.contains(state.phase())) {
            return null;
        }
        state = change.apply(state);
        notifyAll();
        return state;
    }

    synchronized void control(JobControl c) {
        control = c;
    }

    synchronized JobControl control() {
        return control;
    }

    /**
     * Blocks while the job is in an active phase and still in {@code phase} (the phase it is in
     * now when null), at most {@code millis}: UWS 1.1 blocking WAIT.
     */
    synchronized JobState await(ExecutionPhase phase, long millis) throws InterruptedException {
        if (phase == null) {
            phase = state.phase();
        }
        long end = System.currentTimeMillis() + millis;
        while (state.phase().isActive() && state.phase() == phase) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return state;
    }
}
