package meridian.bench;

import java.util.Map;

/**
 * One thing to measure: a scenario applied to one table (or none), run a few times.
 *
 * @param scenario    scenario name ({@code cone})
 * @param label       what distinguishes this case within its scenario ({@code r=1deg})
 * @param table       the table queried, or null
 * @param tableRows   its row count, or -1
 * @param unavailable why the case cannot run here, or null when it can
 * @param action      the measured work
 * @param warmups     untimed runs first (the first also verifies the answer)
 * @param reps        timed runs
 */
public record BenchCase(String scenario, String label, String table, long tableRows, String unavailable,
                        Action action, int warmups, int reps) {

    /** The work of one run. */
    @FunctionalInterface
    public interface Action {
        /**
         * @param iteration 0-based run number (warm-ups included), to vary parameters deterministically
         * @param verify    check the answer more thoroughly (outside the timed part where possible)
         * @throws BenchException when the service answered with an error
         */
        Sample run(int iteration, boolean verify) throws Exception;
    }

    /** A case that is reported as not available. */
    public static BenchCase unavailable(String scenario, String label, String why) {
        return new BenchCase(scenario, label, null, -1, why, null, 0, 0);
    }

    /** Extra figures a case may add to its result (the concurrency scenario's). */
    public interface Extras {
        Map<String, Object> extras();
    }
}
