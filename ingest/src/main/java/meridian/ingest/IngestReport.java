package meridian.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The summary of one ingest run.
 *
 * @param collection   collection name
 * @param dryRun       true when nothing was written
 * @param filesSeen    science files found by the sources
 * @param ingested     new files ingested
 * @param updated      changed files re-ingested
 * @param unchanged    files left alone
 * @param skipped      files not ingested, each with the reason
 * @param pruned       vanished science files whose products were removed
 * @param productsWritten ObsCore rows inserted
 * @param rowsWritten  rows inserted or deleted in ivoa.obscore, product_files and collections (in a
 *                     dry run: the rows that would be inserted)
 * @param previewsGenerated PNG previews written
 * @param warnings     problems that did not stop a file (e.g. a preview that could not be written)
 * @param elapsed      wall-clock time of the run
 */
public record IngestReport(String collection, boolean dryRun, int filesSeen, int ingested, int updated,
                           int unchanged, List<Skipped> skipped, int pruned, long productsWritten,
                           long rowsWritten, int previewsGenerated, List<String> warnings, Duration elapsed) {

    /**
     * A file that was not ingested.
     *
     * @param file   the file
     * @param reason why, in words an operator can act on
     */
    public record Skipped(Path file, String reason) {
    }

    /** True when every file was ingested or unchanged: the CLI's exit status. */
    public boolean succeeded() {
        return skipped.isEmpty();
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s%s: %d files seen, %d ingested, %d updated, %d unchanged, %d skipped, %d pruned;"
                        + " %d products, %d rows written, %d previews generated in %.1f s%n",
                collection, dryRun ? " (dry run)" : "", filesSeen, ingested, updated, unchanged, skipped.size(),
                pruned, productsWritten, rowsWritten, previewsGenerated, elapsed.toMillis() / 1000.0));
        for (Skipped s : skipped) {
            sb.append("  skipped ").append(s.file()).append(": ").append(s.reason()).append(System.lineSeparator());
        }
        for (String w : warnings) {
            sb.append("  warning: ").append(w).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
