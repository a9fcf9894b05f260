package meridian.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A smoke run of the harness, so it cannot rot: TOP 10 on a generated 1,000-row catalogue, two
 * timed runs, against the real server in a JVM of its own; the JSON, Markdown and BENCHMARKS
 * page must exist and be well formed. It checks that the harness works, never how fast anything is.
 */
class BenchSmokeTest {

    @Test
    void top10OnATinyCatalogueWritesWellFormedReports() throws Exception {
        Path dir = Files.createTempDirectory("meridian-bench-smoke");
        try {
            Path out = dir.resolve("out");
            Path page = dir.resolve("BENCHMARKS.md");
            int code = new CommandLine(new BenchMain()).execute("top10", "--sizes", "1e3", "--reps", "2",
                    "--warmups", "1", "--heap", "256m", "--config", "../conf/meridian.yaml",
                    "--data", dir.resolve("data").toString(), "--out", out.toString(),
                    "--benchmarks-md", page.toString());
            assertEquals(0, code);

            JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            assertTrue(json.path("machine").path("cpus").asInt() > 0, json.toString());
            JsonNode results = json.path("results");
            assertEquals(1, results.size(), results.toString());
            JsonNode top = results.get(0);
            assertEquals("top10", top.path("scenario").asText());
            assertEquals("bench.cat_1e3", top.path("table").asText());
            assertEquals("ok", top.path("status").asText(), top.toString());
            assertEquals(2, top.path("runs").asInt());
            assertEquals(10, top.path("rows").asLong());
            assertTrue(top.path("medianMs").asDouble() > 0);
            assertTrue(top.path("p95Ms").asDouble() >= top.path("medianMs").asDouble());
            assertTrue(top.path("heapPeak").asLong() > 0, "server heap measured");
            assertTrue(top.path("rssPeak").asLong() > 0, "server RSS measured");

            List<String> md = Files.readAllLines(out.resolve("results.md"), StandardCharsets.UTF_8);
            assertTrue(md.get(0).startsWith("| scenario | case | table |"), md.get(0));
            assertTrue(md.get(1).startsWith("|---|"), md.get(1));
            String row = md.get(2);
            assertTrue(row.startsWith("| top10 | TOP 10 | bench.cat_1e3 | ok | 2 |"), row);
            assertEquals(md.get(0).chars().filter(c -> c == '|').count(), row.chars().filter(c -> c == '|').count(),
                    "every row has the header's cells");

            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("# Meridian benchmarks"));
            assertTrue(text.contains("## Machine") && text.contains("| top10 |"), text);

            // a second run reuses the cached catalogue
            assertTrue(Files.isRegularFile(dir.resolve("data/cat_1e3.done")));
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
