package meridian.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.IngestOptions;
import meridian.ingest.IngestReport;
import meridian.ingest.IngestSettings;
import meridian.ingest.Ingestor;
import meridian.ingest.ProgressListener;
import meridian.ingest.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo archive: valid FITS, deterministic, and every file ingests. */
class DemoArchiveTest {

    @TempDir
    static Path dir;

    private static List<Path> yamls;

    @BeforeAll
    static void generate() throws IOException {
        yamls = DemoArchive.generate(dir);
    }

    private List<Path> fitsFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("demo"))) {
            return s.filter(p -> p.toString().endsWith(".fits")).sorted().toList();
        }
    }

    @Test
    void fitsverifyReportsNoErrors() throws Exception {
        Path fitsverify = Path.of("/usr/bin/fitsverify");
        assumeTrue(Files.isExecutable(fitsverify), "fitsverify is not installed");
        List<Path> files = fitsFiles();
        assertTrue(files.size() > 300, "a few hundred files, got " + files.size());
        List<String> failed = new ArrayList<>();
        int ok = 0;
        // fitsverify takes many files per run; batches keep the command line short
        for (int i = 0; i < files.size(); i += 100) {
            for (String line : fitsverify(fitsverify, files.subList(i, Math.min(files.size(), i + 100)))) {
                if (line.startsWith("verification OK")) {
                    ok++;
                } else if (!line.isBlank()) {
                    failed.add(line);
                }
            }
        }
        assertEquals(List.of(), failed);
        assertEquals(files.size(), ok);
        // and the check itself notices a broken file
        Path broken = dir.resolve("broken.fits");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(files.get(0)), 4000));
        assertTrue(fitsverify(fitsverify, List.of(broken)).get(0).startsWith("verification FAILED"));
    }

    /** One line per file: "verification OK: file" or "verification FAILED: file, n errors". */
    private static List<String> fitsverify(Path fitsverify, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(fitsverify.toString(), "-q", "-e"));
        files.forEach(p -> cmd.add(p.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return List.of(out.split("\n"));
    }

    @Test
    void generationIsDeterministic() throws IOException {
        Path other = dir.resolve("again");
        DemoArchive.generate(other);
        for (Path f : fitsFiles()) {
            // nom-tam-fits would stamp the SIMPLE card with the time of writing
            String first = new String(Files.readAllBytes(f), 0, 80, java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(!first.contains("Java FITS:"), f + " carries a time stamp: " + first);
        }
        Map<String, Long> a = sizes(dir.resolve("demo"));
        Map<String, Long> b = sizes(other.resolve("demo"));
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("demo").resolve(k)),
                    Files.readAllBytes(other.resolve("demo").resolve(k))), k + " differs");
        }
    }

    private static Map<String, Long> sizes(Path root) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.toString().endsWith(".yaml")) {
                    m.put(root.relativize(p).toString(), Files.size(p));
                }
            }
        }
        return m;
    }

    @Test
    void everyDemoFileIngests() throws Exception {
        Path work = dir.resolve("ingest");
        Files.createDirectories(work);
        try (TestDatabase db = new TestDatabase(work)) {
            Ingestor ingestor = new Ingestor(db.db(), new IngestSettings("meridian.demo", TestDatabase.SCHEMA,
                    List.of(dir), "http://localhost:8080"));
            long products = 0;
            for (Path yaml : yamls) {
                IngestReport r = ingestor.ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(),
                        ProgressListener.NONE);
                assertTrue(r.succeeded(), r.summary());
                assertTrue(r.warnings().isEmpty(), r.summary());
                products += r.productsWritten();
            }
            assertEquals(products, db.count("SELECT COUNT(*) FROM \"ivoa\".\"obscore\""));
            assertTrue(db.count("SELECT COUNT(*) FROM \"ivoa\".\"obscore\" WHERE \"dataproduct_type\" = 'spectrum'")
                    >= 300);
            assertEquals(4, db.count("SELECT COUNT(*) FROM \"archive\".\"collections\""));
            assertEquals(0, db.count("SELECT COUNT(*) FROM \"ivoa\".\"obscore\" WHERE \"preview\" IS NULL"));
        }
    }
}
