package meridian.ingest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds a collection's science files under its root (the {@code sources} globs minus their
 * excludes) and, beside each, its ancillary files (the {@code ancillary} rules). A file that is an
 * ancillary of another science file is never itself a science file, so {@code *.fits} may match
 * error spectra without ingesting them twice. The previews directory is never scanned. Results
 * are sorted by relative path, so runs are reproducible.
 */
final class SourceScanner {

    /**
     * A science file and its ancillary files.
     *
     * @param path       absolute path
     * @param relative   path relative to the collection root, with {@code /} separators
     * @param ancillaries its ancillary files, in rule order
     */
    record SourceFile(Path path, String relative, List<Ancillary> ancillaries) {
    }

    /**
     * An ancillary file.
     *
     * @param path        absolute path
     * @param relative    path relative to the collection root
     * @param category    product_files category
     * @param contentType MIME type, or null to guess
     */
    record Ancillary(Path path, String relative, String category, String contentType) {
    }

    private SourceScanner() {
    }

    /**
     * The science files of {@code def} under {@code root}. Symbolic links are followed only when
     * their target lies inside one of {@code allowedRoots}, so a link cannot publish (and the file
     * server cannot serve) a file outside the data roots.
     */
    static List<SourceFile> scan(Path root, CollectionDefinition def, List<Path> allowedRoots) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new CollectionDefinitionException(def.file(), "root: " + root + " is not a directory");
        }
        List<PathMatcher> includes = new ArrayList<>();
        List<PathMatcher> excludes = new ArrayList<>();
        for (CollectionDefinition.Source s : def.sources()) {
            includes.add(glob(s.glob()));
            for (String e : s.exclude()) {
                excludes.add(glob(e));
            }
        }
        Path previews = root.resolve(def.previews().directory()).normalize();
        TreeMap<String, Path> candidates = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(previews))
                    .filter(p -> insideRoots(p, allowedRoots)).forEach(p -> {
                Path rel = root.relativize(p);
                if (includes.stream().anyMatch(m -> m.matches(rel)) && excludes.stream().noneMatch(m -> m.matches(rel))) {
                    candidates.put(relative(rel), p);
                }
            });
        }
        Map<Path, List<Path>> listings = new HashMap<>();
        Map<String, List<Ancillary>> ancillaries = new TreeMap<>();
        Set<String> claimed = new HashSet<>();
        for (Map.Entry<String, Path> e : candidates.entrySet()) {
            List<Ancillary> found = ancillaries(root, e.getValue(), def, listings, allowedRoots);
            ancillaries.put(e.getKey(), found);
            for (Ancillary a : found) {
                claimed.add(a.relative());
            }
        }
        List<SourceFile> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : candidates.entrySet()) {
            if (!claimed.contains(e.getKey())) {
                out.add(new SourceFile(e.getValue(), e.getKey(), ancillaries.get(e.getKey())));
            }
        }
        return out;
    }

    private static List<Ancillary> ancillaries(Path root, Path science, CollectionDefinition def,
                                               Map<Path, List<Path>> listings, List<Path> allowedRoots)
            throws IOException {
        if (def.ancillary().isEmpty()) {
            return List.of();
        }
        Path dir = science.getParent();
        List<Path> names = listings.get(dir);
        if (names == null) {
            try (Stream<Path> s = Files.list(dir)) {
                names = s.filter(Files::isRegularFile).filter(p -> insideRoots(p, allowedRoots))
                        .map(Path::getFileName).sorted().toList();
            }
            listings.put(dir, names);
        }
        String name = science.getFileName().toString();
        String stem = stem(name);
        List<Ancillary> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (CollectionDefinition.AncillaryRule r : def.ancillary()) {
            String pattern = r.match().replace("{stem}", escape(stem)).replace("{name}", escape(name));
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (Path n : names) {
                if (m.matches(n) && !n.toString().equals(name) && seen.add(n)) {
                    Path p = dir.resolve(n);
                    out.add(new Ancillary(p, relative(root.relativize(p)), r.category(), r.contentType()));
                }
            }
        }
        return out;
    }

    private static boolean insideRoots(Path p, List<Path> roots) {
        if (!Files.isSymbolicLink(p)) {
            return true;
        }
        try {
            Path real = p.toRealPath();
            for (Path r : roots) {
                if (real.startsWith(r.toRealPath())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The file name without its FITS extension ({@code .fits}, {@code .fit}, {@code .fts}, optionally {@code .gz}). */
    static String stem(String name) {
        return name.replaceFirst("(?i)\\.(fits|fit|fts)(\\.gz)?$", "");
    }

    private static String escape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** A glob where a leading {@code **}{@code /} also matches files directly in the root. */
    private static PathMatcher glob(String glob) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        if (glob.startsWith("**/")) {
            PathMatcher top = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3));
            return p -> m.matches(p) || top.matches(p);
        }
        return m;
    }

    static String relative(Path rel) {
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }
}
