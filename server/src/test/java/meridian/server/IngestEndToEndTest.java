package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.IngestOptions;
import meridian.ingest.IngestReport;
import meridian.ingest.Ingestor;
import meridian.ingest.ProgressListener;
import meridian.ingest.demo.DemoArchive;
import meridian.server.files.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingestion seen from a client: generated FITS spectra are ingested into a running server,
 * then found through TAP with the ESO archive notebooks' queries (all files of a product,
 * previews of a collection joined with ObsCore, count and total size) and downloaded through
 * their access URLs.
 */
class IngestEndToEndTest {

    private static final String COLLECTION = "e2e_spectra";
    private static final int SPECTRA = 12;
    private static TestService service;
    private static IngestReport report;

    @BeforeAll
    static void ingest() throws Exception {
        service = TestService.start();
        Path yaml = DemoArchive.generateSpectra(service.dataDir(), COLLECTION, SPECTRA);
        Collections collections = new Collections(service.archive().config());
        report = new Ingestor(service.archive().database(), collections.settings())
                .ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(), ProgressListener.NONE);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static List<Object[]> rows(String adql) throws Exception {
        Response r = given().baseUri(service.baseUrl()).formParam("LANG", "ADQL").formParam("QUERY", adql)
                .post("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        return VoTables.rows(VoTables.table(r.asByteArray()));
    }

    @Test
    void everySpectrumIsAnObscoreProduct() throws Exception {
        assertTrue(report.succeeded(), report.summary());
        assertEquals(SPECTRA, report.ingested());
        List<Object[]> rows = rows("SELECT obs_id, dataproduct_type, calib_level, em_min, em_max, t_exptime,"
                + " access_format FROM ivoa.obscore WHERE obs_collection = '" + COLLECTION + "'");
        assertEquals(SPECTRA, rows.size());
        for (Object[] r : rows) {
            assertEquals("spectrum", r[1]);
            double emMin = ((Number) r[3]).doubleValue();
            double emMax = ((Number) r[4]).doubleValue();
            assertTrue(emMin > 1e-7 && emMin < emMax && emMax < 3e-6, "em range in metres: " + emMin + " " + emMax);
            assertTrue(((Number) r[5]).doubleValue() > 0);
        }
    }

    @Test
    void filesOfACollectionDefinedOutsideTheCollectionDirectoriesAreServed() throws Exception {
        // the YAML lies neither in conf/collections nor in the demo directory
        Path generated = DemoArchive.generateSpectra(service.dataDir(), "e2e_outside", 2);
        Path elsewhere = Files.createDirectories(Files.createTempDirectory("meridian-elsewhere"));
        Path yaml = Files.move(generated, elsewhere.resolve("survey.yaml"));
        Collections collections = new Collections(service.archive().config());
        IngestReport r = new Ingestor(service.archive().database(), collections.settings())
                .ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(), ProgressListener.NONE);
        assertTrue(r.succeeded(), r.summary());
        // what serving needs was stored with the published collection: the YAML may go
        Files.delete(yaml);
        String did = (String) rows("SELECT TOP 1 obs_publisher_did FROM ivoa.obscore WHERE obs_collection ="
                + " 'e2e_outside' ORDER BY obs_publisher_did").get(0)[0];
        List<Object[]> files = rows("SELECT access_url FROM archive.product_files WHERE product_id = '" + did + "'");
        assertTrue(files.size() >= 2, "science file and preview: " + files.size());
        for (Object[] f : files) {
            String url = ((String) f[0]).split("#")[0];
            assertEquals(200, given().get(url).statusCode(), url);
        }
        Response links = given().baseUri(service.baseUrl()).queryParam("ID", did).get("/datalink/links");
        assertEquals(200, links.statusCode());
        String self = VoTables.rows(VoTables.table(links.asByteArray())).stream()
                .filter(l -> "#this".equals(l[4])).map(l -> (String) l[1]).findFirst().orElseThrow();
        assertEquals(200, given().get(self).statusCode(), self);
        Response bundle = given().baseUri(service.baseUrl()).queryParam("ID", did).queryParam("RESPONSEFORMAT", "tar")
                .get("/bundle");
        assertEquals(200, bundle.statusCode(), bundle.asString());
        assertTrue(new String(bundle.asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("SIMPLE  ="), "the bundle holds the science file");
        Files.delete(elsewhere);
    }

    @Test
    void allFilesOfOneProductAndTheirDownloads() throws Exception {
        String did = (String) rows("SELECT TOP 1 obs_publisher_did FROM ivoa.obscore WHERE obs_collection = '"
                + COLLECTION + "' ORDER BY obs_publisher_did").get(0)[0];
        List<Object[]> files = rows("SELECT category, access_url, access_estsize, content_type, original_filename"
                + " FROM archive.product_files WHERE product_id = '" + did + "' ORDER BY category");
        assertTrue(files.size() >= 2, "science file and ancillaries: " + files.size());
        assertTrue(files.stream().anyMatch(f -> "SCIENCE.SPECTRUM".equals(f[0])));
        assertTrue(files.stream().anyMatch(f -> "ANCILLARY.PREVIEW".equals(f[0])));
        for (Object[] f : files) {
            String url = (String) f[1];
            assertTrue(url.startsWith(service.baseUrl() + "/files/" + COLLECTION + "/"), url);
            Response r = given().get(url.split("#")[0]);
            assertEquals(200, r.statusCode(), url);
            assertEquals(((String) f[3]).split(";")[0], r.contentType().split(";")[0], url);
            long kb = ((Number) f[2]).longValue();
            assertTrue(Math.abs(r.asByteArray().length / 1024.0 - kb) <= 1, url + ": " + kb + " kB");
        }
    }

    @Test
    void downloadsSupportRangesEtagsAndStayInsideTheCollection() throws Exception {
        String url = ((String) rows("SELECT TOP 1 access_url FROM ivoa.obscore WHERE obs_collection = '"
                + COLLECTION + "' ORDER BY access_url").get(0)[0]).split("#")[0];
        Response whole = given().get(url);
        byte[] bytes = whole.asByteArray();
        assertEquals("SIMPLE  =", new String(bytes, 0, 9, java.nio.charset.StandardCharsets.US_ASCII));
        String relative = url.substring((service.baseUrl() + "/files/" + COLLECTION + "/").length());
        Path onDisk = service.dataDir().resolve("demo").resolve(COLLECTION).resolve(relative);
        assertArrayEquals(Files.readAllBytes(onDisk), bytes);
        Response part = given().header("Range", "bytes=2880-2959").get(url);
        assertEquals(206, part.statusCode());
        assertEquals("bytes 2880-2959/" + bytes.length, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(bytes, 2880, 2960), part.asByteArray());
        Response cached = given().header("If-None-Match", whole.header("ETag")).get(url);
        assertEquals(304, cached.statusCode());
        Response beyond = given().header("Range", "bytes=" + bytes.length + "-").get(url);
        assertEquals(416, beyond.statusCode());
        for (String bad : List.of("/files/" + COLLECTION + "/../../db/service.properties",
                "/files/" + COLLECTION + "/nothing.fits", "/files/nocollection/x.fits", "/files/")) {
            Response r = given().urlEncodingEnabled(false).baseUri(service.baseUrl()).get(bad);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, bad + " gave " + r.statusCode());
        }
    }

    @Test
    void esoNotebookQueriesOverProductFilesAndObscore() throws Exception {
        List<Object[]> previews = rows("SELECT o.obs_id, f.access_url FROM ivoa.obscore AS o"
                + " JOIN archive.product_files AS f ON f.product_id = o.obs_publisher_did"
                + " WHERE f.category = 'ANCILLARY.PREVIEW' AND o.obs_collection = '" + COLLECTION + "'");
        assertEquals(SPECTRA, previews.size());
        Object[] total = rows("SELECT COUNT(*), SUM(f.access_estsize) FROM archive.product_files AS f"
                + " JOIN ivoa.obscore AS o ON o.obs_publisher_did = f.product_id"
                + " WHERE o.obs_collection = '" + COLLECTION + "'").get(0);
        assertEquals(report.rowsWritten() - SPECTRA - 1, ((Number) total[0]).longValue(),
                "product_files rows = rows written minus ObsCore rows minus the collections row");
        assertTrue(((Number) total[1]).longValue() > 0);
        List<Object[]> keys = rows("SELECT k.from_table, kc.from_column, k.target_table, kc.target_column"
                + " FROM TAP_SCHEMA.keys AS k JOIN TAP_SCHEMA.key_columns AS kc ON k.key_id = kc.key_id"
                + " WHERE k.target_table = 'ivoa.obscore'");
        assertEquals(1, keys.size());
        assertArrayEquals(new Object[] {"archive.product_files", "product_id", "ivoa.obscore", "obs_publisher_did"},
                keys.get(0));
        List<Object[]> collections = rows("SELECT collection, title, n_products FROM archive.collections"
                + " WHERE collection = '" + COLLECTION + "'");
        assertEquals(1, collections.size());
    }

    @Test
    void theIngestCommandReportsThroughItsExitStatus() throws Exception {
        Path data = Files.createTempDirectory("meridian-cli");
        Path yaml = DemoArchive.generateSpectra(data, "cli_spectra", 4);
        String[] common = {"--config", "../conf/meridian.yaml", "--data", data.toString()};
        assertEquals(0, Main.run(concat("ingest", common, yaml.toString())));
        assertEquals(0, Main.run(concat("ingest", common, yaml.toString())), "re-running changes nothing");
        Path broken = yaml.getParent().getParent().resolve("cli_spectra").resolve("ADP.2099-01-01T000000.000.fits");
        Files.write(broken, "SIMPLE  = not really FITS".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, Main.run(concat("ingest", common, yaml.toString())), "a broken file fails the run");
        Path badYaml = data.resolve("bad.yaml");
        Files.writeString(badYaml, "name: [unclosed\n");
        assertEquals(2, Main.run(concat("ingest", common, badYaml.toString())));
        assertEquals(2, Main.run(concat("ingest", common, data.resolve("missing.yaml").toString())));
    }

    private static String[] concat(String first, String[] middle, String last) {
        String[] out = new String[middle.length + 2];
        out[0] = first;
        System.arraycopy(middle, 0, out, 1, middle.length);
        out[out.length - 1] = last;
        return out;
    }

}
