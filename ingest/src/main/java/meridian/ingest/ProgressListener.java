package meridian.ingest;

import java.nio.file.Path;

/**
 * Told about an ingest's progress, from the ingesting thread, in order: {@link #started} once,
 * {@link #fileDone} once per science file, then {@link #finished}. Implementations must be quick
 * (a progress bar redraw), and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, file, outcome) -> { };

    /** Scanning is over: {@code totalFiles} science files will be processed. */
    default void started(String collection, int totalFiles) {
    }

    /**
     * One science file is done.
     *
     * @param done    files done so far, including this one
     * @param total   files in all
     * @param file    the file
     * @param outcome what happened to it
     */
    void fileDone(int done, int total, Path file, FileOutcome outcome);

    /** The run is over (not called when the run fails with an exception). */
    default void finished(IngestReport report) {
    }
}
