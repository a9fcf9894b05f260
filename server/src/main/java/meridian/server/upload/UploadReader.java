package meridian.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import meridian.server.http.Fault;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableFormatException;
import uk.ac.starlink.util.FileDataSource;

/**
 * Reads an uploaded table with STIL. The bytes are first spooled to a file under the byte
 * budget, then the format is recognised from the first bytes: XML is VOTable (TABLEDATA, BINARY,
 * BINARY2), {@code SIMPLE  =} is FITS, {@code # %ECSV} is ECSV, anything else is CSV with a
 * header line. XML with a document type declaration is refused before any parser sees it: VOTable
 * needs none, and refusing DTDs is what makes external entities (XXE) impossible. Thread-safe.
 */
public final class UploadReader {

    /** Bytes looked at to recognise the format and find a DOCTYPE before the root element. */
    private static final int HEAD_BYTES = 64 * 1024;

    private final StarTableFactory factory;

    public UploadReader() {
        factory = new StarTableFactory(false);
        factory.setStoragePolicy(StoragePolicy.PREFER_DISK);
    }

    /** Copies {@code in} to {@code file}, at most {@code budget} bytes; returns the bytes copied. */
    static long spool(String table, InputStream in, Path file, long budget, long limit) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return Spool.copy(in, out, budget, limit, table, () -> { });
        }
    }

    /**
     * The table in a spooled upload file. The table may read the file until it is closed; the
     * caller deletes the file afterwards.
     *
     * @throws Fault (usage) naming the table and what is wrong with it
     */
    public StarTable read(String table, Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (head.length == 0) {
            throw Fault.usage("UPLOAD " + table + ": the uploaded document is empty");
        }
        String format = recognise(table, head);
        try {
            return factory.makeStarTable(new FileDataSource(file.toFile()), format);
        } catch (TableFormatException e) {
            throw Fault.usage("UPLOAD " + table + ": not a readable " + describe(format) + " table: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw Fault.usage("UPLOAD " + table + ": the " + describe(format) + " table cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static String recognise(String table, byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String start = text.stripLeading();
        if (start.startsWith("\u00ef\u00bb\u00bf")) {
            start = start.substring(3).stripLeading();
        }
        if (start.startsWith("<")) {
            int root = firstElement(start);
            if (root < 0) {
                throw Fault.usage("UPLOAD " + table + ": no XML root element in the first " + HEAD_BYTES + " bytes");
            }
            String prolog = start.substring(0, root).toUpperCase(Locale.ROOT);
            if (prolog.contains("<!DOCTYPE") || prolog.contains("<!ENTITY")) {
                throw Fault.usage("UPLOAD " + table + ": XML with a document type declaration (DOCTYPE, entities)"
                        + " is not accepted; a VOTable needs none");
            }
            return "votable";
        }
        if (start.startsWith("SIMPLE  =")) {
            return "fits";
        }
        if (start.startsWith("# %ECSV")) {
            return "ecsv";
        }
        return "csv";
    }

    /** Index of the first element start tag (not {@code <?}, {@code <!}), or -1. */
    private static int firstElement(String s) {
        for (int i = s.indexOf('<'); i >= 0 && i + 1 < s.length(); i = s.indexOf('<', i + 1)) {
            char c = s.charAt(i + 1);
            if (c != '?' && c != '!') {
                return i;
            }
        }
        return -1;
    }

    private static String describe(String format) {
        return switch (format) {
            case "votable" -> "VOTable";
            case "fits" -> "FITS";
            case "ecsv" -> "ECSV";
            default -> "CSV";
        };
    }
}
