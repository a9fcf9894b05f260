package meridian.bench;

import java.time.Duration;

/**
 * How the scenarios run.
 *
 * @param warmups        untimed runs before the timed ones
 * @param reps           timed runs per case
 * @param timeout        per-request time limit
 * @param xmatchTimeout  per-request time limit of the upload cross-match
 * @param streamRows     rows of the streaming scenario
 * @param uploadRows     positions in the cross-match upload
 * @param clients        concurrent clients of the concurrency scenario
 * @param seconds        how long the concurrency scenario runs
 */
public record BenchOptions(int warmups, int reps, Duration timeout, Duration xmatchTimeout, long streamRows,
                           int uploadRows, int clients, int seconds) {

    public BenchOptions {
        if (reps < 1 || warmups < 0 || clients < 1 || seconds < 1 || uploadRows < 1 || streamRows < 1) {
            throw new IllegalArgumentException("repetitions, clients, seconds, rows must be positive");
        }
    }
}
