package meridian.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The results of a run: a Markdown table, a JSON document and the {@code BENCHMARKS.md} page
 * (machine, command, figures). Immutable.
 *
 * @param generated ISO-8601 time of the run
 * @param command   the command line that produced it
 * @param target    what was measured (the bundled server or a URL)
 * @param machine   see {@link Machine#describe()}
 * @param settings  sizes, repetitions, heap...
 * @param results   one per case
 */
public record Report(String generated, String command, String target, Map<String, Object> machine,
                     Map<String, Object> settings, List<CaseResult> results) {

    /** Heading of the JMH section of the page. */
    static final String JMH_HEADING = "\n## JMH micro-benchmarks\n";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code results.json} and {@code results.md} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("results.json").toFile(), this);
        Files.writeString(dir.resolve("results.md"), markdownTable() + "\n" + notes(), StandardCharsets.UTF_8);
    }

    /** The figures as a Markdown table, with each case's cost relative to the smallest table of the series. */
    public String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | case | table | status | runs | median ms | p95 ms | rows | rows/s | MB/s"
                + " | vs smallest | heap peak MB | heap live MB | RSS peak MB |\n");
        sb.append("|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (CaseResult r : results) {
            sb.append("| ").append(r.scenario()).append(" | ").append(r.label()).append(" | ")
                    .append(r.table() == null ? "" : r.table()).append(" | ").append(r.status()).append(" | ")
                    .append(r.runs() == 0 ? "" : r.runs()).append(" | ").append(num(r.medianMs())).append(" | ")
                    .append(num(r.p95Ms())).append(" | ").append(count(r.rows())).append(" | ")
                    .append(count(r.rowsPerSecond() == null ? null : Math.round(r.rowsPerSecond()))).append(" | ")
                    .append(num(r.mbPerSecond())).append(" | ").append(scaling(r)).append(" | ")
                    .append(mb(r.heapPeak())).append(" | ").append(mb(r.heapLive())).append(" | ")
                    .append(mb(r.rssPeak())).append(" |\n");
        }
        return sb.toString();
    }

    /** Notes under the table: the concurrency figures and why cases did not run. */
    public String notes() {
        StringBuilder sb = new StringBuilder();
        for (CaseResult r : results) {
            if (!r.extras().isEmpty()) {
                sb.append("- ").append(r.scenario()).append(" (").append(r.label())
                        .append(r.table() == null ? "" : ", " + r.table()).append("): ").append(r.extras()).append('\n');
            }
            if (!"ok".equals(r.status())) {
                sb.append("- ").append(r.scenario()).append(' ').append(r.label())
                        .append(r.table() == null ? "" : " on " + r.table()).append(": **").append(r.status())
                        .append("**").append(r.note() == null ? "" : " — " + r.note()).append('\n');
            }
        }
        return sb.toString();
    }

    private String scaling(CaseResult r) {
        if (r.medianMs() == null || r.tableRows() == null) {
            return "";
        }
        CaseResult first = results.stream().filter(o -> o.scenario().equals(r.scenario())
                && o.label().equals(r.label()) && o.medianMs() != null && o.tableRows() != null)
                .min((a, b) -> Long.compare(a.tableRows(), b.tableRows())).orElse(r);
        if (first == r || Objects.equals(first.tableRows(), r.tableRows())) {
            return first == r ? "1.0x" : "";
        }
        return String.format(Locale.ROOT, "%.1fx", r.medianMs() / first.medianMs());
    }

    private static String num(Double v) {
        if (v == null) {
            return "";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String count(Long v) {
        return v == null ? "" : String.format(Locale.ROOT, "%,d", v);
    }

    private static String mb(Long bytes) {
        return bytes == null ? "" : String.format(Locale.ROOT, "%.0f", bytes / 1024.0 / 1024.0);
    }

    /** The figure of one case, or null. */
    private CaseResult find(String scenario, String labelStart, String table) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.label().startsWith(labelStart)
                && Objects.equals(r.table(), table) && "ok".equals(r.status())).findFirst().orElse(null);
    }

    /** The {@code BENCHMARKS.md} page. */
    public String benchmarksPage() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Meridian benchmarks\n\n");
        sb.append("Latest figures of `./meridian bench` (generated by it; rerun to refresh). Latencies are wall time"
                + " seen by an HTTP client on the same machine, from sending the request to reading the last byte.\n\n");
        sb.append("Command: `").append(command).append("`  \nRun: ").append(generated).append("  \nTarget: ")
                .append(target).append("\n\n");
        sb.append("## Machine\n\n");
        machine.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\n## Settings\n\n");
        settings.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        CaseResult top = find("top10", "TOP 10", CatalogueTables.qualifiedName(1_000_000));
        CaseResult cone = find("cone", "r=1deg", CatalogueTables.qualifiedName(1_000_000));
        CaseResult b2 = find("stream", "votable/b2 1000000", CatalogueTables.qualifiedName(1_000_000));
        if (top != null || cone != null || b2 != null) {
            sb.append("\n## Headline figures (issue 2)\n\n");
            if (top != null) {
                sb.append(String.format(Locale.ROOT, "- TAP sync `SELECT TOP 10 *` on the 1,000,000-row table:"
                        + " median %s ms, p95 %s ms%n", num(top.medianMs()), num(top.p95Ms())));
            }
            if (cone != null) {
                sb.append(String.format(Locale.ROOT, "- TAP sync 1-degree cone (`CONTAINS(POINT, CIRCLE)`) on the"
                        + " 1,000,000-row table: median %s ms, p95 %s ms (%s rows)%n", num(cone.medianMs()),
                        num(cone.p95Ms()), count(cone.rows())));
            }
            if (b2 != null) {
                sb.append(String.format(Locale.ROOT, "- Streaming 1,000,000 rows as VOTable BINARY2: %s rows/s"
                        + " (%s MB/s, median %s ms), server heap peak %s MB, RSS peak %s MB%n",
                        count(Math.round(b2.rowsPerSecond())), num(b2.mbPerSecond()), num(b2.medianMs()),
                        mb(b2.heapPeak()), mb(b2.rssPeak())));
            }
        }
        catalogueHeadline(sb);
        sb.append("\n## Figures\n\n");
        sb.append("`vs smallest`: median latency relative to the same case on the smallest table (the scaling"
                + " over the size series). Heap peak: the server's largest heap use during the timed runs"
                + " (sampled, and read just before each collection); heap live: its largest occupancy right"
                + " after a collection; RSS peak: Linux VmHWM of the server process.\n\n");
        sb.append(markdownTable()).append('\n');
        String n = notes();
        if (!n.isEmpty()) {
            sb.append("## Notes\n\n").append(n);
        }
        sb.append("\nThe same figures as JSON: `target/bench/results.json` after a run. JMH micro-benchmarks:"
                + " `./meridian bench jmh` (results in `target/bench/jmh.json`).\n");
        return sb.toString();
    }

    /** The catalogue scenario's figures at the size issue 10 asks for, when they are there. */
    private void catalogueHeadline(StringBuilder sb) {
        String table = CatalogueScenario.SCHEMA + "." + CatalogueTables.tableName(CatalogueScenario.MAX_ROWS);
        CaseResult load = find("catalogue", "load", table);
        if (load == null || load.rowsPerSecond() == null) {
            return;
        }
        Map<String, Object> x = load.extras();
        sb.append("\n## Headline figures (issue 10: catalogue publishing)\n\n");
        sb.append(String.format(Locale.ROOT, "- Loading a 1,000,000-row, 10-column FITS catalogue (`kind: catalogue`,"
                + " primary key and position) with `meridian ingest` on %s, index build included: %s rows/s"
                + " (target at least %s rows/s: %s); median %s ms wall time of the ingesting JVM (start-up"
                + " included; its own report: load %s s, indexes %s s), its RSS peak %s MB with -Xmx%s%n",
                x.get("backend"), count(Math.round(load.rowsPerSecond())), count(CatalogueScenario.TARGET_ROWS_PER_SECOND),
                load.rowsPerSecond() >= CatalogueScenario.TARGET_ROWS_PER_SECOND ? "met" : "**not met**",
                num(load.medianMs()), x.get("cliLoadSecondsMedian"), x.get("cliIndexSecondsMedian"),
                x.get("ingestRssPeakMB"), x.get("ingestHeap")));
        for (double r : CatalogueScenario.CONE_RADII) {
            CaseResult cone = find("catalogue", "cone " + TapScenarios.radiusLabel(r), table);
            if (cone != null) {
                sb.append(String.format(Locale.ROOT, "- Then TAP sync cones (`CONTAINS(POINT, CIRCLE)`) of %s degree"
                        + " on it: median %s ms, p95 %s ms (%s rows)%n", r == Math.rint(r) ? Integer.toString((int) r)
                        : Double.toString(r), num(cone.medianMs()), num(cone.p95Ms()), count(cone.rows())));
            }
        }
    }

    /**
     * A Markdown section of the JMH results in {@code jmhJson} (JMH's JSON result format), or ""
     * when there is no such file.
     */
    public static String jmhSection(Path jmhJson) throws IOException {
        if (!Files.isRegularFile(jmhJson)) {
            return "";
        }
        StringBuilder sb = new StringBuilder(JMH_HEADING + "\nFrom `./meridian bench jmh` ("
                + Files.getLastModifiedTime(jmhJson).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + ", one fork, 3 x 1 s warm-up, 5 x 1 s measurement):\n\n"
                + "| benchmark | parameters | score | error (99.9%) | unit |\n|---|---|--:|--:|---|\n");
        for (var b : JSON.readTree(jmhJson.toFile())) {
            String name = b.path("benchmark").asText().replace("meridian.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            b.path("params").fields().forEachRemaining(e -> params.append(params.length() == 0 ? "" : ", ")
                    .append(e.getKey()).append('=').append(e.getValue().asText()));
            var m = b.path("primaryMetric");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %,.1f | %,.1f | %s |%n", name, params,
                    m.path("score").asDouble(), m.path("scoreError").asDouble(), m.path("scoreUnit").asText()));
        }
        return sb.toString();
    }

    /** A map view for the JSON settings. */
    static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
