package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Every kind of XML document the server emits, fetched from a real server and validated against
 * the official schemas ({@link RegistrySchemas}, offline): VOSI capabilities of every service,
 * tables (full, minimal, one table), availability, UWS job list and job, OAI-PMH responses of
 * every verb and an error, TAP / SSA / DataLink VOTables and their error documents. The DALI
 * examples page is HTML5 in its XHTML serialisation, for which no XML schema exists: it must at
 * least parse as XML in the XHTML namespace. The other test classes validate the same documents
 * in their many variants; this one keeps the list of document kinds in one place.
 */
class XmlDocumentsTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static byte[] get(String path, int status) {
        Response r = given().baseUri(service.baseUrl()).urlEncodingEnabled(false).get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.asString());
        return r.asByteArray();
    }

    private static Document valid(String path, int status, String root) {
        Document d = RegistrySchemas.valid(get(path, status));
        assertEquals(root, d.getDocumentElement().getLocalName(), path);
        return d;
    }

    @Test
    void vosiDocumentsOfEveryService() {
        for (String service : List.of("/tap", "/ssa", "/datalink")) {
            valid(service + "/capabilities", 200, "capabilities");
        }
        for (String service : List.of("/tap", "/ssa")) {
            valid(service + "/availability", 200, "availability");
        }
        valid("/tap/tables", 200, "tableset");
        valid("/tap/tables?detail=min", 200, "tableset");
        valid("/tap/tables/ivoa.obscore", 200, "table");
    }

    @Test
    void uwsJobListAndJobs() {
        String list = service.tapUrl() + "/async";
        String done = Uws.create(list, Map.of("LANG", "ADQL", "QUERY", "SELECT TOP 1 obs_id FROM ivoa.obscore",
                "PHASE", "RUN"));
        String failed = Uws.create(list, Map.of("LANG", "ADQL", "QUERY", "SELECT nothing FROM ivoa.obscore",
                "PHASE", "RUN"));
        String pending = Uws.create(list, Map.of("LANG", "ADQL", "QUERY", "SELECT TOP 1 obs_id FROM ivoa.obscore"));
        assertEquals("COMPLETED", Uws.text(Uws.awaitEnd(done, 60), "phase")); // awaitEnd validates each document
        assertEquals("ERROR", Uws.text(Uws.awaitEnd(failed, 60), "phase"));
        assertEquals("PENDING", Uws.text(RegistrySchemas.valid(given().get(pending).asByteArray()), "phase"));
        Document jobs = RegistrySchemas.valid(given().get(list).asByteArray());
        assertEquals("jobs", jobs.getDocumentElement().getLocalName());
    }

    @Test
    void oaiPmhResponsesOfEveryVerbAndErrors() {
        String id = "ivo%3A%2F%2F" + service.config().service().authority() + "%2Ftap";
        for (String query : List.of("verb=Identify", "verb=ListMetadataFormats", "verb=ListSets",
                "verb=ListIdentifiers&metadataPrefix=ivo_vor", "verb=ListIdentifiers&metadataPrefix=oai_dc",
                "verb=ListRecords&metadataPrefix=ivo_vor", "verb=ListRecords&metadataPrefix=oai_dc",
                "verb=GetRecord&metadataPrefix=ivo_vor&identifier=" + id,
                "verb=GetRecord&metadataPrefix=oai_dc&identifier=" + id,
                "verb=Nothing", "verb=GetRecord&metadataPrefix=ivo_vor&identifier=ivo%3A%2F%2Fnone%2Fx")) {
            Document d = valid("/oai?" + query, 200, "OAI-PMH");
            boolean error = query.contains("Nothing") || query.contains("none");
            assertEquals(error, d.getElementsByTagNameNS(OaiTest.OAI, "error").getLength() > 0, query);
        }
    }

    @Test
    void votablesAndErrorDocuments() {
        valid("/tap/sync?LANG=ADQL&QUERY=SELECT%20TOP%203%20*%20FROM%20ivoa.obscore", 200, "VOTABLE");
        valid("/tap/sync?LANG=ADQL&QUERY=SELECT%20nothing%20FROM%20ivoa.obscore", 400, "VOTABLE");
        valid("/ssa?REQUEST=queryData&POS=10,-5&SIZE=1", 200, "VOTABLE");
        valid("/ssa?REQUEST=queryData&FORMAT=METADATA", 200, "VOTABLE");
        valid("/ssa?REQUEST=queryData&POS=nowhere", 400, "VOTABLE");
        valid("/datalink/links?ID=ivo%3A%2F%2Fmeridian.demo%2Ftest%3Fobs-00", 200, "VOTABLE");
        valid("/datalink/links", 400, "VOTABLE");
        valid("/tap/nothing", 404, "VOTABLE");
    }

    @Test
    void examplesParseAsXhtml() throws Exception {
        Document d = VoTables.dom(get("/tap/examples", 200));
        assertEquals("http://www.w3.org/1999/xhtml", d.getDocumentElement().getNamespaceURI());
        assertFalse(d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "div").getLength() == 0);
    }

    @Test
    void theSchemasRejectWhatTheyShould() {
        String two = new String(get("/tap/capabilities", 200), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("(<securityMethod standardID=\"[^\"]*\"/>)", "$1$1");
        assertTrue(two.contains("BasicAA"), two);
        assertThrows(AssertionError.class, () -> RegistrySchemas.valid(two), "two securityMethods in an interface");
        String avail = new String(get("/tap/availability", 200), java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(AssertionError.class, () -> RegistrySchemas.valid(avail.replace("available>", "up>")));
    }
}
