package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import meridian.datalink.SimplifiedSpectrum;
import meridian.ssa.DatasetFormat;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.StarTable;

/**
 * Data Central's simplified 1D FITS spectra against the real server and the demo's kinds of
 * spectra (1D images: demo_echelle, alone in their file or one fibre of several; binary tables:
 * demo_sdp, a row of arrays, a row per point, or one row of a multi-spectrum table): DataLink lists them,
 * SODA writes them whole and cut, SSA finds them, and the WCS of what is written gives the
 * original wavelengths (fitsverify, datalinklint, pyvo and astropy check the files and documents).
 */
class SimplifiedSpectraTest {

    private static final String MIME = SimplifiedSpectrum.MIME;
    private static final String ARRAYS = " AND instrument_name = 'MEGASPEC' AND target_name NOT LIKE 'FIELD-%-%'";
    private static final String POINTS = " AND instrument_name = 'LORES'";
    private static final String TABLE_ROW = " AND target_name LIKE 'FIELD-%-%'";
    private static final String FIBRE = " AND obs_id LIKE '%FIBRE%'";

    private static TestService service;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        service.ingestDemo("demo_echelle", "demo_sdp");
        work = Files.createDirectories(service.dataDir().resolve("simplified-out"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** obs_publisher_did, s_ra, s_dec, target_name, redshift of the first spectrum of a collection. */
    private static String[] first(String collection, String extra) {
        String csv = given().baseUri(service.baseUrl()).queryParam("LANG", "ADQL").queryParam("RESPONSEFORMAT", "csv")
                .queryParam("QUERY", "SELECT TOP 1 obs_publisher_did, s_ra, s_dec, target_name, redshift"
                        + " FROM ivoa.obscore WHERE obs_collection = '" + collection + "'" + extra + " ORDER BY obs_id")
                .get("/tap/sync").asString();
        return csv.lines().skip(1).findFirst().orElseThrow().replace("\"", "").split(",", -1);
    }

    private static Response soda(Map<String, String> params) {
        return given().baseUri(service.baseUrl()).queryParams(params).get("/soda/sync");
    }

    /** The original spectrum's wavelengths (metres) and fluxes, through the Spectrum-DM VOTable. */
    private static double[][] original(String id, String band) throws Exception {
        Response r = band == null ? soda(Map.of("ID", id, "RESPONSEFORMAT", "application/x-votable+xml"))
                : soda(Map.of("ID", id, "RESPONSEFORMAT", "application/x-votable+xml", "BAND", band));
        assertEquals(200, r.statusCode(), r.asString());
        StarTable t = VoTables.table(r.asByteArray());
        String unit = t.getColumnInfo(0).getUnitString();
        double toM = "nm".equals(unit) ? 1e-9 : 1e-10;
        List<Object[]> rows = VoTables.rows(t);
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = ((Number) rows.get(i)[0]).doubleValue() * toM;
            out[1][i] = ((Number) rows.get(i)[1]).doubleValue();
        }
        return out;
    }

    private record Simplified(Header header, double[] flux) {
        /** Wavelength of pixel i (0-based) in metres, from the linear WCS. */
        double wave(int i) {
            assertEquals("Angstrom", header.getStringValue("CUNIT1"));
            return (header.getDoubleValue("CRVAL1") + (i + 1 - header.getDoubleValue("CRPIX1"))
                    * header.getDoubleValue("CDELT1")) * 1e-10;
        }
    }

    private static Simplified read(byte[] fits, String name) throws Exception {
        assertFitsverifyClean(fits, name);
        try (Fits f = new Fits(new ByteArrayInputStream(fits))) {
            BasicHDU<?> hdu = f.readHDU();
            assertNull(f.readHDU(), "a simplified spectrum is one HDU");
            Header h = hdu.getHeader();
            assertEquals(1, h.getIntValue("NAXIS"));
            assertEquals("WAVE", h.getStringValue("CTYPE1"));
            return new Simplified(h, (double[]) hdu.getKernel());
        }
    }

    /** The simplified file has the original's points at the original's wavelengths. */
    private static void assertSameSpectrum(double[][] orig, Simplified s) {
        assertEquals(orig[0].length, s.flux().length);
        double step = s.header().getDoubleValue("CDELT1") * 1e-10;
        for (int i = 0; i < orig[0].length; i++) {
            assertEquals(orig[0][i], s.wave(i), 0.01 * step, "wavelength of pixel " + i);
            assertEquals(orig[1][i], s.flux()[i], 0.0, "flux of pixel " + i);
        }
        assertEquals(orig[0][0] * 1e10, s.header().getDoubleValue("WMIN"), 0.01 * step * 1e10);
        assertEquals(orig[0][orig[0].length - 1] * 1e10, s.header().getDoubleValue("WMAX"), 0.01 * step * 1e10);
    }

    private static void assertFitsverifyClean(byte[] fits, String name) throws Exception {
        DatalinkTest.assertFitsverifyClean(fits, work.resolve(name));
    }

    @Test
    void ssaAndDatalinkSpellTheFormatAlike() {
        assertEquals(MIME, DatasetFormat.SIMPLIFIED);
    }

    @Test
    void datalinkListsItAsAThisAlternativeAndDatalinklintIsClean() throws Exception {
        String image = first("demo_echelle", "")[0];
        String table = first("demo_sdp", ARRAYS)[0];
        String fibre = first("demo_echelle", FIBRE)[0];
        String row = first("demo_sdp", TABLE_ROW)[0];
        for (String id : List.of(image, table, fibre, row)) {
            byte[] doc = given().baseUri(service.baseUrl()).queryParam("ID", id).get("/datalink/links").asByteArray();
            VoTables.assertSchemaValid(doc);
            StarTable t = VoTables.table(doc);
            int url = -1;
            int semantics = -1;
            int type = -1;
            int description = -1;
            for (int c = 0; c < t.getColumnCount(); c++) {
                switch (t.getColumnInfo(c).getName()) {
                    case "access_url" -> url = c;
                    case "semantics" -> semantics = c;
                    case "content_type" -> type = c;
                    case "description" -> description = c;
                    default -> { }
                }
            }
            Object[] link = null;
            for (Object[] r : VoTables.rows(t)) {
                if (MIME.equals(r[type])) {
                    assertNull(link, "one simplified link per spectrum");
                    link = r;
                }
            }
            assertNotNull(link, "no " + MIME + " link for " + id);
            assertEquals("#this", link[semantics]);
            assertTrue(((String) link[description]).contains("simplified 1D FITS"), (String) link[description]);
            Response r = given().urlEncodingEnabled(false).get((String) link[url]);
            assertEquals(200, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith(MIME), r.contentType());
            read(r.asByteArray(), "link.fits");
            boolean shared = id.equals(fibre) || id.equals(row);
            assertEquals(!shared, new String(doc, StandardCharsets.UTF_8).contains("<OPTION value=\"" + MIME + "\"/>"),
                    "the descriptors offer it as RESPONSEFORMAT, except for a part of a file SODA cannot cut");
        }
        DatalinkTest.assertDatalinklintClean(service.baseUrl() + "/datalink/links?ID=" + DatalinkTest.enc(image)
                + "&ID=" + DatalinkTest.enc(table) + "&ID=" + DatalinkTest.enc(fibre) + "&ID=" + DatalinkTest.enc(row));
    }

    @Test
    void sodaWritesImageSpectraWholeAndCutWithTheOriginalWavelengths() throws Exception {
        String[] row = first("demo_echelle", " AND redshift > 0.01");
        String id = row[0];
        Response whole = soda(Map.of("ID", id, "RESPONSEFORMAT", MIME));
        assertEquals(200, whole.statusCode(), whole.asString());
        assertTrue(whole.header("Content-Disposition") == null
                || whole.header("Content-Disposition").contains("_simplified.fits"), whole.header("Content-Disposition"));
        Simplified s = read(whole.asByteArray(), "echelle.fits");
        assertSameSpectrum(original(id, null), s);
        Header h = s.header();
        assertEquals(Double.parseDouble(row[1]), h.getDoubleValue("RA"), 1e-9);
        assertEquals(Double.parseDouble(row[2]), h.getDoubleValue("DEC"), 1e-9);
        assertEquals(row[3], h.getStringValue("OBJECT"));
        assertEquals("demo_echelle", h.getStringValue("SURVEY"));
        double z = Double.parseDouble(row[4]);
        assertEquals(z, h.getDoubleValue("Z"), 1e-12);
        assertEquals(h.getDoubleValue("WMID") / (1 + z), h.getDoubleValue("WMIDREST"), 1e-6);
        for (String k : List.of("TMIN", "TMAX", "TMID", "EXPTIME", "FOV", "BUNIT")) {
            assertTrue(h.containsKey(k), k + " is missing");
        }
        assertEquals((h.getDoubleValue("TMIN") + h.getDoubleValue("TMAX")) / 2, h.getDoubleValue("TMID"), 1e-9);

        double lo = s.wave(100) - 1e-13;
        double hi = s.wave(299) + 1e-13;
        String band = lo + " " + hi;
        Response cut = soda(Map.of("ID", id, "RESPONSEFORMAT", "simplified", "BAND", band));
        assertEquals(200, cut.statusCode(), cut.asString());
        Simplified c = read(cut.asByteArray(), "echelle-cut.fits");
        assertEquals(200, c.flux().length);
        assertSameSpectrum(original(id, band), c);
        assertTrue(new String(cut.asByteArray(), 0, 2880 * 3, StandardCharsets.US_ASCII).contains("Cut by SODA to BAND"));

        Response rest = soda(Map.of("ID", id, "RESPONSEFORMAT", MIME, "BANDREST", lo / (1 + z) + " " + hi / (1 + z)));
        assertEquals(200, rest.statusCode(), rest.asString());
        Simplified r = read(rest.asByteArray(), "echelle-rest.fits");
        assertEquals(200, r.flux().length);
        assertEquals(c.header().getDoubleValue("CRVAL1"), r.header().getDoubleValue("CRVAL1"), 1e-9);
        assertTrue(new String(rest.asByteArray(), 0, 2880 * 3, StandardCharsets.US_ASCII).contains("BANDREST"));
    }

    @Test
    void sodaWritesTableSpectraWholeAndCut() throws Exception {
        for (String kind : List.of(ARRAYS, POINTS, TABLE_ROW)) {
            String id = first("demo_sdp", kind)[0];
            Response whole = soda(Map.of("ID", id, "RESPONSEFORMAT", MIME));
            assertEquals(200, whole.statusCode(), whole.asString());
            Simplified s = read(whole.asByteArray(), "table.fits");
            assertSameSpectrum(original(id, null), s);
            assertTrue(new String(whole.asByteArray(), 0, 2880 * 3, StandardCharsets.US_ASCII)
                    .contains("which is linear"), "float wavelengths of an even grid count as linear");
            String band = s.wave(10) + " " + s.wave(409);
            Response cut = soda(Map.of("ID", id, "RESPONSEFORMAT", MIME, "BAND", band));
            assertEquals(200, cut.statusCode(), cut.asString());
            Simplified c = read(cut.asByteArray(), "table-cut.fits");
            assertSameSpectrum(original(id, band), c);
        }
        String id = first("demo_sdp", ARRAYS)[0];
        assertEquals(400, soda(Map.of("ID", id, "RESPONSEFORMAT", "application/fits;content=nonsense")).statusCode());
    }

    @Test
    void aSpectrumSharingItsFileIsConvertedButItsFileIsNotCut() throws Exception {
        String row = first("demo_sdp", TABLE_ROW + " AND obs_id LIKE '%_2'")[0];
        String fibre = first("demo_echelle", FIBRE + " AND obs_id LIKE '%FIBRE2'")[0];
        for (String id : List.of(row, fibre)) {
            Response r = soda(Map.of("ID", id, "RESPONSEFORMAT", MIME));
            assertEquals(200, r.statusCode(), r.asString());
            Simplified s = read(r.asByteArray(), "part.fits");
            double[][] orig = original(id, null);
            assertSameSpectrum(orig, s);
            String head = new String(r.asByteArray(), 0, 2880 * 3, StandardCharsets.US_ASCII);
            assertTrue(head.contains(id.equals(row) ? "[2]" : "FIBRE2"), head);
            Response fits = soda(Map.of("ID", id));
            assertEquals(400, fits.statusCode(), fits.asString());
            assertTrue(fits.asString().contains("one of several spectra"), fits.asString());
        }
        // the second fibre is not the first: the part named is the part served
        String first = first("demo_echelle", FIBRE + " AND obs_id LIKE '%FIBRE1'")[0];
        assertTrue(first.replace("FIBRE1", "").equals(fibre.replace("FIBRE2", "")), first + " " + fibre);
        double[][] one = original(first, null);
        double[][] two = original(fibre, null);
        assertTrue(!java.util.Arrays.equals(one[1], two[1]), "fibres 1 and 2 have different fluxes");
    }

    /** The access reference and format of each spectrum SSA finds, in that order. */
    private static List<Object[]> ssa(String collection, String format) throws Exception {
        var req = given().baseUri(service.baseUrl()).queryParam("REQUEST", "queryData")
                .queryParam("COLLECTION", collection).queryParam("MAXREC", "1000");
        Response r = (format == null ? req : req.queryParam("FORMAT", format)).get("/ssa");
        assertEquals(200, r.statusCode(), r.asString());
        StarTable table = VoTables.table(r.asByteArray());
        int access = column(table, "ssa_access");
        int dataFormat = column(table, "ssa_format");
        return VoTables.rows(table).stream().map(row -> new Object[] {row[access], row[dataFormat]}).toList();
    }

    private static int column(StarTable table, String name) {
        for (int i = 0; i < table.getColumnCount(); i++) {
            if (name.equals(table.getColumnInfo(i).getName())) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    @Test
    void ssaOffersItThroughFormat() throws Exception {
        for (String collection : List.of("demo_echelle", "demo_sdp")) {
            assertEquals(ssa(collection, null).size(), ssa(collection, "simplified").size(),
                    "every spectrum of " + collection + " is offered simplified");
        }
        for (String format : List.of("simplified", MIME)) {
            List<Object[]> rows = ssa("demo_echelle", format);
            for (int i = rows.size() - 1; i >= 0; i -= 13) {
                Object[] row = rows.get(i);
                assertEquals(MIME, row[1]);
                String acref = (String) row[0];
                assertTrue(acref.startsWith(service.baseUrl() + "/soda/sync?"), acref);
                Response file = given().urlEncodingEnabled(false).get(acref);
                assertEquals(200, file.statusCode(), file.asString());
                read(file.asByteArray(), "ssa.fits");
            }
        }
        Response both = given().baseUri(service.baseUrl()).queryParam("FORMAT", "simplified,votable").get("/ssa");
        assertEquals(400, both.statusCode());
        assertTrue(both.asString().contains("cannot be combined"), both.asString());
    }

    @Test
    void pyvoAndAstropyReadTheWcsAsTheOriginalWavelengths() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "install the Debian package python3-pyvo");
        List<String> command = new java.util.ArrayList<>(List.of(python.toString(),
                "src/test/python/pyvo_simplified_check.py", service.baseUrl()));
        command.add(first("demo_echelle", " AND obs_id NOT LIKE '%FIBRE%'")[0]);
        command.add(first("demo_echelle", FIBRE)[0]);
        for (String kind : List.of(ARRAYS, POINTS, TABLE_ROW)) {
            command.add(first("demo_sdp", kind)[0]);
        }
        String out = DatalinkTest.run(command);
        System.out.println(out);
        assertTrue(out.contains("pyvo simplified: OK"), out);
    }
}
