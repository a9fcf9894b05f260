package meridian.ingest.fits;

import static meridian.ingest.fits.TestFits.cards;
import static meridian.ingest.fits.TestFits.observation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.LoaderKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every loader on generated files of its layouts, and the ways files break. */
class LoaderTest {

    private static final CollectionDefinition.LoaderOptions OPTIONS = CollectionDefinition.LoaderOptions.defaults();

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        FitsHeaderReader.quietLibraryLogging();
    }

    private static List<ProductDraft> load(LoaderKind kind, Path file) throws LoadException {
        return load(kind, file, OPTIONS);
    }

    private static List<ProductDraft> load(LoaderKind kind, Path file, CollectionDefinition.LoaderOptions o)
            throws LoadException {
        try (FitsContent c = FitsHeaderReader.open(file)) {
            List<ProductDraft> drafts = FitsLoader.of(kind).load(c, o);
            for (ProductDraft d : drafts) {
                // previews read the data: do it while the file is open, as the ingestor does
                assertTrue(d.preview().load() != null);
            }
            return drafts;
        }
    }

    /** The preview data of the first product, read while the file is open. */
    private static PreviewData preview(LoaderKind kind, Path file) throws LoadException {
        try (FitsContent c = FitsHeaderReader.open(file)) {
            return FitsLoader.of(kind).load(c, OPTIONS).get(0).preview().load();
        }
    }

    private static double num(ProductDraft d, String column) {
        return ((Number) d.values().get(column)).doubleValue();
    }

    @Test
    void primaryArraySpectrumWithLinearWcs() throws Exception {
        Path f = TestFits.primarySpectrum(dir.resolve("s.fits"), observation("HD 1", 10, 20), 1001, 4000, 2,
                "Angstrom");
        ProductDraft d = load(LoaderKind.SPECTRUM_IMAGE, f).get(0);
        assertEquals(4000e-10, num(d, "em_min"), 1e-15);
        assertEquals(6000e-10, num(d, "em_max"), 1e-15);
        assertEquals(1001L, d.values().get("em_xel"));
        assertEquals(5000 / 4.0, num(d, "em_res_power"), 1e-9);
        assertEquals("HD 1", d.values().get("target_name"));
        assertEquals(10.0, num(d, "s_ra"));
        assertEquals(59000.5, num(d, "t_min"));
        assertEquals(59000.51, num(d, "t_max"), 1e-9);
        assertEquals(864.0, num(d, "t_exptime"));
        assertEquals("", d.suffix());
    }

    @Test
    void spectralUnitsConvertToMetres() throws Exception {
        Path nm = TestFits.primarySpectrum(dir.resolve("nm.fits"), observation("A", 1, 1), 11, 500, 1, "nm");
        Path um = TestFits.primarySpectrum(dir.resolve("um.fits"), observation("A", 1, 1), 11, 1.0, 0.1, "um");
        Path none = TestFits.primarySpectrum(dir.resolve("none.fits"), cards("CUNIT1", null), 11, 5000, 10, null);
        assertEquals(500e-9, num(load(LoaderKind.SPECTRUM_IMAGE, nm).get(0), "em_min"), 1e-18);
        assertEquals(2.0e-6, num(load(LoaderKind.SPECTRUM_IMAGE, um).get(0), "em_max"), 1e-15);
        // no CUNIT1: the collection's spectral_unit (Angstrom by default)
        assertEquals(5100e-10, num(load(LoaderKind.SPECTRUM_IMAGE, none).get(0), "em_max"), 1e-16);
    }

    @Test
    void dateObsWhenThereIsNoMjdObs() throws Exception {
        Map<String, Object> c = observation("A", 1, 1);
        c.put("MJD-OBS", null);
        c.put("DATE-OBS", "2020-05-31T00:00:00");
        Path f = TestFits.primarySpectrum(dir.resolve("d.fits"), c, 11, 5000, 1, "Angstrom");
        assertEquals(59000.0, num(load(LoaderKind.SPECTRUM_IMAGE, f).get(0), "t_min"), 1e-9);
    }

    @Test
    void sexagesimalPositions() throws Exception {
        Map<String, Object> c = observation("A", 0, 0);
        c.put("RA", "12:30:00.0");
        c.put("DEC", "-45 30 36");
        Path f = TestFits.primarySpectrum(dir.resolve("sx.fits"), c, 11, 5000, 1, "Angstrom");
        ProductDraft d = load(LoaderKind.SPECTRUM_IMAGE, f).get(0);
        assertEquals(187.5, num(d, "s_ra"), 1e-9);
        assertEquals(-45.51, num(d, "s_dec"), 1e-9);
        c.put("DEC", "south");
        Path bad = TestFits.primarySpectrum(dir.resolve("bad.fits"), c, 11, 5000, 1, "Angstrom");
        assertEquals("keyword DEC in HDU 0 is not an angle: 'south'",
                assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_IMAGE, bad)).getMessage());
    }

    @Test
    void combinedEpochsSumTheirExposures() throws Exception {
        Map<String, Object> c = observation("A", 1, 1);
        c.putAll(cards("NCOMBINE", 3, "MJD-OBS1", 59000.0, "EXPTIME1", 600.0, "MJD-OBS2", 59010.0, "EXPTIME2", 300.0,
                "MJD-OBS3", 59005.0, "EXPTIME3", 900.0));
        Path f = TestFits.sdpSpectrum(dir.resolve("c.fits"), c, 50, 400, 1, "nm");
        ProductDraft d = load(LoaderKind.SPECTRUM_TABLE, f).get(0);
        assertEquals(1800.0, num(d, "t_exptime"));
        assertEquals(59000.0, num(d, "t_min"));
        assertEquals(59010.0 + 300 / 86400.0, num(d, "t_max"), 1e-9);
    }

    @Test
    void esoSdpArrayPerRow() throws Exception {
        Path f = TestFits.sdpSpectrum(dir.resolve("adp.fits"), observation("Vega", 279.23, 38.78), 2000, 300, 0.35,
                "nm");
        List<ProductDraft> p = load(LoaderKind.SPECTRUM_TABLE, f);
        assertEquals(1, p.size());
        assertEquals(300e-9, num(p.get(0), "em_min"), 1e-15);
        assertEquals((300 + 0.35 * 1999) * 1e-9, num(p.get(0), "em_max"), 1e-13);
        assertEquals(2000L, p.get(0).values().get("em_xel"));
        assertNull(p.get(0).fragment());
    }

    @Test
    void columnPerPoint() throws Exception {
        Path f = TestFits.columnSpectrum(dir.resolve("col.fits"), observation("A", 1, 1), 300, 3500, 10, "Angstrom");
        ProductDraft d = load(LoaderKind.SPECTRUM_TABLE, f).get(0);
        assertEquals(3500e-10, num(d, "em_min"), 1e-16);
        assertEquals(6490e-10, num(d, "em_max"), 1e-16);
        assertEquals(300L, d.values().get("em_xel"));
        PreviewData.Spectrum s = (PreviewData.Spectrum) preview(LoaderKind.SPECTRUM_TABLE, f);
        assertEquals(300, s.flux().length);
    }

    @Test
    void multiSpectrumTableGivesOneProductPerRowWithRowKeywords() throws Exception {
        Path f = TestFits.multiRowSpectra(dir.resolve("multi.fits"), observation("FIELD", 0, 0), 3, 100);
        List<ProductDraft> p = load(LoaderKind.SPECTRUM_TABLE, f);
        assertEquals(3, p.size());
        assertEquals(List.of("_1", "_2", "_3"), p.stream().map(ProductDraft::suffix).toList());
        assertEquals("STAR-2", p.get(1).values().get("target_name"));
        assertEquals(11.0, num(p.get(1), "s_ra"));
        assertEquals(-21.0, num(p.get(1), "s_dec"));
        assertEquals(4100e-10, num(p.get(1), "em_min"), 1e-16);
        assertTrue(p.get(2).fragment().endsWith("[3]"));
    }

    @Test
    void multiExtensionSpectraAreAddressedByExtname() throws Exception {
        Path f = TestFits.extensionSpectra(dir.resolve("ext.fits"), observation("FIELD", 5, 5), 3, 50);
        CollectionDefinition.LoaderOptions o = new CollectionDefinition.LoaderOptions("all", "auto", "WAVE", "FLUX",
                "ERR", "Angstrom", "_{extname}");
        List<ProductDraft> p = load(LoaderKind.SPECTRUM_IMAGE, f, o);
        assertEquals(List.of("_SPEC1", "_SPEC2", "_SPEC3"), p.stream().map(ProductDraft::suffix).toList());
        assertEquals("SPEC2", p.get(1).fragment());
        assertEquals("OBJ-2", p.get(1).values().get("target_name"));
        // keywords absent from the extension are inherited from the primary header
        assertEquals(5.0, num(p.get(1), "s_ra"));
        assertEquals(502e-9, num(p.get(1), "em_min"), 1e-16);
        CollectionDefinition.LoaderOptions first = new CollectionDefinition.LoaderOptions("first", "auto", "WAVE",
                "FLUX", "ERR", "Angstrom", "_{n}");
        assertEquals(1, load(LoaderKind.SPECTRUM_IMAGE, f, first).size());
    }

    @Test
    void tanImageFootprint() throws Exception {
        Path f = TestFits.tanImage(dir.resolve("img.fits"), observation("M 1", 83.6331, 22.0145), 200, 100, 83.6331,
                22.0145, 1.0);
        ProductDraft d = load(LoaderKind.IMAGE, f).get(0);
        assertEquals(83.6331, num(d, "s_ra"), 1e-9);
        assertEquals(22.0145, num(d, "s_dec"), 1e-9);
        assertEquals(1.0, num(d, "s_pixel_scale"), 1e-9);
        assertEquals(200L, d.values().get("s_xel1"));
        assertEquals(100L, d.values().get("s_xel2"));
        // the diagonal of 200 x 100 arcsec
        assertEquals(Math.hypot(200, 100) / 3600, num(d, "s_fov"), 1e-6);
        String region = (String) d.values().get("s_region");
        assertTrue(region.startsWith("Polygon ICRS "), region);
        String[] v = region.substring("Polygon ICRS ".length()).split(" ");
        assertEquals(8, v.length);
        // first corner is pixel (0.5, 0.5): east (larger RA) and south of the centre
        assertTrue(Double.parseDouble(v[0]) > 83.6331 && Double.parseDouble(v[1]) < 22.0145, region);
        PreviewData.Picture p = assertInstanceOf(PreviewData.Picture.class, preview(LoaderKind.IMAGE, f));
        assertEquals(100, p.pixels().length);
        assertEquals(200, p.pixels()[0].length);
    }

    @Test
    void cubeHasCelestialAndSpectralCoverage() throws Exception {
        Path f = TestFits.cube(dir.resolve("cube.fits"), observation("NGC 1", 150, 2), 20, 10, 30);
        ProductDraft d = load(LoaderKind.CUBE, f).get(0);
        assertEquals(1.5e-6, num(d, "em_min"), 1e-15);
        assertEquals(1.79e-6, num(d, "em_max"), 1e-15);
        assertEquals(30L, d.values().get("em_xel"));
        assertEquals(20L, d.values().get("s_xel1"));
        assertEquals(0.36, num(d, "s_pixel_scale"), 1e-9);
        PreviewData.Picture p = (PreviewData.Picture) preview(LoaderKind.CUBE, f);
        assertEquals(10, p.pixels().length);
        assertEquals(20, p.pixels()[0].length);
    }

    @Test
    void largeImagesArePreviewedFromASubsampledPlane() throws Exception {
        Path f = TestFits.tanImage(dir.resolve("big.fits"), observation("M 1", 10, 10), 1100, 600, 10, 10, 0.2);
        PreviewData.Picture p = (PreviewData.Picture) preview(LoaderKind.IMAGE, f);
        // step 3: at most 512 pixels a side
        assertEquals(200, p.pixels().length);
        assertEquals(366, p.pixels()[0].length);
    }

    // --- broken files ----------------------------------------------------------------------------

    @Test
    void truncatedFile() throws Exception {
        Path f = TestFits.primarySpectrum(dir.resolve("t.fits"), observation("A", 1, 1), 5000, 4000, 1, "Angstrom");
        TestFits.truncate(f, 2880 * 3);
        LoadException e = assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_IMAGE, f));
        assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
    }

    @Test
    void truncatedInTheMiddleOfABlock() throws Exception {
        Path f = TestFits.primarySpectrum(dir.resolve("t.fits"), observation("A", 1, 1), 5000, 4000, 1, "Angstrom");
        TestFits.truncate(f, 10_000);
        LoadException e = assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_IMAGE, f));
        assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
    }

    @Test
    void gzipCompressedFiles() throws Exception {
        Path f = TestFits.sdpSpectrum(dir.resolve("adp.fits"), observation("Vega", 279.23, 38.78), 500, 300, 1, "nm");
        Path gz = dir.resolve("adp.fits.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(f, out);
        }
        ProductDraft d = load(LoaderKind.SPECTRUM_TABLE, gz).get(0);
        assertEquals(799e-9, num(d, "em_max"), 1e-15);
        TestFits.truncate(gz, Files.size(gz) / 2);
        LoadException e = assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_TABLE, gz));
        assertTrue(e.getMessage().startsWith("truncated or corrupt gzip"), e.getMessage());
    }

    @Test
    void notFits() throws Exception {
        Path f = dir.resolve("readme.fits");
        Files.writeString(f, "This is not FITS at all. ".repeat(200), StandardCharsets.US_ASCII);
        LoadException e = assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_IMAGE, f));
        assertTrue(e.getMessage().startsWith("not a FITS file"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.fits"));
        assertEquals("empty file", assertThrows(LoadException.class,
                () -> load(LoaderKind.SPECTRUM_IMAGE, empty)).getMessage());
    }

    @Test
    void corruptHeader() throws Exception {
        Path f = TestFits.primarySpectrum(dir.resolve("c.fits"), observation("A", 1, 1), 100, 4000, 1, "Angstrom");
        byte[] b = Files.readAllBytes(f);
        // overwrite the NAXIS card with garbage
        byte[] junk = "NAXIS   = 'what'   ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(junk, 0, b, 160, junk.length);
        Files.write(f, b);
        LoadException e = assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_IMAGE, f));
        assertTrue(e.getMessage().startsWith("not readable as FITS") || e.getMessage().startsWith("no 1D spectrum"),
                e.getMessage());
    }

    @Test
    void missingRequiredWcsKeyword() throws Exception {
        Path f = TestFits.primarySpectrum(dir.resolve("m.fits"), cards("CRVAL1", null), 100, 4000, 1, "Angstrom");
        LoadException e = assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_IMAGE, f));
        assertEquals("missing required keyword CRVAL1 in HDU 0", e.getMessage());
        Path img = TestFits.tanImage(dir.resolve("i.fits"), cards("CRPIX2", null), 10, 10, 1, 1, 1);
        assertEquals("missing required keyword CRPIX2 in HDU 0",
                assertThrows(LoadException.class, () -> load(LoaderKind.IMAGE, img)).getMessage());
    }

    @Test
    void damagedFilesFailWithAReasonNeverAnotherException() throws Exception {
        Path good = TestFits.sdpSpectrum(dir.resolve("good.fits"), observation("A", 1, 1), 300, 400, 1, "nm");
        byte[] original = Files.readAllBytes(good);
        java.util.Random random = new java.util.Random(42);
        int failures = 0;
        for (int k = 0; k < 200; k++) {
            byte[] b = original.clone();
            // damage a few bytes of the headers, where damage changes the structure
            for (int n = 0; n < 1 + random.nextInt(4); n++) {
                int at = random.nextInt(2880 * 2 + 800);
                b[at] = (byte) (32 + random.nextInt(95));
            }
            Path f = Files.write(dir.resolve("damaged" + k + ".fits"), b);
            for (LoaderKind kind : LoaderKind.values()) {
                try {
                    load(kind, f);
                } catch (LoadException expected) {
                    failures++;
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                }
            }
        }
        assertTrue(failures > 0);
    }

    @Test
    void wrongLayoutForTheLoader() throws Exception {
        Path f = TestFits.primarySpectrum(dir.resolve("s.fits"), observation("A", 1, 1), 100, 4000, 1, "Angstrom");
        assertTrue(assertThrows(LoadException.class, () -> load(LoaderKind.SPECTRUM_TABLE, f)).getMessage()
                .startsWith("no binary table with columns WAVE and FLUX"));
        assertTrue(assertThrows(LoadException.class, () -> load(LoaderKind.IMAGE, f)).getMessage()
                .startsWith("no 2D image"));
        Path img = TestFits.tanImage(dir.resolve("i.fits"), cards("CTYPE1", "RA---SIN", "CTYPE2", "DEC--SIN"), 10, 10,
                1, 1, 1);
        assertTrue(assertThrows(LoadException.class, () -> load(LoaderKind.IMAGE, img)).getMessage()
                .contains("is not TAN"));
    }
}
