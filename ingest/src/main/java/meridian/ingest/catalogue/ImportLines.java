package meridian.ingest.catalogue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which source file and row each line of a bulk load came from, so that a row the database
 * refuses ({@link DerbyImportFile}, {@link PostgresCopy}: the database names the line) is
 * reported with its file and row. Lines are numbered from 1 in the order rows are written.
 * Not thread-safe.
 */
final class ImportLines {

    private final List<Path> files = new ArrayList<>();
    private final List<Long> firstLines = new ArrayList<>();
    private long lines;

    /** The rows that follow come from {@code file}. */
    void startFile(Path file) {
        files.add(file);
        firstLines.add(lines + 1);
    }

    /** One more row written. */
    void endRow() {
        lines++;
    }

    /** Rows written so far. */
    long lines() {
        return lines;
    }

    /**
     * The database refused the load: the exception, naming the file and row of global line
     * {@code firstLine - 1 + n} when {@code line} finds {@code n} (group 1) in one of the
     * messages of {@code e}'s causes; {@code hide} (when not null) is replaced by
     * {@code hiddenAs} in the messages.
     */
    CatalogueLoadException refused(SQLException e, Pattern line, long firstLine, Path fallback, String hide,
                                   String hiddenAs) {
        StringBuilder why = new StringBuilder();
        long at = -1;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                why.append(why.isEmpty() ? "" : ": ")
                        .append(hide == null ? t.getMessage() : t.getMessage().replace(hide, hiddenAs));
                Matcher m = line.matcher(t.getMessage());
                if (at < 0 && m.find()) {
                    at = firstLine - 1 + Long.parseLong(m.group(1));
                }
            }
        }
        Path file = files.isEmpty() ? fallback : files.get(0);
        long row = 0;
        for (int i = 0; at > 0 && at <= lines && i < files.size(); i++) {
            if (firstLines.get(i) <= at) {
                file = files.get(i);
                row = at - firstLines.get(i) + 1;
            }
        }
        return new CatalogueLoadException(file, row, null, "the database refused "
                + (row > 0 ? "this row" : "a row") + ": " + why, e);
    }
}
