package meridian.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code concurrency} scenario: {@link BenchOptions#clients()} clients, each sending its
 * next request as soon as the last one is answered, for {@link BenchOptions#seconds()} seconds:
 * alternately a TOP 10 and a 1-degree cone at a varying centre, on the largest catalogue of at
 * most 1,000,000 rows. Reports requests/s, latency percentiles and the error count.
 */
final class LoadScenario {

    private final Target target;
    private final BenchOptions options;
    private final TapScenarios tap;

    LoadScenario(Target target, BenchOptions options, TapScenarios tap) {
        this.target = target;
        this.options = options;
        this.tap = tap;
    }

    List<BenchCase> cases() {
        Target.TableRef table = null;
        for (Target.TableRef t : target.tables()) {
            if (table == null || t.rows() <= 1_000_000) {
                table = t;
            }
        }
        if (table == null) {
            return List.of(BenchCase.unavailable("concurrency", "", "no catalogue table"));
        }
        Target.TableRef t = table;
        String label = options.clients() + " clients x " + options.seconds() + " s, TOP 10 + 1deg cone";
        return List.of(new BenchCase("concurrency", label, t.name(), t.rows(), null, new Run(t), 0, 1));
    }

    /** One load run; its extra figures are read after {@link #run}. */
    private final class Run implements BenchCase.Action, BenchCase.Extras {
        private final Target.TableRef table;
        private Map<String, Object> extras = Map.of();

        Run(Target.TableRef table) {
            this.table = table;
        }

        @Override
        public Sample run(int iteration, boolean verify) throws Exception {
            SkyPositions centres = new SkyPositions(11);
            AtomicLong errors = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
            ExecutorService pool = Executors.newFixedThreadPool(options.clients());
            List<Future<List<Double>>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            try {
                for (int c = 0; c < options.clients(); c++) {
                    futures.add(pool.submit(() -> {
                        List<Double> ms = new ArrayList<>();
                        while (System.nanoTime() < end) {
                            long k = sequence.getAndIncrement();
                            String adql = k % 2 == 0 ? "SELECT TOP 10 * FROM " + table.name()
                                    : String.format(Locale.ROOT, "SELECT * FROM %s WHERE 1 = CONTAINS(POINT('ICRS',"
                                    + " %s, %s), CIRCLE('ICRS', %.5f, %.5f, 1))", table.name(), target.raColumn(),
                                    target.decColumn(), centres.ra(k), Math.max(-80, Math.min(80, centres.dec(k))));
                            try {
                                ms.add(tap.sync(adql, 1_000_000, null, false, options.timeout()).seconds() * 1000);
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        }
                        return ms;
                    }));
                }
                List<Double> all = new ArrayList<>();
                for (Future<List<Double>> f : futures) {
                    all.addAll(f.get(options.seconds() + options.timeout().toSeconds() + 30, TimeUnit.SECONDS));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[] v = all.stream().mapToDouble(Double::doubleValue).toArray();
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("clients", options.clients());
                x.put("seconds", Math.round(seconds * 100) / 100.0);
                x.put("requests", v.length);
                x.put("errors", errors.get());
                x.put("requestsPerSecond", Math.round(v.length / seconds * 10) / 10.0);
                x.put("p50Ms", ms(Stats.quantile(v, 0.50)));
                x.put("p95Ms", ms(Stats.quantile(v, 0.95)));
                x.put("p99Ms", ms(Stats.quantile(v, 0.99)));
                extras = x;
                return new Sample(seconds, v.length, -1);
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(options.timeout().toSeconds() + 5, TimeUnit.SECONDS);
            }
        }

        private static double ms(double v) {
            return Math.round(v * 10) / 10.0;
        }

        @Override
        public Map<String, Object> extras() {
            return extras;
        }
    }
}
