package meridian.ingest.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import meridian.ingest.CollectionDefinitionException;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.FileDataSource;

/**
 * Finds a catalogue's source files and opens them with STIL. FITS and CSV/ECSV tables are read
 * from the file as rows are asked for (CSV twice: STIL's first pass decides the column types);
 * a VOTable is parsed once into disk-backed storage. No table is held in memory whole.
 * Not thread-safe (one per load).
 */
final class CatalogueFiles {

    private final StarTableFactory factory;

    CatalogueFiles() {
        factory = new StarTableFactory(false);
        factory.setStoragePolicy(StoragePolicy.PREFER_DISK);
    }

    /** The files the definition's source globs match, each glob's matches in name order. */
    static List<Path> resolve(CatalogueDefinition def) throws IOException {
        Path base = def.file().toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        for (String source : def.sources()) {
            Path direct = base.resolve(source);
            if (!source.contains("*") && !source.contains("?") && !source.contains("[") && !source.contains("{")) {
                if (!Files.isRegularFile(direct)) {
                    throw new CollectionDefinitionException(def.file(), "sources: file " + direct + " not found");
                }
                out.add(direct);
                continue;
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + source);
            List<Path> found = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(base)) {
                walk.filter(Files::isRegularFile).filter(p -> m.matches(base.relativize(p))).sorted()
                        .forEach(found::add);
            }
            if (found.isEmpty()) {
                throw new CollectionDefinitionException(def.file(), "sources: '" + source + "' matches no file under "
                        + base);
            }
            out.addAll(found);
        }
        return out;
    }

    /** Opens a source table; the caller reads its rows (any number of times) and closes it. */
    StarTable open(Path file, String format) throws IOException {
        String handler = format.equals("auto") ? recognise(file) : format;
        try {
            return factory.makeStarTable(new FileDataSource(file.toFile()), handler);
        } catch (IOException | RuntimeException e) {
            throw new CatalogueLoadException(file, 0, null, "not a readable " + handler + " table: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the column types of {@code file} are guesses from its values (plain CSV, whose
     * header names columns only) rather than declared by the file (FITS, VOTable, ECSV).
     */
    static boolean typesGuessed(Path file, String format) throws IOException {
        return (format.equals("auto") ? recognise(file) : format).equals("csv");
    }

    /** The STIL handler for a file: from its name, else from its first bytes. */
    static String recognise(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.matches(".*\\.(fits|fit|fts)(\\.gz)?")) {
            return "fits";
        } else if (name.matches(".*\\.(vot|votable|xml)(\\.gz)?")) {
            return "votable";
        } else if (name.endsWith(".ecsv")) {
            return "ecsv";
        } else if (name.endsWith(".csv")) {
            return "csv";
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        String start = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("SIMPLE  =")) {
            return "fits";
        } else if (start.startsWith("<")) {
            return "votable";
        } else if (start.startsWith("# %ECSV")) {
            return "ecsv";
        }
        return "csv";
    }
}
