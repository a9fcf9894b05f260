package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.server.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * Simple Cone Search 1.03 against a real server: {@code ivoa.obscore} with {@link TestService}'s
 * rows (obs-NN at ra = 10 + i, dec = -5 + i/2), the demo catalogue {@code demo.sources} published
 * while the server runs (a counterpart within an arcsecond of every even row), and a proprietary
 * catalogue {@code cat.secret_cone} only group {@code alpha-team} may read. VERB, the SCS UCD
 * rules, limits, SCS error documents, VOSI capabilities, the registry records, and the reference
 * clients and validators: pyvo's SCSService, STILTS {@code cone} and {@code coneskymatch}
 * (TOPCAT's multi-cone), votlint.
 */
class ScsTest {

    private static final String PASSWORD = "cone-search-secret";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        // before publication the catalogue has no cone search
        assertEquals(404, scs("demo.sources", Map.of("RA", "20", "DEC", "0", "SR", "0.1")).statusCode());
        service.publishDemoCatalogue();
        Path defs = Files.createDirectories(service.dataDir().resolve("demo/collections"));
        Files.writeString(defs.resolve("secret_cone.csv"), "id,ra,dec\n1,20.0,0.0\n2,20.1,0.0\n3,40.0,5.0\n");
        Path yaml = Files.writeString(defs.resolve("secret_cone.yaml"), """
                kind: catalogue
                schema: cat
                table: secret_cone
                sources: [secret_cone.csv]
                primary_key: id
                position: {ra: ra, dec: dec}
                rights: {groups: [alpha-team], release_date: 2999-01-01}
                """);
        new CatalogueLoader(service.archive().database()).load(CatalogueDefinition.load(yaml), false, n -> { });
        new UserStore(service.dataDir().resolve("auth")).putUser("alice", PASSWORD.toCharArray(),
                List.of("alpha-team"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Response scs(String table, Map<String, ?> params) {
        return given().baseUri(service.baseUrl()).queryParams(params).get("/scs/" + table);
    }

    private static StarTable table(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        assertEquals("OK", VoTables.statuses(body).get(0), r.asString());
        return VoTables.table(body);
    }

    private static int column(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    /** The obs_ids of an ObsCore cone, sorted. */
    private static List<String> obsIds(StarTable t) throws Exception {
        int did = column(t, "obs_publisher_did");
        TreeSet<String> ids = new TreeSet<>();
        for (Object[] row : VoTables.rows(t)) {
            String s = (String) row[did];
            ids.add(s.substring(s.indexOf('?') + 1));
        }
        return new ArrayList<>(ids);
    }

    @Test
    void obscoreConeFindsTheRowsWithinTheRadius() throws Exception {
        assertEquals(List.of("obs-10"), obsIds(table(scs("ivoa.obscore", Map.of("RA", "20", "DEC", "0", "SR", "0.5")))));
        assertEquals(List.of("obs-09", "obs-10", "obs-11"),
                obsIds(table(scs("IVOA.ObsCore", Map.of("ra", "20.0", "dec", "0", "sr", "1.2")))));
        assertEquals(List.of(), obsIds(table(scs("ivoa.obscore", Map.of("RA", "200", "DEC", "-60", "SR", "1")))));
    }

    @ParameterizedTest
    @CsvSource({"ivoa.obscore,obs_publisher_did,s_ra,s_dec", "demo.sources,source_id,ra,dec",
        "cat.secret_cone,id,ra,dec"})
    void exactlyOneFieldCarriesEachScsUcd(String table, String id, String ra, String dec) throws Exception {
        for (String verb : List.of("1", "2", "3")) {
            StarTable t = table(scs(table, Map.of("RA", "20", "DEC", "0", "SR", "0.5", "VERB", verb)));
            Map<String, String> expected = Map.of("ID_MAIN", id, "POS_EQ_RA_MAIN", ra, "POS_EQ_DEC_MAIN", dec);
            for (var e : expected.entrySet()) {
                List<String> with = new ArrayList<>();
                for (int i = 0; i < t.getColumnCount(); i++) {
                    if (e.getKey().equals(t.getColumnInfo(i).getUCD())) {
                        with.add(t.getColumnInfo(i).getName());
                    }
                }
                assertEquals(List.of(e.getValue()), with, table + " VERB=" + verb + " " + e.getKey());
            }
            ColumnInfo idInfo = t.getColumnInfo(column(t, id));
            assertEquals(String.class, idInfo.getContentClass(), "SCS identifiers are character strings");
            Class<?> raClass = t.getColumnInfo(column(t, ra)).getContentClass();
            assertTrue(raClass == Double.class || raClass == Float.class, "SCS positions are float or double");
        }
    }

    @Test
    void verbChoosesIdentifierAndPositionPrincipalOrAllColumns() throws Exception {
        Map<String, String> cone = Map.of("RA", "20", "DEC", "0", "SR", "0.001");
        StarTable one = table(scs("demo.sources", with(cone, "VERB", "1")));
        StarTable two = table(scs("demo.sources", cone));
        StarTable three = table(scs("demo.sources", with(cone, "VERB", "3")));
        assertEquals(List.of("source_id", "ra", "dec"), names(one));
        // principal: source_id, ra, dec, name, gmag, src_class (the demo YAML)
        assertEquals(List.of("source_id", "ra", "dec", "name", "gmag", "src_class"), names(two));
        assertEquals(10, three.getColumnCount(), names(three).toString());
        assertEquals(1, VoTables.rows(three).size());
        Object id = VoTables.rows(one).get(0)[0];
        assertTrue(id instanceof String s && s.matches("1\\d{6}"), "source_id as text: " + id);
    }

    @Test
    void srZeroAndMaxrecZeroGiveTheFieldsOnly() throws Exception {
        for (Map<String, String> q : List.of(Map.of("RA", "20", "DEC", "0", "SR", "0"),
                Map.of("RA", "20", "DEC", "0", "SR", "1.2", "MAXREC", "0"))) {
            Response r = scs("ivoa.obscore", q);
            StarTable t = table(r);
            assertEquals(0, VoTables.rows(t).size());
            assertTrue(t.getColumnCount() > 3);
        }
    }

    @Test
    void maxrecTruncatesWithOverflow() throws Exception {
        Response r = scs("ivoa.obscore", Map.of("RA", "20", "DEC", "0", "SR", "1.2", "MAXREC", "2"));
        assertEquals(2, VoTables.rows(table(r)).size());
        assertEquals(List.of("OK", "OVERFLOW"), VoTables.statuses(r.asByteArray()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DEC=0&SR=1|RA is missing",
        "RA=abc&DEC=0&SR=1|RA='abc' is not a decimal number",
        "RA=20&DEC=91&SR=1|DEC=91.0 is out of range",
        "RA=400&DEC=0&SR=1|RA=400.0 is out of range",
        "RA=NaN&DEC=0&SR=1|RA='NaN' is not a decimal number",
        "RA=20&DEC=0&SR=-1|SR=-1.0 is negative",
        "RA=20&DEC=0&SR=11|maximum search radius of 10.0 degrees",
        "RA=20&DEC=0&SR=1&VERB=7|VERB='7' must be 1",
        "RA=20&DEC=0&SR=1&MAXREC=x|MAXREC=x is not a whole number",
        "RA=20&DEC=0&SR=1&RESPONSEFORMAT=csv|cone search responses are VOTables"})
    void badRequestsGetScsErrorDocuments(String query, String message) throws Exception {
        Response r = given().baseUri(service.baseUrl()).urlEncodingEnabled(false).get("/scs/ivoa.obscore?" + query);
        assertEquals(200, r.statusCode(), "SCS 1.03 clients read errors from the document");
        assertTrue(r.contentType().startsWith("text/xml"), r.contentType());
        byte[] body = r.asByteArray();
        assertTrue(VoTables.errorMessage(body).contains(message), r.asString());
        assertEquals(message.isEmpty() ? "" : VoTables.errorMessage(body), errorInfo(body));
    }

    @Test
    void unknownOrNonPositionalTablesAre404WithTheList() throws Exception {
        for (String table : List.of("no.such", "TAP_SCHEMA.tables", "")) {
            Response r = scs(table, Map.of("RA", "20", "DEC", "0", "SR", "1"));
            assertEquals(404, r.statusCode());
            String error = errorInfo(r.asByteArray());
            assertTrue(error.contains("/scs/ivoa.obscore") && error.contains("/scs/demo.sources"), error);
        }
    }

    @Test
    void rightsOfTheCallerApply() throws Exception {
        Map<String, String> cone = Map.of("RA", "20", "DEC", "0", "SR", "0.5");
        assertEquals(0, VoTables.rows(table(scs("cat.secret_cone", cone))).size(), "anonymous sees no row");
        Response alice = given().baseUri(service.baseUrl()).auth().preemptive().basic("alice", PASSWORD)
                .queryParams(cone).get("/scs/cat.secret_cone");
        assertEquals(2, VoTables.rows(table(alice)).size(), "the group sees the two rows in the cone");
    }

    @Test
    void capabilitiesDeclareTheConeSearchAndItsLimits() throws Exception {
        Response r = given().baseUri(service.baseUrl()).get("/scs/demo.sources/capabilities");
        assertEquals(200, r.statusCode());
        Document doc = RegistrySchemas.valid(r.asString());
        Element cap = capability(doc, "ivo://ivoa.net/std/ConeSearch");
        assertEquals("10.0", text(cap, "maxSR"));
        assertEquals(String.valueOf(service.config().scsMaxrecLimit()), text(cap, "maxRecords"));
        assertEquals("true", text(cap, "verbosity"));
        assertEquals(service.baseUrl() + "/scs/demo.sources?", text(cap, "accessURL"));
        assertTrue(r.asString().contains(service.baseUrl() + "/scs/demo.sources/availability"));
        Response a = given().baseUri(service.baseUrl()).get("/scs/demo.sources/availability");
        assertEquals(200, a.statusCode());
        assertTrue(a.asString().contains("<vosi:available>true</vosi:available>"), a.asString());
    }

    @Test
    void registryHasOneValidRecordPerConeSearch() throws Exception {
        for (String table : List.of("ivoa.obscore", "demo.sources", "cat.secret_cone")) {
            String id = "ivo://meridian.demo/scs/" + table;
            Response r = given().baseUri(service.baseUrl()).queryParams(Map.of("verb", "GetRecord", "identifier", id,
                    "metadataPrefix", "ivo_vor")).get("/oai");
            assertEquals(200, r.statusCode());
            Document doc = RegistrySchemas.valid(r.asString());
            Element cap = capability(doc, "ivo://ivoa.net/std/ConeSearch");
            assertEquals(service.baseUrl() + "/scs/" + table + "?", text(cap, "accessURL"));
            assertTrue(r.asString().contains("<name>" + table + "</name>"),
                    "the record's tableset names the table: " + r.asString());
        }
    }

    @Test
    void votlintFindsNoErrors() throws Exception {
        Path file = service.dataDir().resolve("scs.vot");
        for (String query : List.of("RA=20&DEC=0&SR=1.2&VERB=3", "RA=20&DEC=0&SR=0", "RA=20&DEC=0&SR=1.2&MAXREC=1",
                "RA=20&DEC=95&SR=1")) {
            for (String table : List.of("ivoa.obscore", "demo.sources")) {
                Files.write(file, given().baseUri(service.baseUrl()).urlEncodingEnabled(false)
                        .get("/scs/" + table + "?" + query).asByteArray());
                String out = Commands.run(List.of("/usr/bin/stilts", "votlint", "votable=" + file));
                assertTrue(out.isBlank(), table + "?" + query + ":\n" + out);
            }
        }
    }

    @Test
    void pyvoScsServiceSearches() throws Exception {
        String out = Commands.run(List.of("/usr/bin/python3", "src/test/python/pyvo_scs_check.py", service.baseUrl()));
        assertTrue(out.contains("pyvo scs: OK"), out);
    }

    @Test
    void stiltsConeQueriesTheService() throws Exception {
        Path out = service.dataDir().resolve("cone.csv");
        String log = Commands.run(List.of("/usr/bin/stilts", "cone", "serviceurl=" + service.baseUrl() + "/scs/ivoa.obscore?",
                "lon=20", "lat=0", "radius=1.2", "verb=1", "ofmt=csv", "out=" + out));
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size(), log + lines);
        assertEquals("obs_publisher_did,s_ra,s_dec", lines.get(0));
    }

    @Test
    void stiltsConeskymatchDoesTopcatsMultiCone() throws Exception {
        // five ObsCore positions with a demo.sources counterpart within an arcsecond, and one far from any source
        Path in = service.dataDir().resolve("multicone.csv");
        Files.writeString(in, "name,ra,dec\nobs-00,10,-5\nobs-02,12,-4\nobs-04,14,-3\nobs-06,16,-2\nobs-08,18,-1\n"
                + "nowhere,300,-89\n");
        Path out = service.dataDir().resolve("multicone-out.csv");
        String log = Commands.run(List.of("/usr/bin/stilts", "coneskymatch", "in=" + in, "ifmt=csv", "ra=ra", "dec=dec",
                "sr=0.0003", "find=best", "parallel=3", "serviceurl=" + service.baseUrl() + "/scs/demo.sources?",
                "verb=1", "ofmt=csv", "out=" + out));
        List<String> lines = Files.readAllLines(out);
        assertEquals(6, lines.size(), log + lines);
        for (String line : lines.subList(1, 6)) {
            assertTrue(line.startsWith("obs-0") && line.matches(".*,1\\d{6},.*"), line);
        }
        assertFalse(String.join("\n", lines).contains("nowhere"));
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(name, value);
        return m;
    }

    private static List<String> names(StarTable t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            out.add(t.getColumnInfo(i).getName());
        }
        return out;
    }

    /** The value of the one {@code INFO name="Error"} (SCS), which must be a child of VOTABLE or RESOURCE. */
    private static String errorInfo(byte[] votable) throws Exception {
        VoTables.assertSchemaValid(votable);
        NodeList infos = VoTables.dom(votable).getElementsByTagNameNS("*", "INFO");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < infos.getLength(); i++) {
            Element e = (Element) infos.item(i);
            if ("Error".equals(e.getAttribute("name"))) {
                String parent = e.getParentNode().getLocalName();
                assertTrue(parent.equals("VOTABLE") || parent.equals("RESOURCE"), parent);
                values.add(e.getAttribute("value"));
            }
        }
        assertEquals(1, values.size(), new String(votable, StandardCharsets.UTF_8));
        return values.get(0);
    }

    private static Element capability(Document doc, String standardId) {
        NodeList caps = doc.getElementsByTagNameNS("*", "capability");
        for (int i = 0; i < caps.getLength(); i++) {
            Element e = (Element) caps.item(i);
            if (standardId.equals(e.getAttribute("standardID"))) {
                return e;
            }
        }
        throw new AssertionError("no capability " + standardId);
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().trim();
    }
}
