package meridian.bench;

import java.util.Map;

/**
 * The figures of one case, as the reports print them. Times in milliseconds, memory in bytes;
 * null where a figure does not apply or is unknown.
 *
 * @param scenario      scenario name
 * @param label         the case within the scenario
 * @param table         table queried
 * @param tableRows     its size
 * @param status        {@code ok}, {@code not available}, {@code error} or {@code timeout}
 * @param note          why it is not ok, or a remark
 * @param runs          timed runs
 * @param medianMs      median latency
 * @param p95Ms         95th percentile latency
 * @param minMs         fastest run
 * @param rows          rows (items) of a run (the median)
 * @param bytes         response bytes of a run (the median)
 * @param rowsPerSecond rows / median time
 * @param mbPerSecond   MB (10^6 bytes) / median time
 * @param heapPeak      the server's peak heap use during the timed runs
 * @param heapLive      the server's largest heap occupancy after a collection
 * @param rssPeak       the server's peak resident set size
 * @param extras        scenario-specific figures (concurrency: clients, requests/s, p99, errors)
 */
public record CaseResult(String scenario, String label, String table, Long tableRows, String status, String note,
                         int runs, Double medianMs, Double p95Ms, Double minMs, Long rows, Long bytes,
                         Double rowsPerSecond, Double mbPerSecond, Long heapPeak, Long heapLive, Long rssPeak,
                         Map<String, Object> extras) {

    /** A case that did not produce figures. */
    public static CaseResult failed(BenchCase c, String status, String note) {
        return new CaseResult(c.scenario(), c.label(), c.table(), c.tableRows() < 0 ? null : c.tableRows(), status,
                note, 0, null, null, null, null, null, null, null, null, null, null, Map.of());
    }
}
