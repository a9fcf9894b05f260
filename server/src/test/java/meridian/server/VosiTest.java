package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import meridian.server.vosi.Example;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** VOSI availability, capabilities, tables and DALI examples against a real server. */
class VosiTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        service.publishDemoCatalogue();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Response get(String path) {
        return given().baseUri(service.baseUrl()).get(path);
    }

    @Test
    void availabilitySaysAvailable() throws Exception {
        Response r = get("/tap/availability");
        assertEquals(200, r.statusCode());
        Document d = VoTables.dom(r.asByteArray());
        assertEquals("true", d.getElementsByTagNameNS("http://www.ivoa.net/xml/VOSIAvailability/v1.0", "available")
                .item(0).getTextContent());
    }

    @Test
    void capabilitiesDeclareTapLanguagesFormatsAndLimits() throws Exception {
        Response r = get("/tap/capabilities");
        assertEquals(200, r.statusCode());
        Document d = VoTables.dom(r.asByteArray());
        List<String> standards = new ArrayList<>();
        NodeList caps = d.getElementsByTagName("capability");
        for (int i = 0; i < caps.getLength(); i++) {
            standards.add(((Element) caps.item(i)).getAttribute("standardID"));
        }
        assertTrue(standards.containsAll(List.of("ivo://ivoa.net/std/TAP", "ivo://ivoa.net/std/VOSI#capabilities",
                "ivo://ivoa.net/std/VOSI#availability", "ivo://ivoa.net/std/VOSI#tables-1.1",
                "ivo://ivoa.net/std/DALI#examples")), standards.toString());
        String accessUrl = d.getElementsByTagName("accessURL").item(0).getTextContent();
        assertEquals(service.tapUrl(), accessUrl);
        Set<String> versions = new HashSet<>();
        NodeList v = d.getElementsByTagName("version");
        for (int i = 0; i < v.getLength(); i++) {
            versions.add(v.item(i).getTextContent());
        }
        assertEquals(Set.of("2.0", "2.1"), versions);
        assertTrue(r.asString().contains("<mime>application/fits</mime>"));
        assertTrue(r.asString().contains("<hard unit=\"row\">10000000</hard>"));
    }

    @Test
    void tablesListTheModelWithAndWithoutColumns() throws Exception {
        Response full = get("/tap/tables");
        assertEquals(200, full.statusCode());
        Document d = VoTables.dom(full.asByteArray());
        List<String> tables = new ArrayList<>();
        NodeList names = d.getElementsByTagName("table");
        for (int i = 0; i < names.getLength(); i++) {
            tables.add(((Element) names.item(i)).getElementsByTagName("name").item(0).getTextContent());
        }
        assertTrue(tables.containsAll(List.of("ivoa.obscore", "archive.product_files", "archive.collections",
                "TAP_SCHEMA.columns")), tables.toString());
        assertTrue(d.getElementsByTagName("column").getLength() > 50);
        Document min = VoTables.dom(get("/tap/tables?detail=min").asByteArray());
        assertEquals(0, min.getElementsByTagName("column").getLength());
        Response one = get("/tap/tables/ivoa.obscore");
        assertEquals(200, one.statusCode());
        Document t = VoTables.dom(one.asByteArray());
        assertEquals("table", t.getDocumentElement().getLocalName());
        assertTrue(t.getElementsByTagName("column").getLength() >= 30);
        Response missing = get("/tap/tables/ivoa.nothing");
        assertEquals(404, missing.statusCode());
        VoTables.errorMessage(missing.asByteArray());
        Response badDetail = get("/tap/tables?detail=everything");
        assertEquals(400, badDetail.statusCode());
    }

    @Test
    void metadataEndpointsAnswerConditionalRequests() {
        for (String path : List.of("/tap/capabilities", "/tap/tables", "/tap/examples")) {
            Response first = get(path);
            String etag = first.header("ETag");
            assertNotNull(etag, path);
            assertNotNull(first.header("Last-Modified"), path);
            Response again = given().baseUri(service.baseUrl()).header("If-None-Match", etag).get(path);
            assertEquals(304, again.statusCode(), path);
            Response changed = given().baseUri(service.baseUrl()).header("If-None-Match", "\"other\"").get(path);
            assertEquals(200, changed.statusCode(), path);
        }
    }

    @Test
    void everyExampleIsListedAndRuns() throws Exception {
        List<Example> examples = Example.load(Path.of("../conf/examples.yaml"), "archive");
        assertFalse(examples.isEmpty());
        String page = get("/tap/examples").asString();
        Document d = VoTables.dom(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(examples.size(), countTypeof(d));
        for (Example e : examples) {
            assertTrue(page.contains("id=\"" + e.id() + "\""), e.id());
            Response r = given().baseUri(service.baseUrl()).formParam("LANG", "ADQL").formParam("QUERY", e.query())
                    .post("/tap/sync");
            assertEquals(200, r.statusCode(), e.id() + ": " + r.asString());
            VoTables.assertSchemaValid(r.asByteArray());
        }
    }

    private static int countTypeof(Document d) {
        NodeList divs = d.getElementsByTagNameNS("*", "div");
        int n = 0;
        for (int i = 0; i < divs.getLength(); i++) {
            if ("example".equals(((Element) divs.item(i)).getAttribute("typeof"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void landingPageListsTheEndpoints() {
        Response r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.asString().contains(service.tapUrl() + "/capabilities"));
    }
}
