package meridian.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.ingest.demo.DemoCatalogue;
import meridian.server.Archive;
import meridian.server.config.MeridianConfig;
import uk.ac.starlink.fits.FitsTableWriter;

/**
 * The {@code catalogue} scenario (issue 10): catalogue publishing with {@code meridian ingest}
 * of a {@code kind: catalogue} definition.
 * <ul>
 *   <li>A 10-column FITS binary table of the demo catalogue's generator ({@link DemoCatalogue#table})
 *       is written once into {@code <data>/catalogue/} and cached there, with its definition
 *       (primary key {@code source_id}, position {@code ra}/{@code dec}). Its size is the largest
 *       of {@code --sizes} up to {@value #MAX_ROWS} rows, or {@value #MAX_ROWS} when every size is
 *       larger ({@link #rows}).</li>
 *   <li>Timed ({@code load} case): {@code meridian ingest} of it in a JVM of its own
 *       ({@link IngestProcess}: the server's heap, peak RSS), into a fresh archive each run (created
 *       untimed beforehand). Rows/s are rows over the JVM's wall time: start-up, reading, inserting
 *       and the index build. The CLI's own load/index split goes to the case's extras.</li>
 *   <li>The catalogue is then loaded once (and remembered) into the bench archive itself, while
 *       the server is stopped, and {@link #cones} are cone searches on it through TAP.</li>
 * </ul>
 * The backend is the configuration's ({@code --config}): with a PostgreSQL configuration the
 * timed runs load into that database (each replacing the table the previous run left), which
 * gives the PostgreSQL figure. Not thread-safe.
 */
final class CatalogueScenario {

    /** The size the issue asks for, and the largest this scenario loads. */
    static final long MAX_ROWS = 1_000_000;
    /** Schema of the loaded catalogue; not {@link CatalogueTables#SCHEMA}, which the harness republishes. */
    static final String SCHEMA = "benchcat";
    /** Issue 10's target for {@value #MAX_ROWS} rows on Derby, index build included. */
    static final long TARGET_ROWS_PER_SECOND = 200_000;
    /** Cone radii on the loaded catalogue, degrees. */
    static final double[] CONE_RADII = {0.1, 1};
    /** Bump when the generated file or its definition changes, so the cache is rewritten. */
    private static final int VERSION = 1;
    private static final Pattern SPLIT = Pattern.compile("\\(load ([0-9.]+) s, indexes ([0-9.]+) s");

    private final MeridianConfig config;
    private final Path configFile;
    private final Path dataDir;
    private final String classpath;
    private final String heap;
    private final BenchOptions options;
    private final PrintStream progress;
    private final long rows;

    /**
     * @param config     the configuration, already pointing at {@code dataDir}
     * @param configFile its file, for the ingesting JVM
     * @param dataDir    the bench archive (absolute)
     * @param sizes      {@code --sizes}
     */
    CatalogueScenario(MeridianConfig config, Path configFile, Path dataDir, String classpath, String heap,
                      BenchOptions options, List<Long> sizes, PrintStream progress) {
        this.config = config;
        this.configFile = configFile;
        this.dataDir = dataDir;
        this.classpath = classpath;
        this.heap = heap;
        this.options = options;
        this.progress = progress;
        this.rows = rows(sizes);
    }

    /** The largest of {@code sizes} up to {@value #MAX_ROWS}, else {@value #MAX_ROWS}. */
    static long rows(List<Long> sizes) {
        return sizes.stream().filter(n -> n <= MAX_ROWS).max(Long::compare).orElse(MAX_ROWS);
    }

    /** The loaded catalogue as the TAP scenarios see it. */
    Target.TableRef table() {
        return new Target.TableRef(BenchMain.label(rows), SCHEMA + "." + CatalogueTables.tableName(rows), rows);
    }

    private String backend() {
        return config.databaseConfig().kind();
    }

    /** The timed load case (at most 3 runs, no warm-up), after generating the catalogue file if needed. */
    List<BenchCase> loadCases() {
        String label = "load " + BenchMain.label(rows) + " rows (" + backend() + ")";
        try {
            definition();
        } catch (IOException e) {
            return List.of(BenchCase.unavailable("catalogue", label, "cannot write the catalogue: " + e.getMessage()));
        }
        return List.of(new BenchCase("catalogue", label, table().name(), rows, null, new Load(), 0,
                Math.max(1, Math.min(options.reps(), 3))));
    }

    /** Cone searches on the loaded catalogue at {@link #CONE_RADII}, through {@code target}'s TAP service. */
    List<BenchCase> cones(Target target, HttpDriver http) {
        return new TapScenarios(target.withTables(List.of(table())), http, options).cone("catalogue", "cone ",
                CONE_RADII);
    }

    /** One timed load; the CLI's split and the ingesting JVM's peak RSS are read after each run. */
    private final class Load implements BenchCase.Action, BenchCase.Extras {
        private final List<Double> loadSeconds = new ArrayList<>();
        private final List<Double> indexSeconds = new ArrayList<>();
        private long rssPeak = -1;

        @Override
        public Map<String, Object> extras() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", backend());
            m.put("columns", 10);
            if (!loadSeconds.isEmpty()) {
                m.put("cliLoadSecondsMedian", median(loadSeconds));
                m.put("cliIndexSecondsMedian", median(indexSeconds));
            }
            if (rssPeak >= 0) {
                m.put("ingestRssPeakMB", rssPeak / 1024 / 1024);
            }
            m.put("ingestHeap", heap);
            return m;
        }

        @Override
        public Sample run(int iteration, boolean verify) throws Exception {
            Path yaml = definition();
            Path scratch = Files.createTempDirectory(dataDir, "catalogue-run");
            try {
                // the fresh archive is created untimed: the figure is the catalogue's, not Derby's start-up
                Archive.open(config.withDataDir(scratch)).close();
                IngestProcess.Result r = IngestProcess.run(configFile, classpath, heap, scratch, yaml,
                        options.timeout().multipliedBy(4));
                rssPeak = Math.max(rssPeak, r.rssPeak());
                Matcher m = SPLIT.matcher(r.output());
                if (m.find()) {
                    loadSeconds.add(Double.parseDouble(m.group(1)));
                    indexSeconds.add(Double.parseDouble(m.group(2)));
                }
                if (verify && !r.output().contains(String.format(Locale.ROOT, ": %d rows from 1 file", rows))) {
                    throw new BenchException("meridian ingest did not report " + rows + " rows: " + r.output().strip());
                }
                return new Sample(r.seconds(), rows, -1);
            } finally {
                IngestProcess.deleteTree(scratch);
            }
        }
    }

    private static double median(List<Double> values) {
        return Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Loads the catalogue into the bench archive once (the server must be stopped), for {@link #cones}. */
    void loadIntoBenchArchive() throws Exception {
        Path yaml = definition();
        Path marker = dataDir.resolve(SCHEMA + "." + CatalogueTables.tableName(rows) + ".loaded");
        String text = markerText();
        if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(text)) {
            return;
        }
        progress.printf(Locale.ROOT, "bench: loading %s into the bench archive%n", table().name());
        IngestProcess.run(configFile, classpath, heap, dataDir, yaml, options.timeout().multipliedBy(4));
        Files.writeString(marker, text, StandardCharsets.UTF_8);
    }

    private String markerText() {
        return "rows=" + rows + "\ngenerator=" + DemoCatalogue.class.getName() + "\nversion=" + VERSION + "\n";
    }

    /**
     * The catalogue definition, with its FITS file next to it, written on first use: generated in
     * memory (deterministic: the same size always gives the same rows) and cached in the data directory.
     */
    Path definition() throws IOException {
        Path dir = dataDir.resolve("catalogue");
        String name = CatalogueTables.tableName(rows);
        Path fits = dir.resolve(name + ".fits");
        Path yaml = dir.resolve(name + ".yaml");
        Path marker = dir.resolve(name + ".done");
        String text = markerText();
        if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(text)
                && Files.isRegularFile(fits) && Files.isRegularFile(yaml)) {
            return yaml;
        }
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        progress.printf(Locale.ROOT, "bench: generating %s (%,d rows, 10 columns, FITS)%n", fits, rows);
        Path tmp = dir.resolve(name + ".fits.tmp");
        DemoCatalogue.write(DemoCatalogue.table(Math.toIntExact(rows), List.of()), tmp, new FitsTableWriter());
        Files.move(tmp, fits, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(yaml, String.format(Locale.ROOT, """
                # generated by ./meridian bench (the catalogue scenario)
                kind: catalogue
                schema: %s
                schema_description: Catalogues loaded by ./meridian bench
                table: %s
                description: Demo-generator catalogue of %d rows, loaded by ./meridian bench
                sources: [%s]
                primary_key: source_id
                position: {ra: ra, dec: dec}
                """, SCHEMA, name, rows, fits.getFileName()), StandardCharsets.UTF_8);
        Files.writeString(marker, text, StandardCharsets.UTF_8);
        progress.printf(Locale.ROOT, "bench: %s ready in %.1f s (%d MB)%n", fits.getFileName(),
                (System.nanoTime() - t0) / 1e9, Files.size(fits) >> 20);
        return yaml;
    }
}
