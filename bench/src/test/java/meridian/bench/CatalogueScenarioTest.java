package meridian.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A smoke run of the {@code catalogue} scenario on a 1,000-row catalogue: one timed
 * {@code meridian ingest} into a fresh archive, the load into the bench archive, and the cones on
 * it through the real server. It checks that the scenario works, never how fast anything is; and
 * that its figures at the size make the BENCHMARKS page's headline.
 */
class CatalogueScenarioTest {

    @Test
    void loadsATinyCatalogueAndConesOnIt() throws Exception {
        Path dir = Files.createTempDirectory("meridian-bench-catalogue");
        try {
            Path out = dir.resolve("out");
            int code = new CommandLine(new BenchMain()).execute("catalogue", "--sizes", "1e3", "--reps", "1",
                    "--warmups", "0", "--heap", "256m", "--config", "../conf/meridian.yaml",
                    "--data", dir.resolve("data").toString(), "--out", out.toString(), "--benchmarks-md", "none");
            assertEquals(0, code);

            JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("results");
            assertEquals(1 + CatalogueScenario.CONE_RADII.length, results.size(), results.toString());
            JsonNode load = results.get(0);
            assertEquals("catalogue", load.path("scenario").asText());
            assertEquals("load 1e3 rows (derby)", load.path("label").asText());
            assertEquals("benchcat.cat_1e3", load.path("table").asText());
            assertEquals("ok", load.path("status").asText(), load.toString());
            assertEquals(1000, load.path("rows").asLong());
            assertTrue(load.path("rowsPerSecond").asDouble() > 0, load.toString());
            JsonNode extras = load.path("extras");
            assertEquals("derby", extras.path("backend").asText());
            assertTrue(extras.has("cliLoadSecondsMedian") && extras.has("cliIndexSecondsMedian"), extras.toString());
            assertTrue(extras.path("ingestRssPeakMB").asLong() > 0, extras.toString());
            for (int i = 1; i < results.size(); i++) {
                JsonNode cone = results.get(i);
                assertEquals("catalogue", cone.path("scenario").asText());
                assertTrue(cone.path("label").asText().startsWith("cone r="), cone.toString());
                assertEquals("benchcat.cat_1e3", cone.path("table").asText());
                assertEquals("ok", cone.path("status").asText(), cone.toString());
            }
            // cached: the FITS file, and the load into the bench archive
            assertTrue(Files.isRegularFile(dir.resolve("data/catalogue/cat_1e3.fits")));
            assertTrue(Files.isRegularFile(dir.resolve("data/benchcat.cat_1e3.loaded")));
        } finally {
            IngestProcess.deleteTree(dir);
        }
    }

    @Test
    void sizeIsTheLargestUpToAMillion() {
        assertEquals(1_000_000, CatalogueScenario.rows(List.of(100_000L, 1_000_000L, 10_000_000L)));
        assertEquals(100_000, CatalogueScenario.rows(List.of(100_000L)));
        assertEquals(1_000_000, CatalogueScenario.rows(List.of(10_000_000L)));
    }

    @Test
    void theMillionRowLoadMakesTheHeadline() {
        String table = "benchcat.cat_1e6";
        CaseResult load = new CaseResult("catalogue", "load 1e6 rows (derby)", table, 1_000_000L, "ok", null, 3,
                4000.0, 4100.0, 3900.0, 1_000_000L, null, 250_000.0, null, null, null, null,
                Map.of("backend", "derby", "cliLoadSecondsMedian", 2.5, "cliIndexSecondsMedian", 0.9,
                        "ingestRssPeakMB", 400L, "ingestHeap", "1g"));
        CaseResult cone = new CaseResult("catalogue", "cone r=1deg", table, 1_000_000L, "ok", null, 7, 30.0, 40.0,
                25.0, 76L, 9000L, null, null, null, null, null, Map.of());
        String page = new Report("2025-01-01T00:00:00Z", "./meridian bench", "test", Map.of(), Map.of(),
                List.of(load, cone)).benchmarksPage();
        assertTrue(page.contains("## Headline figures (issue 10: catalogue publishing)"), page);
        assertTrue(page.contains("on derby, index build included: 250,000 rows/s (target at least 200,000 rows/s:"
                + " met)"), page);
        assertTrue(page.contains("load 2.5 s, indexes 0.9 s"), page);
        assertTrue(page.contains("cones (`CONTAINS(POINT, CIRCLE)`) of 1 degree on it: median 30.0 ms"), page);
        assertFalse(page.contains("of 0.1 degree"), "no figure, no line");
    }
}
