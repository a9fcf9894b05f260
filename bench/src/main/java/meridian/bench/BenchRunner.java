package meridian.bench;

import java.io.PrintStream;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs cases and turns their samples into {@link CaseResult}s: warm-ups (the first verifies the
 * answer), then the timed runs inside a fresh memory window of the server when the harness owns
 * it. A time-out or error ends a case; after a time-out the owner is told to restart the server,
 * because a query the client gave up on may still be running in it. Not thread-safe.
 */
final class BenchRunner {

    private final PrintStream progress;
    private final LocalServer local;

    /** @param local the server the harness owns, or null when it measures another one */
    BenchRunner(PrintStream progress, LocalServer local) {
        this.progress = progress;
        this.local = local;
    }

    /** Runs one case. */
    CaseResult run(BenchCase c) {
        String what = c.scenario() + " " + c.label() + (c.table() == null ? "" : " on " + c.table());
        if (c.unavailable() != null) {
            progress.println("bench: " + what + ": not available (" + c.unavailable() + ")");
            return CaseResult.failed(c, "not available", c.unavailable());
        }
        progress.print("bench: " + what + " ...");
        progress.flush();
        ServerProcess server = local == null ? null : local.current();
        try {
            int iteration = 0;
            for (int w = 0; w < c.warmups(); w++) {
                c.action().run(iteration++, w == 0);
            }
            if (server != null) {
                server.resetPeaks();
            }
            double[] seconds = new double[c.reps()];
            long[] rows = new long[c.reps()];
            long[] bytes = new long[c.reps()];
            for (int r = 0; r < c.reps(); r++) {
                Sample s = c.action().run(iteration, iteration == 0);
                iteration++;
                seconds[r] = s.seconds();
                rows[r] = s.rows();
                bytes[r] = s.bytes();
            }
            MemoryPeaks.Snapshot peaks = server != null ? server.peaks() : null;
            CaseResult result = result(c, seconds, rows, bytes, peaks);
            progress.printf(Locale.ROOT, " median %.1f ms%n", result.medianMs());
            return result;
        } catch (HttpTimeoutException e) {
            progress.println(" timed out");
            restartAfterFailure();
            return CaseResult.failed(c, "timeout", "no complete answer within the request time limit"
                    + (local == null ? "" : "; the server was restarted"));
        } catch (BenchException e) {
            progress.println(" error: " + e.getMessage());
            return CaseResult.failed(c, "error", e.getMessage());
        } catch (Exception e) {
            progress.println(" failed: " + e);
            restartAfterFailure();
            return CaseResult.failed(c, "error", e.toString());
        }
    }

    private void restartAfterFailure() {
        if (local == null) {
            return;
        }
        try {
            progress.println("bench: restarting the server (a query may still be running in it)");
            local.restart();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the bench server: " + e.getMessage(), e);
        }
    }

    private static CaseResult result(BenchCase c, double[] seconds, long[] rows, long[] bytes,
                                     MemoryPeaks.Snapshot peaks) {
        double median = Stats.median(seconds);
        double p95 = Stats.quantile(seconds, 0.95);
        double min = Arrays.stream(seconds).min().orElse(Double.NaN);
        Long medianRows = medianOf(rows);
        Long medianBytes = medianOf(bytes);
        Map<String, Object> extras = new LinkedHashMap<>();
        Double medianMs = median * 1000;
        Double p95Ms = p95 * 1000;
        Double rowsPerSecond = medianRows == null ? null : medianRows / median;
        if (c.action() instanceof BenchCase.Extras x) {
            extras.putAll(x.extras());
        }
        if (extras.get("p50Ms") instanceof Double p50 && extras.get("p95Ms") instanceof Double p95load) {
            // a load run: the latencies are per request, not per run
            medianMs = p50;
            p95Ms = p95load;
            rowsPerSecond = null;
        }
        return new CaseResult(c.scenario(), c.label(), c.table(), c.tableRows() < 0 ? null : c.tableRows(), "ok", null,
                seconds.length, round(medianMs), round(p95Ms), round(min * 1000), medianRows, medianBytes,
                round(rowsPerSecond), medianBytes == null ? null : round(medianBytes / 1e6 / median),
                peaks == null || peaks.heapPeakBytes() < 0 ? null : peaks.heapPeakBytes(),
                peaks == null || peaks.heapLiveBytes() < 0 ? null : peaks.heapLiveBytes(),
                peaks == null || peaks.rssPeakBytes() < 0 ? null : peaks.rssPeakBytes(), extras);
    }

    private static Long medianOf(long[] values) {
        long[] known = Arrays.stream(values).filter(v -> v >= 0).sorted().toArray();
        return known.length == 0 ? null : known[known.length / 2];
    }

    private static Double round(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        double scale = Math.abs(v) >= 100 ? 1 : 100;
        return Math.round(v * scale) / scale;
    }

    /** All cases of the named scenarios, in the order given. */
    static List<BenchCase> cases(List<String> scenarios, TapScenarios tap, DalScenarios dal, LoadScenario load) {
        List<BenchCase> out = new ArrayList<>();
        for (String s : scenarios) {
            out.addAll(switch (s) {
                case "top10" -> tap.top10();
                case "count" -> tap.count();
                case "cone" -> tap.cone();
                case "stream" -> tap.stream();
                case "async" -> tap.async();
                case "upload" -> tap.upload();
                case "ssa" -> dal.ssa();
                case "datalink" -> dal.datalink();
                case "soda" -> dal.soda();
                case "concurrency" -> load.cases();
                default -> throw new IllegalArgumentException("unknown scenario " + s);
            });
        }
        return out;
    }
}
