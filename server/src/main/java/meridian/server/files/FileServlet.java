package meridian.server.files;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.ingest.FileLocator;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;

/**
 * {@code /files/<collection>/<path>}: the archive's files, where ObsCore and product_files
 * {@code access_url}s point. Content-Type from the file name, Content-Length, ETag and
 * Last-Modified with conditional requests, and single byte ranges (RFC 9110) so clients can
 * resume and read FITS headers cheaply. {@link FileLocator} keeps every request inside the
 * collection roots and the data directory. Collections defined after start-up are found on
 * the first request that names them.
 */
public class FileServlet extends HttpServlet {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("fits", "application/fits"), Map.entry("fit", "application/fits"),
            Map.entry("fts", "application/fits"), Map.entry("fz", "application/fits"),
            Map.entry("gz", "application/gzip"), Map.entry("tgz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("zip", "application/zip"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain;charset=UTF-8"), Map.entry("log", "text/plain;charset=UTF-8"),
            Map.entry("csv", "text/csv"), Map.entry("json", "application/json"),
            Map.entry("xml", "text/xml"), Map.entry("vot", "application/x-votable+xml"),
            Map.entry("html", "text/html;charset=UTF-8"));

    private final transient Supplier<FileLocator> locators;
    private transient volatile FileLocator locator;

    /** @param locators builds a locator from the current collection definitions */
    public FileServlet(Supplier<FileLocator> locators) {
        this.locators = locators;
        this.locator = locators.get();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            serve(req, resp, true);
        } catch (IOException | RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            serve(req, resp, false);
        } catch (IOException | RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        Path file = find(req.getPathInfo());
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis() / 1000 * 1000;
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
        resp.setHeader("ETag", etag);
        resp.setDateHeader("Last-Modified", modified);
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setContentType(contentType(file));
        if (notModified(req, etag, modified)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long start = 0;
        long end = size - 1;
        String range = req.getHeader("Range");
        String ifRange = req.getHeader("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    start = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (start >= size || start > end) {
                    resp.setHeader("Content-Range", "bytes */" + size);
                    throw Fault.rangeNotSatisfiable("range " + range + " is outside the file's " + size + " bytes");
                }
                resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                resp.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            // several ranges or a malformed header: the whole file, as RFC 9110 allows
        }
        long length = end - start + 1;
        resp.setContentLengthLong(length);
        if (!body) {
            return;
        }
        try (InputStream in = Files.newInputStream(file); OutputStream out = resp.getOutputStream()) {
            in.skipNBytes(start);
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private Path find(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2) {
            throw Fault.notFound("give a file: /files/<collection>/<path>");
        }
        String rest = pathInfo.substring(1);
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw Fault.notFound("no such file: /files/" + rest);
        }
        String collection = rest.substring(0, slash);
        String relative = rest.substring(slash + 1);
        Optional<Path> file = locator.locate(collection, relative);
        if (file.isEmpty()) {
            locator = locators.get(); // a collection defined since start-up
            file = locator.locate(collection, relative);
        }
        return file.orElseThrow(() -> Fault.notFound("no such file: /files/" + rest));
    }

    private static boolean notModified(HttpServletRequest req, String etag, long modified) {
        String inm = req.getHeader("If-None-Match");
        if (inm != null) {
            return inm.trim().equals("*") || java.util.Arrays.stream(inm.split(",")).map(String::trim)
                    .anyMatch(etag::equals);
        }
        try {
            long ims = req.getDateHeader("If-Modified-Since");
            return ims >= 0 && modified <= ims;
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
