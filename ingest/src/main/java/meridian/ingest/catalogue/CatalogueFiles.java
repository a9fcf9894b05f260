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
 * a VOTable is parsed once into disk-backed storage. No table is held in memory whole. CSV and
 * ECSV text is UTF-8 (ECSV says so; it is what spreadsheets and scripts write today), which
 * STIL's readers leave as one character per byte: {@link Utf8Text} decodes it.
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
            StarTable t = factory.makeStarTable(new FileDataSource(file.toFile()), handler);
            return handler.equals("csv") || handler.equals("ecsv") ? new Utf8Text(t) : t;
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

    /**
     * A CSV or ECSV table whose text cells STIL read one character per byte: each is decoded as
     * UTF-8 when its bytes are valid UTF-8 (so {@code 東京} arrives as written), else kept as
     * read (a Latin-1 file's {@code é} stays {@code é}).
     */
    static final class Utf8Text extends uk.ac.starlink.table.WrapperStarTable {

        Utf8Text(StarTable base) {
            super(base);
        }

        static Object decode(Object cell) {
            if (!(cell instanceof String s) || s.chars().allMatch(c -> c < 128) || s.chars().anyMatch(c -> c > 255)) {
                return cell;
            }
            java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            try {
                return utf8.decode(java.nio.ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return s;
            }
        }

        private static Object[] decode(Object[] row) {
            Object[] out = row.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = decode(out[i]);
            }
            return out;
        }

        @Override
        public Object getCell(long irow, int icol) throws IOException {
            return decode(super.getCell(irow, icol));
        }

        @Override
        public Object[] getRow(long irow) throws IOException {
            return decode(super.getRow(irow));
        }

        /** The rows of {@code data}, decoded. */
        private static uk.ac.starlink.table.RowData decoding(uk.ac.starlink.table.RowData data) {
            return new uk.ac.starlink.table.RowData() {
                @Override
                public Object getCell(int icol) throws IOException {
                    return decode(data.getCell(icol));
                }

                @Override
                public Object[] getRow() throws IOException {
                    return decode(data.getRow());
                }
            };
        }

        @Override
        public uk.ac.starlink.table.RowSequence getRowSequence() throws IOException {
            uk.ac.starlink.table.RowSequence base = super.getRowSequence();
            return new uk.ac.starlink.table.WrapperRowSequence(base, decoding(base));
        }

        @Override
        public uk.ac.starlink.table.RowAccess getRowAccess() throws IOException {
            uk.ac.starlink.table.RowAccess base = super.getRowAccess();
            return new uk.ac.starlink.table.WrapperRowAccess(base, decoding(base));
        }

        @Override
        public uk.ac.starlink.table.RowSplittable getRowSplittable() throws IOException {
            return uk.ac.starlink.table.Tables.getDefaultRowSplittable(this);
        }
    }
}
