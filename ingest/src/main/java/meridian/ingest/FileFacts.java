package meridian.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** File facts product_files records: checksum, extension, MIME type. */
final class FileFacts {

    private FileFacts() {
    }

    /** SHA-256 of the content, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The extension as product_files records it: {@code fits}, {@code fits.gz}, {@code tar.gz}, {@code png}. */
    static String extension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String two : new String[] {".fits.gz", ".fits.fz", ".tar.gz", ".fit.gz"}) {
            if (n.endsWith(two)) {
                return two.substring(1);
            }
        }
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    /** The MIME type of a file from its extension. */
    static String contentType(String name) {
        return switch (extension(name)) {
            case "fits", "fit", "fts", "fits.fz" -> "application/fits";
            case "fits.gz", "fit.gz", "gz", "tar.gz", "tgz" -> "application/gzip";
            case "tar" -> "application/x-tar";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "pdf" -> "application/pdf";
            case "txt", "log", "asc", "dat" -> "text/plain";
            case "csv" -> "text/csv";
            case "xml", "vot" -> "application/x-votable+xml";
            case "json" -> "application/json";
            case "html", "htm" -> "text/html";
            default -> "application/octet-stream";
        };
    }
}
