package meridian.ingest.catalogue;

import java.util.List;
import java.util.Locale;

/**
 * What a catalogue load did.
 *
 * @param table        qualified table name
 * @param storedName   the database table now holding it
 * @param files        source files read
 * @param rows         rows loaded
 * @param loadSeconds  reading and inserting
 * @param indexSeconds building the primary key and indexes
 * @param dryRun       true when nothing was written
 * @param skipped      file columns not published (array-valued), each with the reason
 */
public record CatalogueReport(String table, String storedName, int files, long rows, double loadSeconds,
                              double indexSeconds, boolean dryRun, List<String> skipped) {

    public CatalogueReport {
        skipped = List.copyOf(skipped);
    }

    /** Rows per second over the whole load, index build included. */
    public double rowsPerSecond() {
        double s = loadSeconds + indexSeconds;
        return s <= 0 ? rows : rows / s;
    }

    /** A human-readable summary, ending with a line break; one more line per skipped column. */
    public String summary() {
        StringBuilder notes = new StringBuilder();
        for (String s : skipped) {
            notes.append("  skipped column ").append(s).append(System.lineSeparator());
        }
        return String.format(Locale.ROOT, "%s %s: %d rows from %d file(s) in %.1f s (load %.1f s, indexes %.1f s,"
                        + " %.0f rows/s)%s%n", dryRun ? "checked" : "published", table, rows, files,
                loadSeconds + indexSeconds, loadSeconds, indexSeconds, rowsPerSecond(),
                dryRun ? "" : " as " + storedName) + notes;
    }
}
