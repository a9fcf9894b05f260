/**
 * The benchmark harness behind {@code ./meridian bench}: deterministic, cached catalogue tables
 * ({@link meridian.bench.CatalogueGenerator}), the server under test in its own JVM
 * ({@link meridian.bench.BenchServer}, driven by {@link meridian.bench.ServerProcess}), scenarios
 * run over HTTP against it or any other TAP/SSA service ({@link meridian.bench.Scenarios},
 * {@link meridian.bench.BenchRunner}), and the Markdown/JSON reports ({@link meridian.bench.Report}).
 * Benchmarks, not tests: nothing here asserts a speed.
 */
package meridian.bench;
