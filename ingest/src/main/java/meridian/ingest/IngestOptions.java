package meridian.ingest;

/**
 * Options of one ingest run ({@code ./meridian ingest} flags).
 *
 * @param prune            delete the products of science files that no longer exist
 * @param dryRun           read and check everything, write nothing (database or previews)
 * @param generatePreviews write PNG previews for products that have none (the collection's
 *                         {@code previews.generate} must allow it too)
 * @param force            re-ingest files even when unchanged (after editing the definition)
 */
public record IngestOptions(boolean prune, boolean dryRun, boolean generatePreviews, boolean force) {

    /** No pruning, no dry run, previews on, unchanged files left alone. */
    public static IngestOptions defaults() {
        return new IngestOptions(false, false, true, false);
    }

    public IngestOptions withPrune(boolean v) {
        return new IngestOptions(v, dryRun, generatePreviews, force);
    }

    public IngestOptions withDryRun(boolean v) {
        return new IngestOptions(prune, v, generatePreviews, force);
    }

    public IngestOptions withPreviews(boolean v) {
        return new IngestOptions(prune, dryRun, v, force);
    }

    public IngestOptions withForce(boolean v) {
        return new IngestOptions(prune, dryRun, generatePreviews, v);
    }
}
