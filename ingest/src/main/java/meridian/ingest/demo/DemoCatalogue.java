package meridian.ingest.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.formats.CsvTableWriter;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.ArrayColumn;

/**
 * The demo source catalogue ({@value #SCHEMA}.{@value #TABLE}): a deterministic, Gaia-like table
 * of about {@value #ROWS} sources with a positional index, so that catalogue x ObsCore joins and
 * cross-matches work on the demo archive. Its sources are
 * <ul>
 *   <li>the named demo targets themselves ({@code name} set, e.g. {@code 3C 273}), each with a
 *       crowd of faint sources within half a degree;</li>
 *   <li>one counterpart within an arcsecond of each given position (the demo spectra), plus a few
 *       neighbours within three arcminutes;</li>
 *   <li>uniform all-sky field sources for the rest.</li>
 * </ul>
 * Also usable for tests and benchmarks with any number of rows ({@link #table}). Stateless.
 */
public final class DemoCatalogue {

    public static final String SCHEMA = "demo";
    public static final String TABLE = "sources";
    public static final int ROWS = 100_000;

    private static final long SEED = 20_261_122L;
    private static final int CROWD = 1_500;
    private static final int NEIGHBOURS = 20;

    private DemoCatalogue() {
    }

    /**
     * Writes {@code <dataDir>/demo/catalogue/sources.fits} and the catalogue definition
     * {@code <dataDir>/demo/catalogue/demo_sources.yaml}, and returns the definition's path.
     *
     * @param near positions (ra, dec in degrees) that get a counterpart: the demo spectra
     */
    public static Path generate(Path dataDir, List<double[]> near) throws IOException {
        Path dir = dataDir.resolve("demo").resolve("catalogue");
        Files.createDirectories(dir);
        write(table(ROWS, near), dir.resolve("sources.fits"), new FitsTableWriter());
        Path yaml = dir.resolve("demo_sources.yaml");
        Files.writeString(yaml, yaml(), StandardCharsets.UTF_8);
        return yaml;
    }

    /** Writes a table with a STIL writer. */
    public static void write(StarTable table, Path file, StarTableWriter writer) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.writeStarTable(table, out);
        }
    }

    /** STIL writers of the formats catalogues are read from. */
    public static List<StarTableWriter> writers() {
        return List.of(new FitsTableWriter(), new uk.ac.starlink.votable.VOTableWriter(),
                new CsvTableWriter(), new uk.ac.starlink.ecsv.EcsvTableWriter());
    }

    /**
     * The catalogue with {@code rows} rows (at least the named targets and the counterparts),
     * generated in memory column by column: 10 columns, about 70 bytes a row.
     */
    public static StarTable table(int rows, List<double[]> near) {
        Random r = new Random(SEED);
        long[] id = new long[rows];
        double[] ra = new double[rows];
        double[] dec = new double[rows];
        String[] name = new String[rows];
        float[] gmag = new float[rows];
        float[] bpRp = new float[rows];
        double[] parallax = new double[rows];
        float[] pmra = new float[rows];
        float[] pmdec = new float[rows];
        String[] kind = new String[rows];
        int i = 0;
        List<DemoArchive.Target> targets = DemoArchive.TARGETS;
        for (DemoArchive.Target t : targets) {
            if (i < rows) {
                ra[i] = t.ra();
                dec[i] = t.dec();
                name[i] = t.name();
                kind[i] = t.kind().equals("star") ? "star" : t.kind().equals("QSO") ? "qso" : "galaxy";
                gmag[i] = (float) (t.kind().equals("star") ? 2 + 6 * r.nextDouble() : 9 + 4 * r.nextDouble());
                i++;
            }
        }
        for (double[] p : near) {
            for (int k = 0; k <= NEIGHBOURS && i < rows; k++, i++) {
                double radius = k == 0 ? 0.8 / 3600 : 3.0 / 60 * Math.sqrt(r.nextDouble());
                place(r, p[0], p[1], radius, ra, dec, i);
            }
        }
        for (DemoArchive.Target t : targets) {
            for (int k = 0; k < CROWD && i < rows * 2 / 3; k++, i++) {
                place(r, t.ra(), t.dec(), 0.5 * Math.sqrt(r.nextDouble()), ra, dec, i);
            }
        }
        for (; i < rows; i++) {
            ra[i] = 360 * r.nextDouble();
            dec[i] = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
        }
        for (int j = 0; j < rows; j++) {
            id[j] = 1_000_000L + j;
            ra[j] = round(ra[j]);
            dec[j] = round(dec[j]);
            if (kind[j] == null) {
                double u = r.nextDouble();
                kind[j] = u < 0.8 ? "star" : u < 0.97 ? "galaxy" : "qso";
                gmag[j] = (float) Math.round((12 + 9 * Math.sqrt(r.nextDouble())) * 1000) / 1000f;
            }
            bpRp[j] = (float) Math.round((0.2 + 2.5 * r.nextDouble()) * 1000) / 1000f;
            parallax[j] = kind[j].equals("star") ? Math.round(r.nextDouble() * 50_000) / 10_000.0 : Double.NaN;
            pmra[j] = kind[j].equals("star") ? (float) Math.round(r.nextGaussian() * 20_000) / 1000f : Float.NaN;
            pmdec[j] = kind[j].equals("star") ? (float) Math.round(r.nextGaussian() * 20_000) / 1000f : Float.NaN;
        }
        ColumnStarTable t = ColumnStarTable.makeTableWithRows(rows);
        t.setName("sources");
        t.addColumn(ArrayColumn.makeColumn(info("source_id", Long.class, null, "meta.id;meta.main",
                "Unique source identifier"), id));
        t.addColumn(ArrayColumn.makeColumn(info("ra", Double.class, "deg", "pos.eq.ra;meta.main",
                "Right ascension (ICRS, epoch J2016.0)"), ra));
        t.addColumn(ArrayColumn.makeColumn(info("dec", Double.class, "deg", "pos.eq.dec;meta.main",
                "Declination (ICRS, epoch J2016.0)"), dec));
        ColumnInfo nameInfo = info("name", String.class, null, "meta.id", "Common name of a bright source, if any");
        nameInfo.setElementSize(24);
        t.addColumn(ArrayColumn.makeColumn(nameInfo, name));
        t.addColumn(ArrayColumn.makeColumn(info("gmag", Float.class, "mag", "phot.mag;em.opt.V",
                "Mean G-band magnitude"), gmag));
        t.addColumn(ArrayColumn.makeColumn(info("bp_rp", Float.class, "mag", "phot.color",
                "BP - RP colour"), bpRp));
        t.addColumn(ArrayColumn.makeColumn(info("parallax", Double.class, "mas", "pos.parallax",
                "Parallax (stars only)"), parallax));
        t.addColumn(ArrayColumn.makeColumn(info("pmra", Float.class, "mas/yr", "pos.pm;pos.eq.ra",
                "Proper motion in right ascension times cos(dec) (stars only)"), pmra));
        t.addColumn(ArrayColumn.makeColumn(info("pmdec", Float.class, "mas/yr", "pos.pm;pos.eq.dec",
                "Proper motion in declination (stars only)"), pmdec));
        ColumnInfo kindInfo = info("class", String.class, null, "src.class", "Source class: star, galaxy or qso");
        kindInfo.setElementSize(6);
        t.addColumn(ArrayColumn.makeColumn(kindInfo, kind));
        return t;
    }

    private static ColumnInfo info(String name, Class<?> type, String unit, String ucd, String description) {
        ColumnInfo c = new ColumnInfo(name, type, description);
        c.setUnitString(unit);
        c.setUCD(ucd);
        return c;
    }

    /** Places source {@code i} uniformly in the disc of {@code radius} degrees around (ra0, dec0). */
    private static void place(Random r, double ra0, double dec0, double radius, double[] ra, double[] dec, int i) {
        double angle = 2 * Math.PI * r.nextDouble();
        double d = Math.max(-90, Math.min(90, dec0 + radius * Math.sin(angle)));
        double cos = Math.max(Math.cos(Math.toRadians(d)), 1e-3);
        ra[i] = ((ra0 + radius * Math.cos(angle) / cos) % 360 + 360) % 360;
        dec[i] = d;
    }

    /** Seven decimals of a degree: about 0.04 arcsecond, and exact in every text format. */
    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    private static String yaml() {
        return String.format(Locale.ROOT, """
                # The demo source catalogue, generated by Meridian (see DemoCatalogue.java).
                kind: catalogue
                schema: %s
                table: %s
                schema_description: Demo catalogues published beside the demo observations
                description: >-
                  Generated Gaia-like source catalogue around the demo targets and spectra (one counterpart
                  within an arcsecond of every demo spectrum), for trying catalogue x ObsCore joins and
                  cross-matches.
                sources: [sources.fits]
                primary_key: source_id
                position: {ra: ra, dec: dec}
                indexes: [gmag]
                columns:
                  source_id: {principal: true}
                  ra: {principal: true}
                  dec: {principal: true}
                  name: {principal: true, indexed: true}
                  gmag: {principal: true}
                  class: {name: src_class, principal: true}
                """, SCHEMA, TABLE);
    }
}
