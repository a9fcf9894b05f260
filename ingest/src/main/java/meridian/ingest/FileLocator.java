package meridian.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file behind an access URL path {@code /files/<collection>/<relative path>}, the way
 * the ingestor built it, and never outside the data roots: the relative path must not be
 * absolute or contain {@code ..}, {@code .} or empty segments, it must stay inside the
 * collection's root, and the file's real path (links resolved) must lie inside a data root. This is the HTTP-free
 * half of file serving; the server's file endpoint adds the HTTP. Immutable and thread-safe.
 */
public final class FileLocator {

    private final Map<String, Path> roots;
    private final List<Path> dataRoots;

    private FileLocator(Map<String, Path> roots, List<Path> dataRoots) {
        this.roots = roots;
        this.dataRoots = dataRoots;
    }

    /**
     * A locator for the given collections.
     *
     * @throws CollectionDefinitionException when a collection's root is outside the data roots
     */
    public static FileLocator of(IngestSettings settings, List<CollectionDefinition> collections)
            throws CollectionDefinitionException {
        Map<String, Path> roots = new LinkedHashMap<>();
        for (CollectionDefinition d : collections) {
            roots.put(d.name(), settings.collectionRoot(d));
        }
        return new FileLocator(Map.copyOf(roots), settings.dataRoots());
    }

    /**
     * The regular file at {@code relativePath} (URL-decoded, {@code /}-separated) of
     * {@code collection}, or empty when there is none or the path is not acceptable.
     */
    public Optional<Path> locate(String collection, String relativePath) {
        Path root = roots.get(collection);
        if (root == null || relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
                || relativePath.indexOf('\0') >= 0 || relativePath.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // a link may point elsewhere in the data roots (as the scanner allows), never outside
            return insideDataRoots(file.toRealPath()) ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean insideDataRoots(Path real) throws IOException {
        for (Path r : dataRoots) {
            if (Files.exists(r) && real.startsWith(r.toRealPath())) {
                return true;
            }
        }
        return false;
    }
}
