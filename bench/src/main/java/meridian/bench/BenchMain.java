package meridian.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import meridian.server.Archive;
import meridian.server.config.MeridianConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./meridian bench [scenario...]}: prepares the catalogues, starts the server (or uses
 * {@code --url}), runs the scenarios and writes the reports. {@code ./meridian bench jmh [JMH
 * options]} runs the JMH micro-benchmarks instead.
 */
@Command(name = "meridian bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks over HTTP: TAP (top10, count, cone, stream, async, upload), SSA (ssa),"
                + " DataLink/SODA (datalink, soda), ingestion (ingest), catalogue loading and cones on the loaded"
                + " catalogue (catalogue) and a concurrency run (concurrency).",
                "'./meridian bench jmh [JMH options]' runs the JMH micro-benchmarks."})
public final class BenchMain implements Callable<Integer> {

    /** Every scenario, in the order they run. */
    public static final List<String> SCENARIOS = List.of("ingest", "catalogue", "top10", "count", "cone", "stream",
            "async", "ssa", "datalink", "soda", "concurrency", "upload");

    @Parameters(paramLabel = "SCENARIO", description = "scenarios to run (default: all): ${COMPLETION-CANDIDATES}",
            completionCandidates = ScenarioNames.class)
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--sizes", split = ",", description = "catalogue sizes (default: 1e5,1e6; 1e7 is opt-in);"
            + " the catalogue scenario loads the largest of them up to 1e6 (1e6 if all are larger)")
    List<String> sizes = List.of("1e5", "1e6");

    @Option(names = "--reps", description = "timed runs per case (default: ${DEFAULT-VALUE})", defaultValue = "7")
    int reps;

    @Option(names = "--warmups", description = "untimed runs first (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int warmups;

    @Option(names = "--timeout", description = "per-request limit, seconds (default: ${DEFAULT-VALUE})",
            defaultValue = "300")
    int timeout;

    @Option(names = "--xmatch-timeout", description = "upload cross-match limit, seconds (default: ${DEFAULT-VALUE})",
            defaultValue = "120")
    int xmatchTimeout;

    @Option(names = "--stream-rows", description = "rows of the stream scenario (default: 1e6)", defaultValue = "1e6")
    String streamRows;

    @Option(names = "--upload-rows", description = "positions uploaded for the cross-match (default: ${DEFAULT-VALUE})",
            defaultValue = "10000")
    int uploadRows;

    @Option(names = "--clients", description = "concurrency scenario clients (default: ${DEFAULT-VALUE})",
            defaultValue = "8")
    int clients;

    @Option(names = "--seconds", description = "concurrency scenario duration (default: ${DEFAULT-VALUE})",
            defaultValue = "15")
    int seconds;

    @Option(names = "--heap", description = "-Xmx of the server (and ingestion) JVM (default: ${DEFAULT-VALUE})",
            defaultValue = "1g")
    String heap;

    @Option(names = "--config", description = "configuration (default: ${DEFAULT-VALUE})",
            defaultValue = "conf/meridian.yaml")
    Path config;

    @Option(names = "--data", description = "bench archive, cached between runs (default: ${DEFAULT-VALUE})",
            defaultValue = "data/bench")
    Path data;

    @Option(names = "--out", description = "where results.json and results.md go (default: ${DEFAULT-VALUE})",
            defaultValue = "target/bench")
    Path out;

    @Option(names = "--benchmarks-md", description = "also write this page (default: BENCHMARKS.md for a full run"
            + " of the bundled server; 'none' never)")
    String benchmarksMd;

    @Option(names = "--url", description = "measure the service at this base URL instead of starting one")
    String url;

    @Option(names = "--tap-url", description = "TAP base URL (default: URL/tap)")
    String tapUrl;

    @Option(names = "--ssa-url", description = "SSA query URL (default: URL/ssa)")
    String ssaUrl;

    @Option(names = "--datalink-url", description = "DataLink links URL (default: URL/datalink/links)")
    String datalinkUrl;

    @Option(names = "--soda-url", description = "SODA sync URL (default: URL/soda/sync)")
    String sodaUrl;

    @Option(names = "--tables", split = ",", description = "with --url: LABEL=TABLE[:ROWS],... e.g."
            + " 1e6=gaia.sample:1000000 (default: bench.cat_<size> for each size)")
    List<String> tables = new ArrayList<>();

    @Option(names = "--ra", description = "RA column of the catalogue tables (default: ${DEFAULT-VALUE})",
            defaultValue = "ra")
    String ra;

    @Option(names = "--dec", description = "Dec column (default: ${DEFAULT-VALUE})", defaultValue = "dec")
    String dec;

    @Option(names = "--id", description = "ID column selected by the cross-match (default: ${DEFAULT-VALUE})",
            defaultValue = "id")
    String id;

    /** Picocli's list of scenario names for the help text. */
    static final class ScenarioNames extends ArrayList<String> {
        ScenarioNames() {
            super(SCENARIOS);
        }
    }

    private final PrintStream progress = System.err;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            JmhLauncher.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = new CommandLine(new BenchMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("meridian bench: " + e.getMessage());
                return 2;
            }
            throw e;
        }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = scenarios.isEmpty() ? SCENARIOS : scenarios;
        for (String s : chosen) {
            if (!SCENARIOS.contains(s)) {
                throw new IllegalArgumentException("unknown scenario '" + s + "'; known: " + String.join(", ", SCENARIOS));
            }
        }
        List<String> ordered = SCENARIOS.stream().filter(chosen::contains).toList();
        List<Long> rows = sizes.stream().map(CatalogueTables::parseSize).distinct().sorted().toList();
        BenchOptions options = new BenchOptions(warmups, reps, Duration.ofSeconds(timeout),
                Duration.ofSeconds(xmatchTimeout), CatalogueTables.parseSize(streamRows), uploadRows, clients, seconds);
        Report report = url == null ? runLocal(ordered, rows, options) : runRemote(ordered, rows, options);
        report.write(out);
        progress.println("bench: wrote " + out.resolve("results.json") + " and " + out.resolve("results.md"));
        Path page = benchmarksPage();
        if (page != null) {
            Files.writeString(page, report.benchmarksPage() + Report.jmhSection(out.resolve("jmh.json")),
                    StandardCharsets.UTF_8);
            progress.println("bench: wrote " + page);
        }
        System.out.print(report.markdownTable());
        System.out.print(report.notes());
        return 0;
    }

    private Path benchmarksPage() {
        if (benchmarksMd != null) {
            return benchmarksMd.equals("none") ? null : Path.of(benchmarksMd);
        }
        return url == null && scenarios.isEmpty() ? Path.of("BENCHMARKS.md") : null;
    }

    private Report runLocal(List<String> chosen, List<Long> rows, BenchOptions options) throws Exception {
        Files.createDirectories(data);
        Files.createDirectories(out);
        System.setProperty("derby.stream.error.file", data.resolve("derby.log").toString());
        MeridianConfig cfg = MeridianConfig.load(config).withDataDir(data);
        try (Archive archive = Archive.open(cfg)) {
            new CatalogueGenerator(archive.database(), data, progress).ensure(rows);
        }
        String classpath = System.getProperty("java.class.path");
        List<CaseResult> results = new ArrayList<>();
        IngestScenario ingest = new IngestScenario(config.toAbsolutePath(), data.toAbsolutePath(), classpath, heap,
                options);
        BenchRunner noServer = new BenchRunner(progress, null);
        if (chosen.contains("ingest")) {
            ingest.cases().forEach(c -> results.add(noServer.run(c)));
        }
        CatalogueScenario catalogue = null;
        if (chosen.contains("catalogue")) {
            catalogue = new CatalogueScenario(cfg, config.toAbsolutePath(), data.toAbsolutePath(), classpath, heap,
                    options, rows, progress);
            catalogue.loadCases().forEach(c -> results.add(noServer.run(c)));
            try {
                catalogue.loadIntoBenchArchive();
            } catch (Exception e) {
                results.add(noServer.run(BenchCase.unavailable("catalogue", "cone",
                        "the catalogue could not be loaded into the bench archive: " + e.getMessage())));
                catalogue = null;
            }
        }
        if (chosen.stream().anyMatch(List.of("ssa", "datalink", "soda")::contains)) {
            try {
                ingest.ingestIntoBenchArchive();
            } catch (Exception e) {
                progress.println("bench: could not ingest the spectra into the bench archive: " + e.getMessage());
            }
        }
        List<Target.TableRef> refs = rows.stream().map(n -> new Target.TableRef(label(n),
                CatalogueTables.qualifiedName(n), n)).toList();
        try (LocalServer local = new LocalServer(heap, classpath, config, data, rows, out.resolve("server.log"))) {
            String base = local.start();
            progress.println("bench: server " + base + " (pid " + local.pid() + ", -Xmx" + heap + ")");
            results.addAll(runScenarios(chosen, Target.meridian(base, refs), options, new BenchRunner(progress, local),
                    catalogue));
        }
        return report("the bundled server (BenchServer: MeridianServer over " + data + ", -Xmx" + heap + ")",
                rows, options, results);
    }

    private Report runRemote(List<String> chosen, List<Long> rows, BenchOptions options) throws Exception {
        List<Target.TableRef> refs = new ArrayList<>();
        if (tables.isEmpty()) {
            rows.forEach(n -> refs.add(new Target.TableRef(label(n), CatalogueTables.qualifiedName(n), n)));
        } else {
            for (String t : tables) {
                String[] kv = t.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--tables wants LABEL=TABLE[:ROWS], not " + t);
                }
                String[] nameRows = kv[1].split(":", 2);
                refs.add(new Target.TableRef(kv[0], nameRows[0],
                        nameRows.length > 1 ? CatalogueTables.parseSize(nameRows[1]) : -1));
            }
        }
        String b = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Target d = Target.meridian(b, refs);
        Target target = new Target(tapUrl != null ? tapUrl : d.tapUrl(), ssaUrl != null ? ssaUrl : d.ssaUrl(),
                datalinkUrl != null ? datalinkUrl : d.datalinkUrl(), sodaUrl != null ? sodaUrl : d.sodaUrl(), refs,
                ra, dec, id);
        List<CaseResult> results = new ArrayList<>();
        BenchRunner runner = new BenchRunner(progress, null);
        if (chosen.contains("ingest")) {
            results.add(runner.run(BenchCase.unavailable("ingest", IngestScenario.SPECTRA + " spectra",
                    "ingestion is measured on the bundled server only")));
        }
        if (chosen.contains("catalogue")) {
            results.add(runner.run(BenchCase.unavailable("catalogue", "load",
                    "catalogue loading is measured on the bundled server only")));
        }
        results.addAll(runScenarios(chosen, target, options, runner, null));
        return report(target.tapUrl(), rows, options, results);
    }

    /** @param catalogue the catalogue scenario whose catalogue the bench archive holds, or null */
    private static List<CaseResult> runScenarios(List<String> chosen, Target target, BenchOptions options,
                                                 BenchRunner runner, CatalogueScenario catalogue) {
        HttpDriver http = new HttpDriver();
        TapScenarios tap = new TapScenarios(target, http, options);
        DalScenarios dal = new DalScenarios(target, http, options);
        LoadScenario load = new LoadScenario(target, options, tap);
        List<CaseResult> results = new ArrayList<>();
        for (String s : chosen) {
            if (s.equals("ingest")) {
                continue;
            }
            if (s.equals("catalogue")) {
                if (catalogue != null) {
                    catalogue.cones(target, http).forEach(c -> results.add(runner.run(c)));
                }
                continue;
            }
            // cases are made per scenario, just before they run, so probes see the current server
            for (BenchCase c : BenchRunner.cases(List.of(s), tap, dal, load)) {
                results.add(runner.run(c));
            }
        }
        return results;
    }

    private Report report(String what, List<Long> rows, BenchOptions o, List<CaseResult> results) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sizes", rows.stream().map(BenchMain::label).toList());
        settings.put("warmups", o.warmups());
        settings.put("reps", o.reps());
        settings.put("serverHeap", url == null ? heap : "n/a");
        settings.put("clients", o.clients());
        settings.put("concurrencySeconds", o.seconds());
        settings.put("uploadRows", o.uploadRows());
        settings.put("requestTimeoutSeconds", o.timeout().toSeconds());
        settings.put("xmatchTimeoutSeconds", o.xmatchTimeout().toSeconds());
        String cmd = System.getProperty("meridian.bench.command", "./meridian bench");
        return new Report(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), cmd, what, Machine.describe(),
                settings, results);
    }

    /** {@code 1e6} for 1,000,000; the plain number otherwise. */
    static String label(long rows) {
        String name = CatalogueTables.tableName(rows);
        return name.substring("cat_".length());
    }
}
