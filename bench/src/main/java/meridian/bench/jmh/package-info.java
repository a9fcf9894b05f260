/**
 * JMH micro-benchmarks of the hot inner paths: ADQL parse + check + translate
 * ({@link meridian.bench.jmh.AdqlTranslateBenchmark}), VOTable BINARY2 row writing
 * ({@link meridian.bench.jmh.VoTableWriteBenchmark}) and FITS header parsing
 * ({@link meridian.bench.jmh.FitsHeaderBenchmark}). Run with {@code ./meridian bench jmh}.
 */
package meridian.bench.jmh;
