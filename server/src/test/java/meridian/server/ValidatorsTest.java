package meridian.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference validator and a real client against a live server: STILTS taplint (Debian
 * package {@code stilts}) and pyvo (Debian package {@code python3-pyvo}, run by the system
 * Python). {@code ./meridian test} installs both; without them these tests fail and say so.
 */
class ValidatorsTest {

    /** taplint stages left out: ObsLocTAP, which Meridian does not serve. */
    static final String SKIPPED_STAGES = "-LOC";

    /**
     * taplint reports that are wrong, each with its reason. Debian bookworm's STILTS 3.4.7
     * predates ADQL 2.1 (REC 2023), which files COALESCE under the TAPRegExt feature type
     * {@code #features-adql-conditional}; that taplint does not know the key yet and calls it an
     * error. The key is what the standard and ADQLlib use, so Meridian keeps declaring it.
     */
    static final List<String> KNOWN_FALSE_REPORTS = List.of(
            "E-CAP-KEYX-1 Unknown standard feature key \"ivo://ivoa.net/std/TAPRegExt#features-adql-conditional\"");

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        service.publishDemoCatalogue();
        // column names that are reserved words, published delimited ("size"): taplint checks them too
        java.nio.file.Path dir = service.dataDir();
        java.nio.file.Files.writeString(dir.resolve("words.csv"), "id,size,date,value,order\n1,1.5,2020-01-02,7,3\n");
        java.nio.file.Path yaml = java.nio.file.Files.writeString(dir.resolve("words.yaml"), "kind: catalogue\n"
                + "schema: words\ntable: reserved\ndescription: Columns named by reserved words\n"
                + "sources: [words.csv]\nprimary_key: id\ncolumns:\n  size: {unit: arcsec}\n");
        new meridian.ingest.catalogue.CatalogueLoader(service.archive().database())
                .load(meridian.ingest.catalogue.CatalogueDefinition.load(yaml), false, n -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void taplintReportsNoErrorsOrFailures() throws Exception {
        Path stilts = requireTool("/usr/bin/stilts", "stilts");
        Result r = run(List.of(stilts.toString(), "taplint", "tapurl=" + service.tapUrl(),
                "stages=" + SKIPPED_STAGES, "report=EWF", "maxrepeat=9", "truncate=400"), 600);
        Matcher m = Pattern.compile("Totals: Errors: (\\d+); Warnings: (\\d+);.*Failures: (\\d+)").matcher(r.output);
        assertTrue(m.find(), "taplint did not finish:\n" + r.output);
        long falseReports = r.output.lines()
                .filter(line -> KNOWN_FALSE_REPORTS.stream().anyMatch(line::startsWith)).count();
        int errors = Integer.parseInt(m.group(1)) - (int) falseReports;
        int warnings = Integer.parseInt(m.group(2));
        int failures = Integer.parseInt(m.group(3));
        System.out.println(r.output);
        System.out.println("taplint: " + errors + " errors, " + warnings + " warnings, " + failures + " failures");
        r.output.lines().filter(l -> l.startsWith("W-")).forEach(System.out::println);
        assertEquals(0, errors + failures, "taplint found errors or failures:\n" + r.output);
        // one std interface per capability (W-CAP-CPI2), SSO 2.0 security methods only (W-CAP-CPSM)
        for (String code : List.of("W-CAP-CPI2", "W-CAP-CPSM")) {
            assertTrue(r.output.lines().noneMatch(line -> line.startsWith(code)), code + ":\n" + r.output);
        }
    }

    @Test
    void pyvoSearchesAndReadsTables() throws Exception {
        Path python = requireTool("/usr/bin/python3", "python3-pyvo");
        Result r = run(List.of(python.toString(), "src/test/python/pyvo_check.py", service.tapUrl()), 300);
        assertEquals(0, r.exit, "pyvo check failed:\n" + r.output);
        assertTrue(r.output.contains("pyvo: OK"), r.output);
    }

    private static Path requireTool(String path, String debianPackage) {
        Path p = Path.of(path);
        assertTrue(Files.isExecutable(p), path + " is missing: install the Debian package " + debianPackage
                + " (./meridian test does)");
        return p;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().remove("PYTHONPATH");
        Process p = pb.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
