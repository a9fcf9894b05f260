package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import meridian.ingest.fits.CelestialWcs;
import meridian.ingest.fits.HeaderView;
import meridian.server.config.MeridianConfig;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import uk.ac.starlink.table.StarTable;

/**
 * DataLink links, SODA cutouts and conversion, bundles and the service descriptors in TAP
 * results, against a real server holding the ingested demo archive (real FITS files).
 */
class DatalinkTest {

    private static final String LINKS_TYPE = "application/x-votable+xml;content=datalink";
    private static final int MAX_IDS = 60;

    private static TestService service;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(c -> c.withDatalink(new MeridianConfig.Datalink(MAX_IDS, 5, 20, 50_000_000L)),
                (planner, db) -> planner);
        service.ingestDemo("demo_images", "demo_cubes", "demo_echelle");
        service.ingestDemoSpectra("demo_tables", 4);
        work = Files.createDirectories(service.dataDir().resolve("test-out"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The obs_publisher_did of the first product of a collection (by obs_id). */
    private static String firstId(String collection) {
        String csv = given().baseUri(service.baseUrl()).queryParam("LANG", "ADQL").queryParam("RESPONSEFORMAT", "csv")
                .queryParam("QUERY", "SELECT TOP 1 obs_publisher_did FROM ivoa.obscore WHERE obs_collection = '"
                        + collection + "' ORDER BY obs_id").get("/tap/sync").asString();
        return csv.lines().skip(1).findFirst().orElseThrow().replace("\"", "").trim();
    }

    private static List<Map<String, Object>> rows(byte[] votable) throws IOException {
        StarTable t = VoTables.table(votable);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : VoTables.rows(t)) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                m.put(t.getColumnInfo(i).getName(), row[i]);
            }
            out.add(m);
        }
        return out;
    }

    private static Response links(String... ids) {
        var req = given().baseUri(service.baseUrl()).header("Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2");
        for (String id : ids) {
            req = req.queryParam("ID", id);
        }
        return req.get("/datalink/links");
    }

    private static Header fitsHeader(byte[] fits) throws Exception {
        try (Fits f = new Fits(new ByteArrayInputStream(fits))) {
            BasicHDU<?> h = f.readHDU();
            return h.getHeader();
        }
    }

    private static void assertFitsverifyClean(byte[] fits, String name) throws Exception {
        assertFitsverifyClean(fits, work.resolve(name));
    }

    /** Writes {@code fits} to {@code file} and runs fitsverify on it: no error, no warning. */
    static void assertFitsverifyClean(byte[] fits, Path file) throws Exception {
        Path fv = Path.of("/usr/bin/fitsverify");
        assertTrue(Files.isExecutable(fv), "/usr/bin/fitsverify is missing: install the Debian package fitsverify");
        Files.write(file, fits);
        Process p = new ProcessBuilder(fv.toString(), "-q", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("verification OK"), "fitsverify: " + out);
    }

    private static Response soda(Map<String, String> params) {
        return given().baseUri(service.baseUrl()).queryParams(params).get("/soda/sync");
    }

    // --- links -----------------------------------------------------------------------------------

    @Test
    void linksOfAnImageHaveEverySemanticsAndTheSodaDescriptor() throws Exception {
        String id = firstId("demo_images");
        Response r = links(id);
        assertEquals(200, r.statusCode());
        assertEquals(LINKS_TYPE, r.contentType());
        VoTables.assertSchemaValid(r.asByteArray());
        List<Map<String, Object>> rows = rows(r.asByteArray());
        Map<String, Map<String, Object>> bySemantics = new HashMap<>();
        rows.forEach(row -> bySemantics.putIfAbsent((String) row.get("semantics"), row));
        Map<String, Object> self = bySemantics.get("#this");
        assertNotNull(self, rows.toString());
        assertEquals("application/fits", self.get("content_type"));
        String url = (String) self.get("access_url");
        byte[] file = given().get(url).asByteArray();
        assertEquals(file.length, ((Number) self.get("content_length")).longValue());
        Map<String, Object> aux = bySemantics.get("#auxiliary");
        assertNotNull(aux, "the weight map is an auxiliary link: " + rows);
        assertEquals("ANCILLARY.WEIGHTMAP", aux.get("local_semantics"));
        Map<String, Object> cutout = bySemantics.get("#cutout");
        assertNotNull(cutout);
        Document d = VoTables.dom(r.asByteArray());
        NodeList resources = d.getElementsByTagName("RESOURCE");
        boolean found = false;
        for (int i = 0; i < resources.getLength(); i++) {
            Element e = (Element) resources.item(i);
            if (cutout.get("service_def").equals(e.getAttribute("ID"))) {
                assertEquals("adhoc:service", e.getAttribute("utype"));
                found = e.getTextContent() != null && d.getDocumentElement().toString() != null;
                NodeList params = e.getElementsByTagName("PARAM");
                List<String> names = new ArrayList<>();
                for (int k = 0; k < params.getLength(); k++) {
                    names.add(((Element) params.item(k)).getAttribute("name"));
                }
                assertTrue(names.containsAll(List.of("standardID", "accessURL", "ID", "CIRCLE", "POLYGON", "POS")),
                        names.toString());
            }
        }
        assertTrue(found, "the #cutout row's service_def names a descriptor");
    }

    @Test
    void spectraHavePreviewsAlternativeFormatsAndConversionDescriptor() throws Exception {
        String id = firstId("demo_echelle");
        byte[] doc = links(id, "ivo://meridian.demo/none?x").asByteArray();
        VoTables.assertSchemaValid(doc);
        List<Map<String, Object>> rows = rows(doc);
        List<String> semantics = rows.stream().map(m -> (String) m.get("semantics")).toList();
        assertTrue(semantics.containsAll(List.of("#this", "#auxiliary", "#cutout", "#proc")), semantics.toString());
        assertTrue(rows.stream().anyMatch(m -> "#this".equals(m.get("semantics"))
                && "application/x-votable+xml".equals(m.get("content_type"))), rows.toString());
    }

    @Test
    void unknownAndMalformedIdsGiveErrorRowsNotAFailedDocument() throws Exception {
        String good = firstId("demo_images");
        Response r = links("ivo://meridian.demo/nothing?here", "not an id", good);
        assertEquals(200, r.statusCode());
        List<Map<String, Object>> rows = rows(r.asByteArray());
        assertTrue(((String) rows.get(0).get("error_message")).startsWith("NotFoundFault: "), rows.toString());
        assertTrue(((String) rows.get(1).get("error_message")).startsWith("NotFoundFault: "), rows.toString());
        assertTrue(rows.stream().anyMatch(m -> good.equals(m.get("ID")) && m.get("error_message") == null));
    }

    @Test
    void manyIdsByPostAndTheCap() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TestService.ROWS; i++) {
            ids.add(String.format("ivo://meridian.demo/test?obs-%02d", i));
        }
        var req = given().baseUri(service.baseUrl()).contentType("application/x-www-form-urlencoded");
        for (String id : ids) {
            req = req.formParam("ID", id);
        }
        Response r = req.post("/datalink/links");
        assertEquals(200, r.statusCode());
        List<Map<String, Object>> rows = rows(r.asByteArray());
        assertEquals(TestService.ROWS * 2, rows.size(), "science file and preview of each");
        for (int i = 0; i < MAX_IDS + 1 - TestService.ROWS; i++) {
            ids.add("ivo://meridian.demo/more?" + i);
        }
        Response over = links(ids.toArray(new String[0]));
        assertEquals(413, over.statusCode());
        assertTrue(VoTables.errorMessage(over.asByteArray()).contains("datalink.max_ids"));
        assertEquals(400, links().statusCode());
    }

    // --- SODA ------------------------------------------------------------------------------------

    @Test
    void imageCutoutKeepsTheWcsAndPassesFitsverify() throws Exception {
        String id = firstId("demo_images");
        byte[] whole = soda(Map.of("ID", id)).asByteArray();
        Header src = fitsHeader(whole);
        CelestialWcs srcWcs = CelestialWcs.read(HeaderView.of(src, null), 0);
        double[] centre = srcWcs.toSky(src.getIntValue("NAXIS1") / 2.0, src.getIntValue("NAXIS2") / 2.0);
        Response r = soda(Map.of("ID", id, "CIRCLE", centre[0] + " " + centre[1] + " 0.005"));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("application/fits", r.contentType());
        byte[] cut = r.asByteArray();
        Header h = fitsHeader(cut);
        assertTrue(h.getIntValue("NAXIS1") < src.getIntValue("NAXIS1"));
        assertTrue(h.getIntValue("NAXIS2") < src.getIntValue("NAXIS2"));
        CelestialWcs cutWcs = CelestialWcs.read(HeaderView.of(h, null), 0);
        double[] at = cutWcs.toSky(5, 7);
        double dx = src.getDoubleValue("CRPIX1") - h.getDoubleValue("CRPIX1");
        double dy = src.getDoubleValue("CRPIX2") - h.getDoubleValue("CRPIX2");
        double[] same = srcWcs.toSky(5 + dx, 7 + dy);
        assertEquals(same[0], at[0], 1e-9);
        assertEquals(same[1], at[1], 1e-9);
        // the cutout's pixels are the source's pixels
        assertTrue(dx > 0 && dy > 0 && dx == Math.rint(dx));
        assertFitsverifyClean(cut, "image-cutout.fits");

        Response range = soda(Map.of("ID", id, "POS", "RANGE " + (centre[0] - 0.003) + " " + (centre[0] + 0.003)
                + " " + (centre[1] - 0.003) + " " + (centre[1] + 0.003)));
        assertEquals(200, range.statusCode(), range.asString());
        Response none = soda(Map.of("ID", id, "CIRCLE", "10 10 0.01"));
        assertEquals(204, none.statusCode(), "SODA 1.0: a cutout including no pixel is 204 No Content");
        assertEquals(0, none.asByteArray().length, none.asString());
    }

    @Test
    void cubeCutoutInSpaceAndWavelength() throws Exception {
        String id = firstId("demo_cubes");
        Header src = fitsHeader(soda(Map.of("ID", id)).asByteArray());
        double ra = src.getDoubleValue("CRVAL1");
        double dec = src.getDoubleValue("CRVAL2");
        double w0 = src.getDoubleValue("CRVAL3") * 1e-6;
        double step = src.getDoubleValue("CD3_3") * 1e-6;
        Response r = soda(Map.of("ID", id, "POLYGON", (ra - 0.001) + " " + (dec - 0.001) + " " + (ra + 0.001) + " "
                + (dec - 0.001) + " " + ra + " " + (dec + 0.001), "BAND", (w0 + 10.5 * step) + " " + (w0 + 20.5 * step)));
        assertEquals(200, r.statusCode(), r.asString());
        byte[] cut = r.asByteArray();
        Header h = fitsHeader(cut);
        assertEquals(10, h.getIntValue("NAXIS3"));
        assertEquals(src.getDoubleValue("CRPIX3") - 11, h.getDoubleValue("CRPIX3"), 1e-9);
        assertTrue(h.getIntValue("NAXIS1") < src.getIntValue("NAXIS1"));
        assertFitsverifyClean(cut, "cube-cutout.fits");
    }

    @Test
    void spectrumBandCutoutAndConversions() throws Exception {
        String id = firstId("demo_echelle");
        Header src = fitsHeader(soda(Map.of("ID", id)).asByteArray());
        String unit = src.getStringValue("CUNIT1");
        double toM = "nm".equals(unit) ? 1e-9 : 1e-10;
        double crval = src.getDoubleValue("CRVAL1");
        double cdelt = src.getDoubleValue("CDELT1");
        Response r = soda(Map.of("ID", id, "BAND", (crval + 99.5 * cdelt) * toM + " " + (crval + 199.5 * cdelt) * toM));
        assertEquals(200, r.statusCode(), r.asString());
        byte[] cut = r.asByteArray();
        Header h = fitsHeader(cut);
        assertEquals(100, h.getIntValue("NAXIS1"));
        assertEquals(src.getDoubleValue("CRPIX1") - 100, h.getDoubleValue("CRPIX1"), 1e-9);
        assertFitsverifyClean(cut, "spectrum-cutout.fits");

        Response vot = soda(Map.of("ID", id, "RESPONSEFORMAT", "application/x-votable+xml"));
        assertEquals(200, vot.statusCode(), vot.asString());
        StarTable t = VoTables.table(vot.asByteArray());
        assertEquals(src.getIntValue("NAXIS1"), t.getRowCount());
        assertEquals("spec:Spectrum.Data.SpectralAxis.Value", t.getColumnInfo(0).getUtype());

        String sdp = firstId("demo_tables");
        Response csv = soda(Map.of("ID", sdp, "RESPONSEFORMAT", "csv"));
        assertEquals(200, csv.statusCode(), csv.asString());
        assertTrue(csv.asString().startsWith("WAVE,FLUX"), csv.asString().substring(0, 40));
        Response fits1d = soda(Map.of("ID", sdp, "BAND", "3e-7 4e-7"));
        assertEquals(200, fits1d.statusCode(), fits1d.asString());
        assertFitsverifyClean(fits1d.asByteArray(), "sdp-band.fits");
    }

    @Test
    void restFrameBandIsTheObservedBandOfTheRedshiftedSource() throws Exception {
        String csv = given().baseUri(service.baseUrl()).queryParam("LANG", "ADQL").queryParam("RESPONSEFORMAT", "csv")
                .queryParam("QUERY", "SELECT TOP 1 obs_publisher_did, redshift, em_min, em_max FROM ivoa.obscore"
                        + " WHERE obs_collection = 'demo_echelle' AND redshift > 0.1 ORDER BY obs_id")
                .get("/tap/sync").asString();
        String[] row = csv.lines().skip(1).findFirst().orElseThrow().split(",");
        String id = row[0].replace("\"", "");
        double z = Double.parseDouble(row[1]);
        double emMin = Double.parseDouble(row[2]);
        double emMax = Double.parseDouble(row[3]);
        double lo = emMin + (emMax - emMin) / 4;
        double hi = emMin + (emMax - emMin) / 2;
        Header observed = fitsHeader(soda(Map.of("ID", id, "BAND", lo + " " + hi)).asByteArray());
        Response rest = soda(Map.of("ID", id, "BANDREST", lo / (1 + z) + " " + hi / (1 + z)));
        assertEquals(200, rest.statusCode(), rest.asString());
        Header restCut = fitsHeader(rest.asByteArray());
        assertEquals(observed.getIntValue("NAXIS1"), restCut.getIntValue("NAXIS1"));
        assertEquals(observed.getDoubleValue("CRPIX1"), restCut.getDoubleValue("CRPIX1"), 1e-9);
        assertTrue(links(id).asString().contains("name=\"BANDREST\""), "the cutout descriptor declares BANDREST");
        assertEquals(400, soda(Map.of("ID", id, "BAND", lo + " " + hi, "BANDREST", lo + " " + hi)).statusCode());
        Response noRedshift = soda(Map.of("ID", firstId("demo_cubes"), "BANDREST", "5e-7 6e-7"));
        assertEquals(400, noRedshift.statusCode());
        assertTrue(noRedshift.asString().contains("redshift"), noRedshift.asString());
    }

    @Test
    void sodaUsageErrorsAreDocumentsNot500() {
        String id = firstId("demo_images");
        assertEquals(400, soda(Map.of("CIRCLE", "1 2 3")).statusCode());
        assertEquals(404, soda(Map.of("ID", "ivo://meridian.demo/none?x")).statusCode());
        Response bad = soda(Map.of("ID", id, "CIRCLE", "a b c"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.contentType().startsWith("text/plain"), bad.contentType());
        assertTrue(bad.asString().startsWith("UsageError: "), bad.asString());
        Response missing = soda(Map.of("ID", "ivo://meridian.demo/none?x"));
        assertTrue(missing.asString().startsWith("UsageError: "), missing.asString());
        Response twice = given().baseUri(service.baseUrl()).queryParam("ID", id, "ivo://meridian.demo/none?x").get("/soda/sync");
        assertEquals(400, twice.statusCode());
        assertTrue(twice.asString().startsWith("MultiValuedParamNotSupported: "), twice.asString());
        Response band = soda(Map.of("ID", id, "BAND", "1e-9 2e-9"));
        assertEquals(204, band.statusCode(), band.asString());
        assertEquals(0, band.asByteArray().length);
        assertEquals(200, soda(Map.of("ID", id, "BAND", "1e-7 1e-5")).statusCode(), "the filter lies in the band");
        assertEquals(400, soda(Map.of("ID", id, "RESPONSEFORMAT", "text/csv")).statusCode());
    }

    @Test
    void idsThatAreNotUtf8GetTheProtocolsUsageErrors() throws Exception {
        // %FF is no UTF-8 byte sequence: the parameters cannot be decoded
        Response links = given().baseUri(service.baseUrl()).urlEncodingEnabled(false).get("/datalink/links?ID=ivo%3A%2F%2Fx%FF");
        assertEquals(400, links.statusCode(), links.asString());
        assertTrue(VoTables.errorMessage(links.asByteArray()).startsWith("UsageFault: "), links.asString());
        Response soda = given().baseUri(service.baseUrl()).urlEncodingEnabled(false).get("/soda/sync?ID=ivo%3A%2F%2Fx%FF");
        assertEquals(400, soda.statusCode(), soda.asString());
        assertTrue(soda.contentType().startsWith("text/plain"), soda.contentType());
        assertTrue(soda.asString().startsWith("UsageError: "), soda.asString());
        for (String path : List.of("/tap/sync?LANG=ADQL&QUERY=SELECT%FF", "/ssa?REQUEST=queryData&TARGETNAME=%FF")) {
            Response r = given().baseUri(service.baseUrl()).urlEncodingEnabled(false).get(path);
            assertEquals(400, r.statusCode(), path + ": " + r.asString());
            assertTrue(VoTables.errorMessage(r.asByteArray()).contains("UTF-8"), path + ": " + r.asString());
        }
    }

    @Test
    void contentLengthIsTheServedSizeOrAbsent() throws Exception {
        for (String collection : List.of("demo_tables", "demo_echelle", "demo_cubes")) {
            String id = firstId(collection);
            for (Map<String, Object> row : rows(links(id).asByteArray())) {
                if (row.get("access_url") == null) {
                    continue;
                }
                String url = (String) row.get("access_url");
                Object length = row.get("content_length");
                if (url.contains("/soda/")) {
                    assertNull(length, "a converted spectrum's size is not known in advance: " + row);
                } else {
                    assertNotNull(length, "a file here has its exact size: " + row);
                    assertEquals(given().get(url).asByteArray().length, ((Number) length).longValue(), row.toString());
                }
            }
        }
        // TestService's rows name files that are not on disk: their kB estimate is no byte count
        List<Map<String, Object>> elsewhere = rows(links("ivo://meridian.demo/test?obs-00").asByteArray());
        assertTrue(elsewhere.stream().anyMatch(row -> "#this".equals(row.get("semantics"))), elsewhere.toString());
        for (Map<String, Object> row : elsewhere) {
            assertNull(row.get("content_length"), row.toString());
        }
    }

    // --- bundles ---------------------------------------------------------------------------------

    @Test
    void bundlesHoldExactlyTheProductFiles() throws Exception {
        String a = firstId("demo_images");
        String b = firstId("demo_echelle");
        Map<String, byte[]> expected = new HashMap<>();
        for (String id : List.of(a, b)) {
            for (Map<String, Object> row : rows(links(id).asByteArray())) {
                String url = (String) row.get("access_url");
                if (url != null && url.contains("/files/")) {
                    String name = java.net.URLDecoder.decode(url.substring(url.indexOf("/files/") + 7),
                            StandardCharsets.UTF_8);
                    expected.put(name, given().get(url).asByteArray());
                }
            }
        }
        for (String format : List.of("tar", "tar.gz", "zip")) {
            Response r = given().baseUri(service.baseUrl()).queryParam("ID", a).queryParam("ID", b)
                    .queryParam("RESPONSEFORMAT", format).get("/bundle");
            assertEquals(200, r.statusCode(), r.asString());
            Map<String, byte[]> got = format.equals("zip") ? unzip(r.asByteArray())
                    : untar(format.equals("tar") ? r.asByteArray()
                    : new GZIPInputStream(new ByteArrayInputStream(r.asByteArray())).readAllBytes());
            assertNotNull(got.remove("MANIFEST.txt"));
            assertEquals(expected.keySet(), got.keySet(), format);
            expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
        }
        Response science = given().baseUri(service.baseUrl()).queryParam("ID", a).queryParam("CATEGORY", "SCIENCE")
                .get("/bundle");
        assertEquals(2, untar(science.asByteArray()).size());
        Response byQuery = given().baseUri(service.baseUrl()).queryParam("QUERY", "SELECT obs_publisher_did"
                + " FROM ivoa.obscore WHERE obs_publisher_did IN ('" + a + "', '" + b + "')")
                .queryParam("RESPONSEFORMAT", "zip").get("/bundle");
        assertEquals(200, byQuery.statusCode(), byQuery.asString());
        assertEquals(expected.size() + 1, unzip(byQuery.asByteArray()).size());
        Response queryTooMany = given().baseUri(service.baseUrl())
                .queryParam("QUERY", "SELECT obs_publisher_did FROM ivoa.obscore").get("/bundle");
        assertEquals(413, queryTooMany.statusCode());
        Response tooMany = given().baseUri(service.baseUrl()).queryParam("ID", a, b, "c", "d", "e", "f").get("/bundle");
        assertEquals(413, tooMany.statusCode());
        assertTrue(VoTables.errorMessage(tooMany.asByteArray()).contains("datalink.bundle_max_ids"));
    }

    private static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> out = new HashMap<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = new String(tar, at, 100, StandardCharsets.UTF_8).replace("\0", "");
            String prefix = new String(tar, at + 345, 155, StandardCharsets.UTF_8).replace("\0", "");
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            byte[] body = java.util.Arrays.copyOfRange(tar, at + 512, at + 512 + (int) size);
            out.put(prefix.isEmpty() ? name : prefix + "/" + name, body);
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return out;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    // --- TAP results, capabilities, validators ----------------------------------------------------

    @Test
    void tapResultsWithAnIdentifierCarryTheLinksDescriptor() throws Exception {
        Response r = given().baseUri(service.baseUrl()).queryParam("LANG", "ADQL")
                .queryParam("QUERY", "SELECT TOP 3 obs_id, obs_publisher_did AS did FROM ivoa.obscore").get("/tap/sync");
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        Document d = VoTables.dom(body);
        NodeList fields = d.getElementsByTagName("FIELD");
        String fieldId = ((Element) fields.item(1)).getAttribute("ID");
        assertTrue(!fieldId.isEmpty());
        NodeList params = d.getElementsByTagName("PARAM");
        boolean ref = false;
        for (int i = 0; i < params.getLength(); i++) {
            Element p = (Element) params.item(i);
            if ("ID".equals(p.getAttribute("name")) && fieldId.equals(p.getAttribute("ref"))) {
                ref = true;
            }
            if ("accessURL".equals(p.getAttribute("name"))) {
                assertEquals(service.baseUrl() + "/datalink/links", p.getAttribute("value"));
            }
        }
        assertTrue(ref, new String(body, StandardCharsets.UTF_8));
        byte[] plain = given().baseUri(service.baseUrl()).queryParam("LANG", "ADQL")
                .queryParam("QUERY", "SELECT TOP 3 obs_id FROM ivoa.obscore").get("/tap/sync").asByteArray();
        assertTrue(!new String(plain, StandardCharsets.UTF_8).contains("adhoc:service"));
        byte[] files = given().baseUri(service.baseUrl()).queryParam("LANG", "ADQL")
                .queryParam("QUERY", "SELECT TOP 3 product_id, category FROM archive.product_files").get("/tap/sync")
                .asByteArray();
        assertTrue(new String(files, StandardCharsets.UTF_8).contains("adhoc:service"));
    }

    @Test
    void capabilitiesNameLinksAndSoda() {
        String caps = given().baseUri(service.baseUrl()).get("/datalink/capabilities").asString();
        assertTrue(caps.contains("ivo://ivoa.net/std/DataLink#links-1.1"));
        assertTrue(caps.contains("ivo://ivoa.net/std/SODA#sync-1.0"));
    }

    @Test
    void datalinklintFindsNoErrors() throws Exception {
        String url = service.baseUrl() + "/datalink/links?ID=" + enc(firstId("demo_images")) + "&ID="
                + enc(firstId("demo_echelle")) + "&ID=" + enc(firstId("demo_cubes")) + "&ID=" + enc("ivo://x/y?z");
        assertDatalinklintClean(url);
    }

    /** Runs STILTS datalinklint on a links document: no error, no warning, no failure. */
    static void assertDatalinklintClean(String url) throws Exception {
        Path stilts = Path.of("/usr/bin/stilts");
        assertTrue(Files.isExecutable(stilts), "/usr/bin/stilts is missing: install the Debian package stilts");
        String out = run(List.of(stilts.toString(), "datalinklint", "votable=" + url, "report=EWF", "maxrepeat=9"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Totals: Errors: (\\d+); Warnings: (\\d+); Failures: (\\d+)")
                .matcher(out);
        assertTrue(m.find(), out);
        System.out.println(out);
        assertEquals("0 0 0", m.group(1) + " " + m.group(2) + " " + m.group(3), out);
    }

    @Test
    void pyvoFollowsTheDescriptorAndCutsOut() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python));
        String out = run(List.of(python.toString(), "src/test/python/pyvo_datalink_check.py", service.tapUrl()));
        assertTrue(out.contains("pyvo datalink: OK"), out);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Runs a command (without PYTHONPATH) and returns its output; fails unless it exits 0 within 300 s. */
    static String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("PYTHONPATH");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), command.get(0) + " did not finish");
        assertNull(p.exitValue() == 0 ? null : "exit " + p.exitValue(), out);
        return out;
    }
}
