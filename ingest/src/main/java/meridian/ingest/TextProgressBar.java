package meridian.ingest;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A one-line progress bar for terminals, redrawn in place with {@code \r} at most ten times a
 * second: {@code demo_sdp [#########.........] 1234/2000 files, 456.7 files/s, 12 skipped}.
 * When the output is not a terminal (CI logs), it prints one line per tenth of the files instead.
 * Plain Java, no dependency. Use from the ingesting thread only.
 */
public final class TextProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String collection = "";
    private long start;
    private long lastDraw;
    private int skipped;
    private int lastTenth = -1;

    /**
     * @param out      where to draw (usually {@code System.err}, so stdout stays for the report)
     * @param terminal true to redraw in place, false for one line per 10%
     */
    public TextProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on {@code System.err} that redraws in place when a console is attached. */
    public static TextProgressBar onStandardError() {
        return new TextProgressBar(System.err, System.console() != null);
    }

    @Override
    public void started(String name, int totalFiles) {
        collection = name;
        start = System.nanoTime();
        skipped = 0;
        lastTenth = -1;
        draw(0, totalFiles, true);
    }

    @Override
    public void fileDone(int done, int total, Path file, FileOutcome outcome) {
        if (outcome == FileOutcome.SKIPPED) {
            skipped++;
        }
        draw(done, total, done == total);
    }

    @Override
    public void finished(IngestReport report) {
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void draw(int done, int total, boolean force) {
        long now = System.nanoTime();
        if (terminal) {
            if (!force && now - lastDraw < 100_000_000L) {
                return;
            }
        } else {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth == lastTenth && !force) {
                return;
            }
            lastTenth = tenth;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String line = String.format(java.util.Locale.ROOT, "%s [%s%s] %d/%d files, %.1f files/s%s", collection,
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, done / seconds,
                skipped > 0 ? ", " + skipped + " skipped" : "");
        if (terminal) {
            out.print('\r' + line);
        } else {
            out.println(line);
        }
        out.flush();
    }
}
