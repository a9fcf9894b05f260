package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/** TAP 1.1 sync against a real server: results, formats, MAXREC, DALI parameters and errors. */
class TapSyncTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Response sync(Map<String, ?> params) {
        return given().baseUri(service.baseUrl()).queryParams(params).get("/tap/sync");
    }

    private static Response query(String adql) {
        return sync(Map.of("LANG", "ADQL", "QUERY", adql));
    }

    @Test
    void selectsRowsWithFieldMetadataFromTapSchema() throws Exception {
        Response r = query("SELECT obs_id, s_ra, s_dec, em_min FROM ivoa.obscore WHERE s_ra < 15 ORDER BY obs_id");
        assertEquals(200, r.statusCode());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        assertEquals(List.of("OK"), VoTables.statuses(body));
        StarTable t = VoTables.table(body);
        List<Object[]> rows = VoTables.rows(t);
        assertEquals(5, rows.size());
        assertEquals("obs-00", rows.get(0)[0]);
        assertEquals(14.0, (Double) rows.get(4)[1], 1e-12);
        ColumnInfo ra = t.getColumnInfo(1);
        assertEquals("s_ra", ra.getName());
        assertEquals("deg", ra.getUnitString());
        assertEquals("pos.eq.ra", ra.getUCD());
        assertEquals("obscore:Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1", ra.getUtype());
        assertEquals("m", t.getColumnInfo(3).getUnitString());
        assertEquals("5", r.header("X-Row-Count"));
        assertEquals("OK", r.header("X-Query-Status"));
    }

    @Test
    void postFormAndMultipartGiveTheSameResultAsGet() throws Exception {
        String adql = "SELECT COUNT(*) AS n FROM ivoa.obscore WHERE obs_collection = 'alpha'";
        Response form = given().baseUri(service.baseUrl()).formParam("lang", "ADQL").formParam("query", adql)
                .post("/tap/sync");
        Response multipart = given().baseUri(service.baseUrl()).multiPart("LANG", "ADQL")
                .multiPart("QUERY", adql).post("/tap/sync");
        for (Response r : List.of(form, multipart, query(adql))) {
            assertEquals(200, r.statusCode(), r.asString());
            List<Object[]> rows = VoTables.rows(VoTables.table(r.asByteArray()));
            assertEquals(25L, ((Number) rows.get(0)[0]).longValue());
        }
    }

    @Test
    void requestDoQueryIsOptionalAndParameterNamesAreCaseInsensitive() throws Exception {
        Response r = sync(Map.of("request", "doQuery", "lang", "ADQL-2.0", "query",
                "SELECT TOP 3 obs_id FROM ivoa.obscore", "maxREC", "2"));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(2, VoTables.rows(VoTables.table(r.asByteArray())).size());
    }

    @ParameterizedTest
    @CsvSource({"40, OK", "39, OVERFLOW", "41, OK", "1, OVERFLOW"})
    void overflowIsDecidedExactly(int maxrec, String status) throws Exception {
        Response r = sync(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id FROM ivoa.obscore", "MAXREC", maxrec));
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        List<String> statuses = VoTables.statuses(body);
        assertEquals("OK", statuses.get(0));
        assertEquals(status, statuses.get(statuses.size() - 1));
        assertEquals(Math.min(maxrec, TestService.ROWS), VoTables.rows(VoTables.table(body)).size());
        assertEquals(status, r.header("X-Query-Status"));
        assertEquals(Boolean.toString(status.equals("OVERFLOW")), r.header("X-Overflow"));
    }

    @Test
    void maxrecZeroReturnsMetadataOnly() throws Exception {
        Response r = sync(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id, s_ra FROM ivoa.obscore", "MAXREC", 0));
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        StarTable t = VoTables.table(body);
        assertEquals(2, t.getColumnCount());
        assertEquals(0, VoTables.rows(t).size());
        assertEquals(List.of("OK", "OVERFLOW"), VoTables.statuses(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable", "votable/td", "votable/b", "votable/b2",
            "application/x-votable+xml", "application/x-votable+xml;serialization=TABLEDATA", "text/xml"})
    void everyVoTableSerialisationRoundTrips(String format) throws Exception {
        Response r = sync(Map.of("LANG", "ADQL", "QUERY",
                "SELECT obs_id, s_ra, access_estsize, s_region FROM ivoa.obscore ORDER BY obs_id", "FORMAT", format));
        assertEquals(200, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        List<Object[]> rows = VoTables.rows(VoTables.table(body));
        assertEquals(TestService.ROWS, rows.size());
        assertEquals("obs-07", rows.get(7)[0]);
        assertEquals(107L, ((Number) rows.get(7)[2]).longValue());
        assertTrue(((String) rows.get(7)[3]).startsWith("Polygon ICRS"), (String) rows.get(7)[3]);
    }

    @Test
    void csvAndTsv() {
        Response csv = sync(Map.of("LANG", "ADQL", "QUERY",
                "SELECT obs_id, target_name, s_dec FROM ivoa.obscore WHERE obs_id IN ('obs-01', 'obs-02') ORDER BY obs_id",
                "RESPONSEFORMAT", "csv"));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals("obs_id,target_name,s_dec\r\nobs-01,star-1,-4.5\r\nobs-02,star-2,-4.0\r\n", csv.asString());
        assertEquals("2", csv.header("X-Row-Count"));
        Response tsv = sync(Map.of("LANG", "ADQL", "QUERY",
                "SELECT obs_id, s_dec FROM ivoa.obscore WHERE obs_id = 'obs-01'", "FORMAT", "tsv"));
        assertEquals("obs_id\ts_dec\nobs-01\t-4.5\n", tsv.asString());
    }

    @Test
    void fitsResultIsAFitsBinaryTable() throws Exception {
        Response r = sync(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id, s_ra FROM ivoa.obscore ORDER BY obs_id",
                "RESPONSEFORMAT", "fits"));
        assertEquals(200, r.statusCode());
        assertEquals("application/fits", r.contentType());
        byte[] body = r.asByteArray();
        assertEquals("SIMPLE  =", new String(body, 0, 9, StandardCharsets.US_ASCII));
        StarTable t = new uk.ac.starlink.table.StarTableFactory().makeStarTable(
                new ByteArrayInputStream(body), new uk.ac.starlink.fits.FitsTableBuilder());
        assertEquals(TestService.ROWS, VoTables.rows(t).size());
    }

    @Test
    void errorsAreVoTableDocumentsWithUsefulMessages() throws Exception {
        assertError(Map.of("LANG", "ADQL"), 400, "QUERY");
        assertError(Map.of("LANG", "ADQL", "QUERY", "   "), 400, "QUERY is empty");
        assertError(Map.of("QUERY", "SELECT 1 FROM ivoa.obscore"), 400, "LANG");
        assertError(Map.of("LANG", "SQL", "QUERY", "SELECT 1 FROM ivoa.obscore"), 400, "LANG=SQL");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id FROM ivoa.obscore", "MAXREC", "-1"), 400,
                "negative");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id FROM ivoa.obscore", "MAXREC", "ten"), 400,
                "MAXREC");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id FROM ivoa.obscore", "FORMAT", "xls"), 400,
                "RESPONSEFORMAT=xls");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id FROM ivoa.obscore", "REQUEST", "getCapabilities"),
                400, "doQuery");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT * FROM ivoa.nosuchtable"), 400, "nosuchtable");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT nosuchcolumn FROM ivoa.obscore"), 400, "nosuchcolumn");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id\nFROM ivoa.obscore\nWHERE WHERE"), 400, "3");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT " + "obs_id, ".repeat(20_000) + "obs_id FROM ivoa.obscore"),
                400, "QUERY");
    }

    @Test
    void hugeMaxrecIsCappedNotAnError() throws Exception {
        Response r = sync(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id FROM ivoa.obscore",
                "MAXREC", "99999999999999999999999"));
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(TestService.ROWS, VoTables.rows(VoTables.table(r.asByteArray())).size());
    }

    @Test
    void dataErrorsWhileReadingAreTheQuerysFault() throws Exception {
        // obs-00 has s_ra = 10: the division fails while the database sorts (at execution) or,
        // unsorted, while the rows are read (Derby: "divide by zero", PostgreSQL: "division by
        // zero"); either way a 400 naming the problem
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id, 1 / (s_ra - 10) FROM ivoa.obscore ORDER BY obs_id"),
                400, "by zero");
        assertError(Map.of("LANG", "ADQL", "QUERY", "SELECT obs_id, 1 / (s_ra - 10) FROM ivoa.obscore"),
                400, "by zero");
    }

    @Test
    void injectionAttemptsStayData() throws Exception {
        Response r = query("SELECT obs_id FROM ivoa.obscore WHERE target_name = 'x''; DROP TABLE \"ivoa\".\"obscore\"; --'");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(0, VoTables.rows(VoTables.table(r.asByteArray())).size());
        assertError(Map.of("LANG", "ADQL", "QUERY",
                "SELECT \"obs_id\"\"; DROP TABLE x; --\" FROM ivoa.obscore"), 400, "obs_id");
        Response count = query("SELECT COUNT(*) FROM ivoa.obscore");
        assertEquals(40L, ((Number) VoTables.rows(VoTables.table(count.asByteArray())).get(0)[0]).longValue());
    }

    @Test
    void undecodableBytesGiveA400VoTable() throws Exception {
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.baseUrl()
                        + "/tap/sync?LANG=ADQL&QUERY=SELECT%20%FF%FE%20FROM%20ivoa.obscore")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, r.statusCode());
        VoTables.errorMessage(r.body());
    }

    @Test
    void containerErrorsSpeakVoTableToo() throws Exception {
        Response notFound = given().baseUri(service.baseUrl()).get("/tap/nothing-here");
        assertEquals(404, notFound.statusCode());
        assertTrue(VoTables.errorMessage(notFound.asByteArray()).contains("/tap/nothing-here"));
        Response notAllowed = given().baseUri(service.baseUrl()).delete("/tap/sync");
        assertEquals(405, notAllowed.statusCode());
        VoTables.errorMessage(notAllowed.asByteArray());
    }

    @Test
    void corsPreflightAndSimpleRequests() {
        Response pre = given().baseUri(service.baseUrl()).header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST").options("/tap/sync");
        assertEquals(204, pre.statusCode());
        assertEquals("*", pre.header("Access-Control-Allow-Origin"));
        assertTrue(pre.header("Access-Control-Allow-Methods").contains("POST"));
        Response get = given().baseUri(service.baseUrl()).header("Origin", "https://example.org")
                .queryParam("LANG", "ADQL").queryParam("QUERY", "SELECT TOP 1 obs_id FROM ivoa.obscore")
                .get("/tap/sync");
        assertEquals("*", get.header("Access-Control-Allow-Origin"));
        assertTrue(get.header("Access-Control-Expose-Headers").contains("X-Row-Count"));
    }

    private static void assertError(Map<String, ?> params, int status, String fragment) throws Exception {
        Response r = given().baseUri(service.baseUrl()).formParams(params).post("/tap/sync");
        assertEquals(status, r.statusCode(), r.asString());
        String message = VoTables.errorMessage(r.asByteArray());
        assertTrue(message.contains(fragment), "message '" + message + "' should mention " + fragment);
        assertTrue(!message.contains("\tat ") && !message.contains("Exception:"), "no stack trace: " + message);
        assertNull(r.header("X-Row-Count"));
    }
}
