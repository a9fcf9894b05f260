/**
 * Benchmarks run by hand (never as tests): {@link meridian.ingest.bench.IngestBenchmark}
 * measures ingestion throughput on generated spectra.
 */
package meridian.ingest.bench;
