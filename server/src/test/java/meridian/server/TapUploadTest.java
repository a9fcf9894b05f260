package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * Table uploads, sync and async: inline (multipart) and by URL from a small HTTP server on
 * 127.0.0.1, in every accepted format, joined with ivoa.obscore by DISTANCE; and the errors
 * (limits, bad names, DTDs, missing parts, hosts not allowed). Upload tables never outlive their
 * request.
 */
class TapUploadTest {

    private static TestService service;
    private static HttpServer files;
    private static final Map<String, byte[]> served = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(TestConfigs::shortLimits, TestPlanner::around);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    static void stop() throws Exception {
        files.stop(0);
        service.close();
    }

    private static String fileUrl(String path) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    /**
     * Positions: id 1 at obs-03 (13, -3.5), id 2 at obs-10 (20, 0), id 3 close to obs-21
     * (31, 5.5) but 0.02 deg away, id 4 far from everything.
     */
    static StarTable positions() {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("id", Integer.class, "source number"),
            new ColumnInfo("ra", Double.class, "right ascension"),
            new ColumnInfo("dec", Double.class, "declination"),
            new ColumnInfo("name", String.class, "a label")});
        t.addRow(new Object[] {1, 13.0, -3.5, "first"});
        t.addRow(new Object[] {2, 20.0, 0.0, "second"});
        t.addRow(new Object[] {3, 31.02, 5.5, null});
        t.addRow(new Object[] {4, 200.0, 80.0, "far"});
        t.getColumnInfo(1).setUnitString("deg");
        t.getColumnInfo(1).setUCD("pos.eq.ra");
        return t;
    }

    static byte[] votable(StarTable t, DataFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VOTableWriter(format, true, VOTableVersion.V13).writeStarTable(t, out);
        return out.toByteArray();
    }

    static byte[] fits(StarTable t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FitsTableWriter().writeStarTable(t, out);
        return out.toByteArray();
    }

    static final String CSV = "id,ra,dec,name\n1,13.0,-3.5,first\n2,20.0,0.0,second\n3,31.02,5.5,\n4,200,80,far\n";
    static final String ECSV = "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: id, datatype: int32}\n"
            + "# - {name: ra, datatype: float64}\n# - {name: dec, datatype: float64}\n"
            + "# - {name: name, datatype: string}\n# schema: astropy-2.0\n"
            + "id ra dec name\n1 13.0 -3.5 first\n2 20.0 0.0 second\n3 31.02 5.5 \"\"\n4 200 80 far\n";

    private static Response syncUpload(String adql, String upload, String part, byte[] body) {
        return given().baseUri(service.baseUrl()).multiPart("LANG", "ADQL").multiPart("QUERY", adql)
                .multiPart("UPLOAD", upload).multiPart(part, "table.dat", body, "application/octet-stream")
                .post("/tap/sync");
    }

    private static void assertCrossMatch(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        List<Object[]> rows = VoTables.rows(VoTables.table(body));
        assertEquals(2, rows.size(), "ids 1 and 2 match; 3 is 72 arcsec off, 4 far away");
        assertEquals(1, ((Number) rows.get(0)[0]).intValue());
        assertEquals("obs-03", rows.get(0)[1]);
        assertEquals(2, ((Number) rows.get(1)[0]).intValue());
        assertEquals("obs-10", rows.get(1)[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable-td", "votable-binary", "votable-binary2", "fits", "csv", "ecsv"})
    void inlineUploadInEveryFormatCrossMatchesObscore(String format) throws Exception {
        byte[] body = switch (format) {
            case "votable-td" -> votable(positions(), DataFormat.TABLEDATA);
            case "votable-binary" -> votable(positions(), DataFormat.BINARY);
            case "votable-binary2" -> votable(positions(), DataFormat.BINARY2);
            case "fits" -> fits(positions());
            case "csv" -> CSV.getBytes(StandardCharsets.UTF_8);
            default -> ECSV.getBytes(StandardCharsets.UTF_8);
        };
        assertCrossMatch(syncUpload(TestPlanner.CROSSMATCH, "pos,param:t1", "t1", body));
        assertNoUploadTablesLeft();
    }

    @Test
    void uploadedColumnsKeepTheirMetadata() throws Exception {
        Response r = syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1", votable(positions(), DataFormat.BINARY2));
        assertEquals(200, r.statusCode(), r.asString());
        StarTable t = VoTables.table(r.asByteArray());
        assertEquals(4, VoTables.rows(t).size());
        assertEquals(4, t.getColumnCount());
    }

    @Test
    void urlUploadFromAnAllowedHost() throws Exception {
        served.put("/pos.csv", CSV.getBytes(StandardCharsets.UTF_8));
        Response r = given().baseUri(service.baseUrl()).formParams(Map.of("LANG", "ADQL",
                "QUERY", TestPlanner.CROSSMATCH, "UPLOAD", "pos," + fileUrl("/pos.csv"))).post("/tap/sync");
        assertCrossMatch(r);
        assertNoUploadTablesLeft();
    }

    @Test
    void asyncJobsKeepTheirInlineUploadsUntilTheyRun() throws Exception {
        Response created = given().redirects().follow(false).baseUri(service.baseUrl())
                .multiPart("LANG", "ADQL").multiPart("QUERY", TestPlanner.CROSSMATCH)
                .multiPart("UPLOAD", "pos,param:t1")
                .multiPart("t1", "pos.vot", votable(positions(), DataFormat.TABLEDATA), "application/x-votable+xml")
                .post("/tap/async");
        assertEquals(303, created.statusCode(), created.asString());
        String job = created.header("Location");
        Document d = Uws.job(job);
        assertEquals("PENDING", Uws.text(d, "phase"));
        given().formParam("PHASE", "RUN").post(job + "/phase");
        d = Uws.awaitEnd(job, 20);
        assertEquals("COMPLETED", Uws.text(d, "phase"), Uws.text(d, "message"));
        assertCrossMatch(given().get(job + "/results/result"));
        assertNoUploadTablesLeft();
    }

    @Test
    void asyncUrlUploadAndTwoTablesInOneQuery() throws Exception {
        served.put("/more.csv", "id,flux\n2,1.5\n4,2.5\n".getBytes(StandardCharsets.UTF_8));
        String job = Uws.create(service.tapUrl() + "/async", Map.of("LANG", "ADQL", "QUERY", TestPlanner.TWO_UPLOADS,
                "UPLOAD", "pos," + fileUrl("/pos.csv") + ";more," + fileUrl("/more.csv"), "PHASE", "RUN"));
        served.put("/pos.csv", CSV.getBytes(StandardCharsets.UTF_8));
        Document d = Uws.awaitEnd(job, 20);
        assertEquals("COMPLETED", Uws.text(d, "phase"), Uws.text(d, "message"));
        List<Object[]> rows = VoTables.rows(VoTables.table(given().get(job + "/results/result").asByteArray()));
        assertEquals(2, rows.size());
    }

    @Test
    void badUploadsAreRefusedWithClearMessages() throws Exception {
        byte[] vot = votable(positions(), DataFormat.TABLEDATA);
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:a;pos,param:b", "a", vot), 400, "twice");
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:missing", "t1", vot), 400,
                "no multipart part named missing");
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1",
                "id,my col\n1,2\n".getBytes(StandardCharsets.UTF_8)), 400, "not an ADQL identifier");
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1",
                "id,ID\n1,2\n".getBytes(StandardCharsets.UTF_8)), 400, "twice");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE VOTABLE [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<VOTABLE version=\"1.3\"><RESOURCE><TABLE><FIELD name=\"a\" datatype=\"char\" arraysize=\"*\"/>"
                + "<DATA><TABLEDATA><TR><TD>&x;</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n";
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1",
                xxe.getBytes(StandardCharsets.UTF_8)), 400, "document type declaration");
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1",
                "<VOTABLE><RESOURCE><TABLE>".getBytes(StandardCharsets.UTF_8)), 400, "pos");
        StringBuilder many = new StringBuilder("id\n");
        for (int i = 0; i < 51; i++) {
            many.append(i).append('\n');
        }
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1",
                many.toString().getBytes(StandardCharsets.UTF_8)), 413, "tap.upload_limit_rows");
        byte[] big = ("id\n" + "1\n".repeat(60_000)).getBytes(StandardCharsets.UTF_8);
        assertUploadError(syncUpload(TestPlanner.UPLOAD_ALL, "pos,param:t1", "t1", big), 413,
                "tap.upload_limit_bytes");
        assertUploadError(given().baseUri(service.baseUrl()).formParams(Map.of("LANG", "ADQL", "QUERY",
                TestPlanner.UPLOAD_ALL, "UPLOAD", "pos,http://example.org/pos.vot")).post("/tap/sync"), 400,
                "tap.upload_url_allow");
        assertUploadError(given().baseUri(service.baseUrl()).formParams(Map.of("LANG", "ADQL", "QUERY",
                TestPlanner.UPLOAD_ALL, "UPLOAD", "pos,ftp://127.0.0.1/x")).post("/tap/sync"), 400, "ftp");
        assertUploadError(given().baseUri(service.baseUrl()).formParams(Map.of("LANG", "ADQL", "QUERY",
                TestPlanner.UPLOAD_ALL, "UPLOAD", "pos," + fileUrl("/nothing.vot"))).post("/tap/sync"), 400, "404");
        assertNoUploadTablesLeft();
    }

    private static void assertUploadError(Response r, int status, String fragment) throws Exception {
        assertEquals(status, r.statusCode(), r.asString());
        String message = VoTables.errorMessage(r.asByteArray());
        assertTrue(message.contains(fragment), "message '" + message + "' should mention " + fragment);
        assertTrue(!message.contains("\tat ") && !message.contains("root:"), message);
    }

    private static void assertNoUploadTablesLeft() throws Exception {
        try (Connection c = service.archive().database().connection();
             ResultSet rs = c.getMetaData().getTables(null, "TAP_UPLOAD", "%", null)) {
            assertTrue(!rs.next(), "an upload table outlived its query");
        }
    }
}
