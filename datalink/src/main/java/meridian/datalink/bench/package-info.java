/**
 * Benchmarks run by hand (never as tests): {@link meridian.datalink.bench.DatalinkBenchmark}
 * measures links latency, cutout and conversion time and bundle throughput.
 */
package meridian.datalink.bench;
