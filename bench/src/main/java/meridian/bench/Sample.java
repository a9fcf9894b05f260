package meridian.bench;

/**
 * One timed run of a case.
 *
 * @param seconds wall time of the run
 * @param rows    rows (or items: links, spectra) it returned or processed; -1 unknown
 * @param bytes   response bytes; -1 unknown
 */
public record Sample(double seconds, long rows, long bytes) {
}
