package meridian.datalink.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import meridian.datalink.Bundles;
import meridian.datalink.FileAccess;
import meridian.datalink.FitsCutout;
import meridian.datalink.Links;
import meridian.datalink.ProductCatalog;
import meridian.datalink.SodaParameters;
import meridian.datalink.SpectrumData;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.FileLocator;
import meridian.ingest.IngestOptions;
import meridian.ingest.IngestSettings;
import meridian.ingest.Ingestor;
import meridian.ingest.ProgressListener;
import meridian.ingest.demo.DemoArchive;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.DerbyBackend;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;

/**
 * Measures, on an embedded Derby archive of generated SDP spectra: links latency for 1 and 1,000
 * IDs; the cutout of a 4096x4096 float image (small circle and whole image); BAND cut and
 * VOTable conversion of a 2,000-pixel spectrum; tar and tar.gz bundle throughput. Each figure is
 * the median of several runs after warm-up; output goes to a discarding stream, so the numbers
 * are the server-side cost without the network. Not a test: run it by hand,
 * {@code java -cp <datalink classpath> meridian.datalink.bench.DatalinkBenchmark [work dir]}.
 */
public final class DatalinkBenchmark {

    private DatalinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean temporary = args.length < 1;
        Path work = temporary ? Files.createTempDirectory("meridian-dlbench") : Path.of(args[0]);
        System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        try {
            Path yaml = DemoArchive.generateSpectra(work, "bench_sdp", 1000);
            CollectionDefinition def = CollectionDefinition.load(yaml);
            IngestSettings settings = new IngestSettings("meridian.bench", "archive", List.of(work), "http://localhost");
            try (Database db = Database.open(DatabaseConfig.derby(work.resolve("db")), new DerbyBackend(),
                    ArchiveModel.create("archive", "benchmark"))) {
                new Ingestor(db, settings).ingest(def, IngestOptions.defaults().withPreviews(false),
                        ProgressListener.NONE);
                FileLocator locator = FileLocator.of(settings, List.of(def));
                FileAccess files = new FileAccess(() -> locator);
                ProductCatalog catalog = new ProductCatalog(db, "archive");
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    ids.add(String.format(Locale.ROOT, "ivo://meridian.bench/bench_sdp?%s", obsId(db, i)));
                }
                links(catalog, files, ids);
                spectrum(catalog, files, ids.get(0));
                bundles(catalog, files, ids.subList(0, 200));
            }
            image(work);
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    private static String obsId(Database db, int row) throws Exception {
        try (var c = db.connection(); var st = c.prepareStatement("SELECT \"obs_id\" FROM \"ivoa\".\"obscore\""
                + " ORDER BY \"obs_id\" OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
            st.setInt(1, row);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private interface Task {
        void run() throws Exception;
    }

    private static double medianMs(int warmup, int runs, Task t) throws Exception {
        for (int i = 0; i < warmup; i++) {
            t.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            t.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void links(ProductCatalog catalog, FileAccess files, List<String> ids) throws Exception {
        Links links = new Links(catalog, files, 5000);
        double one = medianMs(20, 200, () -> links.resolve(ids.subList(0, 1), "http://localhost"));
        double many = medianMs(3, 10, () -> links.resolve(ids, "http://localhost"));
        double lookup = medianMs(3, 10, () -> catalog.find(ids));
        System.out.printf(Locale.ROOT, "catalogue lookup of 1000 IDs: %.1f ms%n", lookup);
        System.out.printf(Locale.ROOT, "links: 1 ID %.2f ms, 1000 IDs %.1f ms (%d rows)%n", one, many,
                links.resolve(ids, "http://localhost").rows().size());
    }

    private static void spectrum(ProductCatalog catalog, FileAccess files, String id) throws Exception {
        Path file = files.require(catalog.require(id).science().orElseThrow().accessUrl());
        SpectrumData s = SpectrumData.read(file);
        double toM = "nm".equals(s.waveUnit()) ? 1e-9 : 1e-10;
        double[] band = {s.wave()[100] * toM, s.wave()[s.wave().length - 100] * toM};
        double cut = medianMs(20, 100, () -> SpectrumData.read(file).cut(band).write("application/fits", id,
                OutputStream.nullOutputStream()));
        double vot = medianMs(20, 100, () -> SpectrumData.read(file).write("application/x-votable+xml", id,
                OutputStream.nullOutputStream()));
        System.out.printf(Locale.ROOT, "spectrum (%d pixels): BAND cut to FITS %.2f ms, VOTable %.2f ms%n",
                s.wave().length, cut, vot);
    }

    private static void bundles(ProductCatalog catalog, FileAccess files, List<String> ids) throws Exception {
        Bundles b = new Bundles(catalog, files, new Bundles.Limits(1000, 100_000, Long.MAX_VALUE));
        List<Bundles.Entry> entries = b.plan(ids, Set.of());
        long bytes = entries.stream().mapToLong(Bundles.Entry::size).sum();
        for (Bundles.Format f : List.of(Bundles.Format.TAR, Bundles.Format.TAR_GZ, Bundles.Format.ZIP)) {
            double ms = medianMs(1, 5, () -> Bundles.write(entries, f, OutputStream.nullOutputStream()));
            System.out.printf(Locale.ROOT, "bundle %-6s %d files, %.1f MB: %.0f ms, %.0f MB/s%n", f, entries.size(),
                    bytes / 1e6, ms, bytes / 1e6 / (ms / 1000));
        }
    }

    private static void image(Path work) throws Exception {
        int n = 4096;
        float[][] px = new float[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                px[y][x] = (x * 31 + y * 17) % 1000;
            }
        }
        BasicHDU<?> hdu = Fits.makeHDU(px);
        Header h = hdu.getHeader();
        Map<String, Object> cards = Map.of("CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRPIX1", n / 2.0,
                "CRPIX2", n / 2.0, "CRVAL1", 150.0, "CRVAL2", 2.0, "CD1_1", -0.2 / 3600, "CD2_2", 0.2 / 3600,
                "CD1_2", 0.0, "CD2_1", 0.0);
        for (var e : cards.entrySet()) {
            if (e.getValue() instanceof String s) {
                h.addValue(e.getKey(), s, "");
            } else {
                h.addValue(e.getKey(), (Double) e.getValue(), "");
            }
        }
        Path file = work.resolve("image4096.fits");
        try (Fits f = new Fits(); FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(file))) {
            f.addHDU(hdu);
            f.write(out);
        }
        px = null;
        for (String circle : List.of("150 2 0.01", "150 2 1")) {
            SodaParameters p = SodaParameters.parse(name -> name.equals("ID") ? List.of("x")
                    : name.equals("CIRCLE") ? List.of(circle) : List.of());
            double ms = medianMs(3, 10, () -> {
                try (FitsCutout c = FitsCutout.plan(file, p)) {
                    c.write(OutputStream.nullOutputStream(), "benchmark");
                }
            });
            long[][] box;
            try (FitsCutout c = FitsCutout.plan(file, p)) {
                box = c.box();
            }
            System.out.printf(Locale.ROOT, "cutout of a 4096x4096 float image, CIRCLE %s: %dx%d pixels in %.1f ms%n",
                    circle, box[1][0] - box[0][0] + 1, box[1][1] - box[0][1] + 1, ms);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
