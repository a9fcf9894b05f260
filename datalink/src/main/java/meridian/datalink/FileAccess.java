package meridian.datalink;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import meridian.ingest.FileLocator;

/**
 * Opens the file behind a product_files {@code access_url} ({@code .../files/<collection>/<path>})
 * through {@link FileLocator}, so DataLink, SODA and bundles read exactly the files /files
 * serves and never anything outside the data roots. Thread-safe.
 */
public final class FileAccess {

    private static final String FILES = "/files/";

    private final Supplier<FileLocator> locators;
    private volatile FileLocator locator;

    /** @param locators builds a locator from the current collection definitions */
    public FileAccess(Supplier<FileLocator> locators) {
        this.locators = locators;
        this.locator = locators.get();
    }

    /** The local file of an access URL, or empty when it is not one of this archive's files. */
    public Optional<Path> locate(String accessUrl) {
        if (accessUrl == null) {
            return Optional.empty();
        }
        String path;
        try {
            path = new URI(accessUrl).getRawPath();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        int at = path == null ? -1 : path.indexOf(FILES);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = path.substring(at + FILES.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String collection = decode(rest.substring(0, slash));
        StringBuilder relative = new StringBuilder();
        for (String seg : rest.substring(slash + 1).split("/", -1)) {
            relative.append(relative.length() == 0 ? "" : "/").append(decode(seg));
        }
        Optional<Path> file = locator.locate(collection, relative.toString());
        if (file.isEmpty()) {
            locator = locators.get(); // a collection defined since start-up
            file = locator.locate(collection, relative.toString());
        }
        return file;
    }

    /** The local file of an access URL, or a NotFoundFault. */
    public Path require(String accessUrl) {
        return locate(accessUrl).orElseThrow(() -> DatalinkFault.notFound("the file " + accessUrl
                + " is not available on this server"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
