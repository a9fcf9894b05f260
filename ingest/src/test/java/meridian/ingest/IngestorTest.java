package meridian.ingest;

import static meridian.ingest.fits.TestFits.cards;
import static meridian.ingest.fits.TestFits.observation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import meridian.ingest.fits.TestFits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion into a real Derby database: rows, idempotency, updates, pruning, dry runs, skipped files. */
class IngestorTest {

    private static final String OBSCORE = "\"ivoa\".\"obscore\"";
    private static final String FILES = "\"archive\".\"product_files\"";
    private static final String COLLECTIONS = "\"archive\".\"collections\"";

    @TempDir
    Path dir;

    private Path root;
    private TestDatabase db;
    private Ingestor ingestor;
    private CollectionDefinition def;

    @BeforeEach
    void setUp() throws Exception {
        Path data = dir.resolve("data");
        root = data.resolve("spectra");
        for (int i = 1; i <= 5; i++) {
            TestFits.primarySpectrum(root.resolve(String.format("S%03d.fits", i)),
                    observation(i == 1 ? "tau Cet" : "STAR " + i, 10 + i, -5), 200, 4000 + i, 1, "Angstrom");
        }
        TestFits.primarySpectrum(root.resolve("S001_err.fits"), cards(), 200, 4001, 1, "Angstrom");
        Files.write(root.resolve("S002.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(root.resolve("S003.log"), "reduced\n", StandardCharsets.US_ASCII);
        TestFits.extensionSpectra(root.resolve("sub/S010.fits"), observation("FIELD", 50, 50), 2, 100);
        // the broken ones
        TestFits.primarySpectrum(root.resolve("S900.fits"), observation("A", 1, 1), 5000, 4000, 1, "Angstrom");
        TestFits.truncate(root.resolve("S900.fits"), 2880 * 2);
        Files.writeString(root.resolve("S901.fits"), "SIMPLE? no. ".repeat(300), StandardCharsets.US_ASCII);
        TestFits.primarySpectrum(root.resolve("S902.fits"), cards("CDELT1", null), 100, 4000, 1, "Angstrom");
        TestFits.primarySpectrum(root.resolve("X001.fits"), observation("A", 1, 1), 100, 4000, 1, "Angstrom");
        Path yaml = Files.writeString(dir.resolve("test.yaml"), """
                name: test_spectra
                title: Test spectra
                facility: Test Observatory
                instruments: [TESTSPEC]
                fov: 0.001
                obs_id_pattern: 'S\\d{3}(_SPEC\\d)?'
                root: spectra
                sources: ['**/*.fits']
                loader: spectrum-image
                loader_options: {product_suffix: '_{extname}'}
                rights: {data_rights: public, release_delay_days: 10}
                mapping:
                  em_res_power: {keyword: SPEC_RES, default: 2000}
                target_aliases:
                  'HD 10700': ['tau Cet']
                ancillary:
                  - {match: '{stem}_err.fits', category: ANCILLARY.ERRORSPECTRUM}
                  - {match: '{stem}.png', category: ANCILLARY.PREVIEW}
                  - {match: '{stem}.log', category: ANCILLARY.LOG}
                """);
        def = CollectionDefinition.load(yaml);
        db = new TestDatabase(dir);
        ingestor = new Ingestor(db.db(), new IngestSettings("test.auth", TestDatabase.SCHEMA, List.of(data),
                "http://h:8080/"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private IngestReport ingest(IngestOptions o) throws Exception {
        return ingestor.ingest(def, o, ProgressListener.NONE);
    }

    private List<Map<String, Object>> snapshot() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        all.addAll(db.query("SELECT * FROM " + OBSCORE + " ORDER BY \"obs_publisher_did\""));
        all.addAll(db.query("SELECT * FROM " + FILES + " ORDER BY \"archive_id\""));
        all.addAll(db.query("SELECT * FROM " + COLLECTIONS));
        return all;
    }

    @Test
    void ingestWritesObscoreProductFilesAndCollectionRows() throws Exception {
        List<Integer> progress = new ArrayList<>();
        IngestReport r = ingestor.ingest(def, IngestOptions.defaults(), (done, total, file, outcome) -> {
            progress.add(done);
            assertEquals(10, total);
        });
        assertEquals(10, r.filesSeen(), r.summary());
        assertEquals(6, r.ingested(), r.summary());
        assertEquals(4, r.skipped().size(), r.summary());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), progress);
        assertFalse(r.succeeded());
        Map<String, String> reasons = r.skipped().stream().collect(Collectors.toMap(
                s -> s.file().getFileName().toString(), IngestReport.Skipped::reason));
        assertTrue(reasons.get("S900.fits").startsWith("truncated"), reasons.toString());
        assertTrue(reasons.get("S901.fits").startsWith("not a FITS file"), reasons.toString());
        assertEquals("missing required keyword CDELT1 in HDU 0", reasons.get("S902.fits"));
        assertEquals("obs_id 'X001' does not match obs_id_pattern 'S\\d{3}(_SPEC\\d)?'", reasons.get("X001.fits"));
        assertTrue(r.summary().contains("skipped " + root.resolve("X001.fits") + ": obs_id 'X001'"), r.summary());

        // 5 single spectra + 2 from the multi-extension file; nothing of the skipped files
        assertEquals(7, db.count("SELECT COUNT(*) FROM " + OBSCORE));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" IN ('S900', 'S901', 'S902')"));
        Map<String, Object> s1 = db.query("SELECT * FROM " + OBSCORE + " WHERE \"obs_id\" = 'S001'").get(0);
        assertEquals("ivo://test.auth/test_spectra?S001", s1.get("obs_publisher_did"));
        assertEquals("http://h:8080/files/test_spectra/S001.fits", s1.get("access_url"));
        assertEquals("HD 10700", s1.get("target_name"));
        assertEquals("test_spectra", s1.get("obs_collection"));
        assertEquals("spectrum", s1.get("dataproduct_type"));
        assertEquals("Test Observatory", s1.get("facility_name"));
        assertEquals(4001e-10, (Double) s1.get("em_min"), 1e-18);
        assertEquals(2000.0, s1.get("em_res_power"));
        assertEquals("Circle ICRS 11 -5 0.0005", s1.get("s_region"));
        assertEquals(59000.5, s1.get("t_min"));
        assertEquals(java.sql.Timestamp.valueOf("2020-06-10 12:14:24.0"), s1.get("obs_release_date"));
        assertEquals("http://h:8080/files/test_spectra/.previews/S001.png", s1.get("preview"));
        assertEquals(Files.size(root.resolve("S001.fits")) / 1024 + 1, s1.get("access_estsize"));

        List<Map<String, Object>> f1 = db.query("SELECT \"category\", \"archive_id\", \"content_type\" FROM " + FILES
                + " WHERE \"product_id\" = ? ORDER BY \"category\"", s1.get("obs_publisher_did"));
        assertEquals(List.of("ANCILLARY.ERRORSPECTRUM", "ANCILLARY.PREVIEW", "SCIENCE.SPECTRUM"),
                f1.stream().map(m -> m.get("category")).toList());
        assertEquals("test_spectra/.previews/S001.png", f1.get(1).get("archive_id"));
        assertTrue(Files.isRegularFile(root.resolve(".previews/S001.png")));
        // a given preview is used, not drawn again
        assertEquals("http://h:8080/files/test_spectra/S002.png",
                db.query("SELECT \"preview\" FROM " + OBSCORE + " WHERE \"obs_id\" = 'S002'").get(0).get("preview"));
        assertFalse(Files.exists(root.resolve(".previews/S002.png")));
        // multi-extension file: one product per extension, the shared science file listed for each
        assertEquals(List.of("test_spectra/sub/S010.fits#SPEC1", "test_spectra/sub/S010.fits#SPEC2"),
                db.query("SELECT \"archive_id\" FROM " + FILES + " WHERE \"category\" = 'SCIENCE.SPECTRUM' AND "
                        + "\"archive_id\" LIKE '%S010%' ORDER BY 1").stream().map(m -> m.get("archive_id")).toList());
        // the ESO notebook query: every file of one product, count and total size
        Map<String, Object> totals = db.query("SELECT COUNT(*) AS n, SUM(\"access_estsize\") AS kb FROM " + FILES
                + " WHERE \"product_id\" = 'ivo://test.auth/test_spectra?S003'").get(0);
        assertEquals(3, ((Number) totals.get("n")).intValue());

        Map<String, Object> c = db.query("SELECT * FROM " + COLLECTIONS).get(0);
        assertEquals("test_spectra", c.get("collection"));
        assertEquals(7L, ((Number) c.get("n_products")).longValue());
        assertEquals("TESTSPEC", c.get("instruments"));
        assertEquals(0.001, c.get("field_of_view"));
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        ingest(IngestOptions.defaults());
        List<Map<String, Object>> before = snapshot();
        IngestReport again = ingest(IngestOptions.defaults());
        assertEquals(6, again.unchanged(), again.summary());
        assertEquals(0, again.ingested() + again.updated());
        assertEquals(0, again.rowsWritten());
        assertEquals(0, again.previewsGenerated());
        assertEquals(before, snapshot());
    }

    @Test
    void changedFilesAreUpdated() throws Exception {
        ingest(IngestOptions.defaults());
        TestFits.primarySpectrum(root.resolve("S004.fits"), observation("RENAMED", 14, -5), 200, 4004, 1, "Angstrom");
        Files.writeString(root.resolve("S003.log"), "reduced again\n", StandardCharsets.US_ASCII);
        IngestReport r = ingest(IngestOptions.defaults());
        assertEquals(2, r.updated(), r.summary());
        assertEquals(4, r.unchanged(), r.summary());
        assertEquals("RENAMED", db.query("SELECT \"target_name\" FROM " + OBSCORE + " WHERE \"obs_id\" = 'S004'").get(0)
                .get("target_name"));
        assertEquals(7, db.count("SELECT COUNT(*) FROM " + OBSCORE));
        assertEquals(3, db.count("SELECT COUNT(*) FROM " + FILES + " WHERE \"product_id\" LIKE '%S003'"));
    }

    @Test
    void pruneRemovesVanishedFilesOnlyWhenAsked() throws Exception {
        ingest(IngestOptions.defaults());
        Files.delete(root.resolve("S005.fits"));
        IngestReport keep = ingest(IngestOptions.defaults());
        assertEquals(0, keep.pruned());
        assertEquals(1, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" = 'S005'"));
        IngestReport dry = ingest(IngestOptions.defaults().withPrune(true).withDryRun(true));
        assertEquals(1, dry.pruned());
        assertEquals(1, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" = 'S005'"));
        IngestReport prune = ingest(IngestOptions.defaults().withPrune(true));
        assertEquals(1, prune.pruned(), prune.summary());
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" = 'S005'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + FILES + " WHERE \"product_id\" LIKE '%S005'"));
        assertFalse(Files.exists(root.resolve(".previews/S005.png")));
        assertEquals(6L, ((Number) db.query("SELECT \"n_products\" FROM " + COLLECTIONS).get(0).get("n_products"))
                .longValue());
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        IngestReport r = ingest(IngestOptions.defaults().withDryRun(true));
        assertTrue(r.dryRun());
        assertEquals(6, r.ingested(), r.summary());
        assertEquals(4, r.skipped().size());
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + FILES));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + COLLECTIONS));
        assertFalse(Files.exists(root.resolve(".previews")));
    }

    @Test
    void bracketedUnitsInKeywordCommentsAreHonouredAndReported() throws Exception {
        // Data Central style: the unit in brackets at the start of the comment
        withCard(root.resolve("S002.fits"), "APERTURE", 2.0, "[arcsec] fibre diameter");
        withCard(root.resolve("S003.fits"), "SPEC_RES", 0.5, "[h] not a resolving power");
        withCard(root.resolve("S004.fits"), "APERTURE", 2.0, "[furlong] fibre diameter");
        Path yaml = Files.writeString(dir.resolve("units.yaml"), Files.readString(dir.resolve("test.yaml"))
                .replace("em_res_power: {keyword: SPEC_RES, default: 2000}",
                        "em_res_power: {keyword: SPEC_RES, default: 2000}\n  t_exptime: {keyword: SPEC_RES}"));
        IngestReport r = ingestor.ingest(CollectionDefinition.load(yaml), IngestOptions.defaults().withPreviews(false),
                ProgressListener.NONE);
        assertEquals(2.0 / 3600, ((Number) db.query("SELECT \"s_fov\" FROM " + OBSCORE
                + " WHERE \"obs_id\" = 'S002'").get(0).get("s_fov")).doubleValue(), 1e-12);
        assertEquals(1800.0, ((Number) db.query("SELECT \"t_exptime\" FROM " + OBSCORE
                + " WHERE \"obs_id\" = 'S003'").get(0).get("t_exptime")).doubleValue(), 1e-9);
        // without a comment unit the value is taken in the column's unit, as before
        assertEquals(0.001, ((Number) db.query("SELECT \"s_fov\" FROM " + OBSCORE
                + " WHERE \"obs_id\" = 'S001'").get(0).get("s_fov")).doubleValue(), 1e-12);
        assertTrue(r.summary().contains("s_fov: keyword APERTURE read in [arcsec]"), r.summary());
        assertTrue(r.summary().contains("mapping.t_exptime: keyword SPEC_RES read in [h]"), r.summary());
        // a unit that does not convert stops the file, naming it and the keyword
        assertTrue(r.skipped().stream().anyMatch(s -> s.file().endsWith("S004.fits")
                && s.reason().contains("keyword APERTURE has the unit [furlong]")), r.summary());
    }

    /** Rewrites {@code file} with {@code key = value / comment} in its primary header. */
    private static void withCard(Path file, String key, double value, String comment) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (nom.tam.fits.Fits fits = new nom.tam.fits.Fits(file.toFile())) {
            fits.read();
            fits.getHDU(0).getHeader().addValue(key, value, comment);
            fits.write(tmp.toFile());
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aFileWithOneBadProductLeavesNothingBehind() throws Exception {
        // the second extension's obs_id (S011_SPECX) does not match the pattern
        TestFits.extensionSpectra(root.resolve("S011.fits"), observation("F", 1, 1), 2, 50);
        byte[] b = Files.readAllBytes(root.resolve("S011.fits"));
        String text = new String(b, StandardCharsets.ISO_8859_1).replace("'SPEC2   '", "'SPECX   '");
        Files.write(root.resolve("S011.fits"), text.getBytes(StandardCharsets.ISO_8859_1));
        IngestReport r = ingest(IngestOptions.defaults());
        assertTrue(r.skipped().stream().anyMatch(s -> s.file().endsWith("S011.fits")
                && s.reason().contains("S011_SPECX")), r.summary());
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" LIKE 'S011%'"));
        assertFalse(Files.exists(root.resolve(".previews/S011_SPEC1.png")));
    }

    @Test
    void symbolicLinksOutsideTheDataRootsAreNotPublished() throws Exception {
        Path outside = TestFits.primarySpectrum(dir.resolve("elsewhere/S500.fits"), observation("A", 1, 1), 50, 4000,
                1, "Angstrom");
        Files.createSymbolicLink(root.resolve("S500.fits"), outside);
        Path inside = root.resolve("S501.fits");
        Files.createSymbolicLink(inside, root.resolve("S004.fits"));
        IngestReport r = ingest(IngestOptions.defaults());
        assertEquals(11, r.filesSeen(), r.summary());
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" = 'S500'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" = 'S501'"));
    }

    @Test
    void aDatabaseErrorCostsOnlyItsFile() throws Exception {
        // Derby refuses text longer than 32672 characters: one file's title is made too long
        for (int i = 20; i < 60; i++) {
            TestFits.primarySpectrum(root.resolve(String.format("S%03d.fits", i)),
                    observation(i == 42 ? "LONG" : "STAR " + i, 10, -5), 50, 4000, 1, "Angstrom");
        }
        Path yaml = Files.writeString(dir.resolve("long.yaml"), Files.readString(dir.resolve("test.yaml"))
                .replace("mapping:\n", "mapping:\n  obs_title: {keyword: OBJECT, values: {LONG: " + "x".repeat(40_000)
                        + "}}\n"));
        IngestReport r = ingestor.ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(),
                ProgressListener.NONE);
        assertEquals(1, r.skipped().stream().filter(s -> s.reason().startsWith("database: ")).count(), r.summary());
        assertTrue(r.skipped().stream().anyMatch(s -> s.file().endsWith("S042.fits")), r.summary());
        assertEquals(45, r.ingested(), r.summary());
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"obs_id\" = 'S042'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + FILES + " WHERE \"product_id\" LIKE '%S042'"));
        assertEquals(46, db.count("SELECT COUNT(*) FROM " + OBSCORE));
        assertEquals(45, ingestor.ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(),
                ProgressListener.NONE).unchanged());
    }

    @Test
    void aFixedFileIsIngestedOnTheNextRun() throws Exception {
        ingest(IngestOptions.defaults());
        TestFits.primarySpectrum(root.resolve("S900.fits"), observation("A", 1, 1), 100, 4000, 1, "Angstrom");
        IngestReport r = ingest(IngestOptions.defaults());
        assertEquals(1, r.ingested(), r.summary());
        assertEquals(3, r.skipped().size());
    }

    @Test
    void headerOnlyRunHasNoPreviewsUntilAsked() throws Exception {
        IngestReport r = ingest(IngestOptions.defaults().withPreviews(false));
        assertEquals(0, r.previewsGenerated());
        assertFalse(Files.exists(root.resolve(".previews")));
        assertEquals(6, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"preview\" IS NULL"));
        // asking for previews later re-ingests the files that lack one
        IngestReport with = ingest(IngestOptions.defaults());
        assertEquals(5, with.updated(), with.summary());
        assertEquals(1, with.unchanged(), with.summary());
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + OBSCORE + " WHERE \"preview\" IS NULL"));
    }

    @Test
    void accessUrlCanPointAtTheLinksDocument() throws Exception {
        String yaml = Files.readString(dir.resolve("test.yaml")) + "access: {datalink: true}\n";
        CollectionDefinition linked = CollectionDefinition.load(Files.writeString(dir.resolve("linked.yaml"), yaml));
        ingestor.ingest(linked, IngestOptions.defaults().withPreviews(false), ProgressListener.NONE);
        Map<String, Object> s1 = db.query("SELECT * FROM " + OBSCORE + " WHERE \"obs_id\" = 'S001'").get(0);
        assertEquals("http://h:8080/datalink/links?ID=ivo%3A%2F%2Ftest.auth%2Ftest_spectra%3FS001", s1.get("access_url"));
        assertEquals("application/x-votable+xml;content=datalink", s1.get("access_format"));
        // product_files still names the file itself
        assertEquals("http://h:8080/files/test_spectra/S001.fits", db.query("SELECT * FROM " + FILES
                + " WHERE \"archive_id\" = 'test_spectra/S001.fits'").get(0).get("access_url"));
    }
}
