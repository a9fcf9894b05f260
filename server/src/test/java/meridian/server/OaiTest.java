package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import meridian.server.config.MeridianConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The OAI-PMH publishing registry at {@code /oai} against a real server: every verb and error
 * code, a harvesting loop over resumption tokens (page size 3), every record and response valid
 * against the OAI-PMH and IVOA schemas ({@link RegistrySchemas}), and the records' capabilities
 * identical to the VOSI ones.
 */
class OaiTest {

    static final String OAI = "http://www.openarchives.org/OAI/2.0/";
    static final String RI = "http://www.ivoa.net/xml/RegistryInterface/v1.0";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** Collections in the archive's collections table: alpha and beta (with ObsCore rows), and more. */
    static final List<String> COLLECTIONS = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta");

    private static TestService service;
    private static String authority;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(c -> c.withRegistry(new MeridianConfig.Registry(3)), (real, db) -> real);
        authority = MeridianConfig.load(java.nio.file.Path.of("../conf/meridian.yaml")).service().authority();
        try (Connection c = service.archive().database().connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO \"archive\".\"collections\" (\"collection\","
                     + " \"title\", \"description\", \"facility_name\", \"instruments\", \"data_rights\", \"citation\","
                     + " \"updated\") VALUES (?, ?, ?, 'Test Telescope', 'TSPEC, TCAM', 'public', ?, ?)")) {
            for (String name : COLLECTIONS) {
                ps.setString(1, name);
                ps.setString(2, "The " + name + " collection");
                ps.setString(3, "Spectra & images of the " + name + " <survey>");
                ps.setString(4, name.equals("alpha") ? "Alpha et al. 2024" : null);
                ps.setTimestamp(5, java.sql.Timestamp.from(Instant.parse("2024-01-15T10:00:00Z")));
                ps.executeUpdate();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** A GET of /oai with these arguments (name, value, name, value...; a name may repeat). */
    static Response oai(String... args) {
        RequestSpecification r = given().baseUri(service.baseUrl()).urlEncodingEnabled(true);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            params.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
        }
        params.forEach((k, v) -> r.queryParam(k, v.toArray()));
        Response response = r.get("/oai");
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("text/xml"), response.contentType());
        return response;
    }

    /** The response, schema-valid. */
    static Document valid(Response r) {
        return RegistrySchemas.valid(r.asByteArray());
    }

    static List<Element> elements(Node parent, String ns, String local) {
        NodeList list = parent instanceof Document d ? d.getElementsByTagNameNS(ns, local)
                : ((Element) parent).getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static String text(Node parent, String ns, String local) {
        List<Element> e = elements(parent, ns, local);
        return e.isEmpty() ? null : e.get(0).getTextContent();
    }

    /** The {@code error} code of a response, or null. */
    static String errorCode(Document d) {
        List<Element> e = elements(d, OAI, "error");
        return e.isEmpty() ? null : e.get(0).getAttribute("code");
    }

    @Test
    void identifyDescribesThePublishingRegistry() {
        Document d = valid(oai("verb", "Identify"));
        assertNull(errorCode(d));
        assertEquals(service.baseUrl() + "/oai", text(d, OAI, "baseURL"));
        assertEquals("2.0", text(d, OAI, "protocolVersion"));
        assertEquals("YYYY-MM-DDThh:mm:ssZ", text(d, OAI, "granularity"));
        assertEquals("no", text(d, OAI, "deletedRecord"));
        assertNotNull(text(d, OAI, "adminEmail"));
        Element resource = elements(d, RI, "Resource").get(0);
        assertEquals("vg:Registry", resource.getAttributeNS(XSI, "type"));
        assertEquals("ivo://" + authority + "/registry", text(resource, "", "identifier"));
        Element capability = elements(resource, "", "capability").get(0);
        assertEquals("vg:Harvest", capability.getAttributeNS(XSI, "type"));
        assertEquals(service.baseUrl() + "/oai", text(capability, "", "accessURL"));
        assertEquals("3", text(capability, "", "maxRecords"));
        assertEquals(authority, text(resource, "", "managedAuthority"));
        Element request = elements(d, OAI, "request").get(0);
        assertEquals("Identify", request.getAttribute("verb"));
    }

    @Test
    void listMetadataFormatsOffersVoResourceAndDublinCore() {
        for (Response r : List.of(oai("verb", "ListMetadataFormats"),
                oai("verb", "ListMetadataFormats", "identifier", "ivo://" + authority + "/tap"))) {
            Document d = valid(r);
            List<String> prefixes = elements(d, OAI, "metadataPrefix").stream().map(Element::getTextContent).toList();
            assertEquals(List.of("ivo_vor", "oai_dc"), prefixes);
        }
    }

    @Test
    void listSetsHasIvoManaged() {
        Document d = valid(oai("verb", "ListSets"));
        assertEquals(List.of("ivo_managed"),
                elements(d, OAI, "setSpec").stream().map(Element::getTextContent).toList());
    }

    /** Every record in both formats, followed over resumption tokens; each once. */
    static List<Element> harvest(String verb, String prefix, String... selection) {
        List<Element> items = new ArrayList<>();
        List<String> first = new ArrayList<>(List.of("verb", verb, "metadataPrefix", prefix));
        first.addAll(List.of(selection));
        Response r = oai(first.toArray(new String[0]));
        int pages = 0;
        int expectedCursor = 0;
        while (true) {
            Document d = valid(r);
            assertNull(errorCode(d), r.asString());
            String item = verb.equals("ListRecords") ? "record" : "header";
            List<Element> page = elements(d.getElementsByTagNameNS(OAI, verb).item(0), OAI, item).stream()
                    .filter(e -> !item.equals("header") || e.getParentNode().getLocalName().equals(verb)).toList();
            assertTrue(page.size() <= 3, "page size");
            items.addAll(page);
            pages++;
            List<Element> token = elements(d, OAI, "resumptionToken");
            if (token.isEmpty()) {
                assertEquals(1, pages, "a split list ends with an empty token");
                break;
            }
            assertEquals(Integer.toString(expectedCursor), token.get(0).getAttribute("cursor"));
            expectedCursor += page.size();
            if (token.get(0).getTextContent().isEmpty()) {
                assertEquals(Integer.toString(items.size()), token.get(0).getAttribute("completeListSize"));
                break;
            }
            r = oai("verb", verb, "resumptionToken", token.get(0).getTextContent());
        }
        return items;
    }

    static List<String> identifiers(List<Element> items) {
        return items.stream().map(e -> text(e, OAI, "identifier")).toList();
    }

    @Test
    void harvestingLoopCollectsEveryRecordExactlyOnce() {
        List<String> expected = new ArrayList<>(List.of("ivo://" + authority, "ivo://" + authority + "/registry",
                "ivo://" + authority + "/tap", "ivo://" + authority + "/ssa", "ivo://" + authority + "/datalink",
                "ivo://" + authority + "/scs/ivoa.obscore", "ivo://" + authority + "/sia"));
        COLLECTIONS.forEach(c -> expected.add("ivo://" + authority + "/collections/" + c));
        for (String verb : List.of("ListRecords", "ListIdentifiers")) {
            for (String prefix : List.of("ivo_vor", "oai_dc")) {
                List<String> ids = identifiers(harvest(verb, prefix));
                assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicates in " + ids);
                assertEquals(Set.copyOf(expected), Set.copyOf(ids), verb + " " + prefix);
            }
        }
        assertEquals(expected.size(), identifiers(harvest("ListIdentifiers", "ivo_vor", "set", "ivo_managed")).size());
    }

    @Test
    void recordsHaveTheirTypesAndCapabilities() {
        Map<String, Element> byId = new LinkedHashMap<>();
        for (Element record : harvest("ListRecords", "ivo_vor")) {
            Element resource = elements(record, RI, "Resource").get(0);
            byId.put(text(resource, "", "identifier"), resource);
            assertEquals("active", resource.getAttribute("status"));
            assertEquals(text(record, OAI, "datestamp"), resource.getAttribute("updated"));
        }
        String base = "ivo://" + authority;
        assertEquals("vg:Authority", byId.get(base).getAttributeNS(XSI, "type"));
        assertEquals("vg:Registry", byId.get(base + "/registry").getAttributeNS(XSI, "type"));
        Element tap = byId.get(base + "/tap");
        assertEquals("vs:CatalogService", tap.getAttributeNS(XSI, "type"));
        assertTrue(elements(tap, "", "table").size() > 5, "the TAP record has the tableset");
        Element alpha = byId.get(base + "/collections/alpha");
        assertEquals("vs:CatalogResource", alpha.getAttributeNS(XSI, "type"));
        assertEquals("The alpha collection", text(alpha, "", "title"));
        assertEquals("Test Telescope", text(alpha, "", "facility"));
        assertEquals(List.of("TSPEC", "TCAM"), elements(alpha, "", "instrument").stream()
                .map(Element::getTextContent).toList());
        assertEquals("public", text(alpha, "", "rights"));
        assertTrue(text(alpha, "", "description").contains("Alpha et al. 2024"));
        // alpha's ObsCore rows: t_min from MJD 58000, em_max (700 + 24) nm
        String temporal = text(alpha, "", "temporal");
        assertEquals(58000.0, Double.parseDouble(temporal.split(" ")[0]));
        assertEquals(List.of("Optical"), elements(alpha, "", "waveband").stream().map(Element::getTextContent)
                .toList());
        Element aux = elements(alpha, "", "capability").get(0);
        assertEquals("ivo://ivoa.net/std/TAP#aux", aux.getAttribute("standardID"));
        assertEquals(service.tapUrl(), text(aux, "", "accessURL"));
        assertEquals("IsServedBy", text(alpha, "", "relationshipType"));
        assertEquals(base + "/tap", elements(alpha, "", "relatedResource").get(0).getAttribute("ivo-id"));
        // a collection without ObsCore rows has no coverage
        assertTrue(elements(byId.get(base + "/collections/zeta"), "", "coverage").isEmpty());
    }

    @Test
    void tapRecordCapabilitiesAreTheVosiCapabilities() throws Exception {
        byte[] vosiBytes = given().baseUri(service.baseUrl()).get("/tap/capabilities").asByteArray();
        Document vosi = RegistrySchemas.valid(vosiBytes);
        Document record = valid(oai("verb", "GetRecord", "identifier", "ivo://" + authority + "/tap",
                "metadataPrefix", "ivo_vor"));
        List<Element> fromVosi = elements(vosi, "", "capability");
        List<Element> fromOai = elements(record, "", "capability");
        assertEquals(fromVosi.size(), fromOai.size());
        assertEquals(5, fromVosi.size());
        for (int i = 0; i < fromVosi.size(); i++) {
            assertEquals(canonical(fromVosi.get(i)), canonical(fromOai.get(i)), "capability " + i);
            assertTrue(fromVosi.get(i).isEqualNode(fromOai.get(i)), "capability " + i);
        }
        Element tap = fromOai.get(0);
        assertEquals("tr:TableAccess", tap.getAttributeNS(XSI, "type"));
        assertEquals("ivo://ivoa.net/std/TAP", tap.getAttribute("standardID"));
        // the collections' auxiliary capability is the TAP one with the #aux standardID
        Document alpha = valid(oai("verb", "GetRecord", "identifier", "ivo://" + authority + "/collections/alpha",
                "metadataPrefix", "ivo_vor"));
        Element aux = elements(alpha, "", "capability").get(0);
        Element auxCopy = (Element) aux.cloneNode(true);
        auxCopy.setAttribute("standardID", "ivo://ivoa.net/std/TAP");
        assertEquals(canonical(tap), canonical(auxCopy));
    }

    /** The element re-serialised, without whitespace-only text and namespace declarations. */
    private static String canonical(Element e) throws Exception {
        Element copy = (Element) e.cloneNode(true);
        strip(copy);
        var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        var w = new java.io.StringWriter();
        t.transform(new javax.xml.transform.dom.DOMSource(copy), new javax.xml.transform.stream.StreamResult(w));
        return w.toString().replaceAll(" xmlns(:\\w+)?=\"[^\"]*\"", "");
    }

    private static void strip(Node n) {
        for (Node c = n.getFirstChild(); c != null; ) {
            Node next = c.getNextSibling();
            if (c.getNodeType() == Node.TEXT_NODE && c.getTextContent().isBlank()) {
                n.removeChild(c);
            } else {
                strip(c);
            }
            c = next;
        }
    }

    @Test
    void getRecordInBothFormats() {
        for (String id : List.of("ivo://" + authority, "ivo://" + authority + "/registry",
                "ivo://" + authority + "/tap", "ivo://" + authority + "/collections/beta")) {
            Document vor = valid(oai("verb", "GetRecord", "identifier", id, "metadataPrefix", "ivo_vor"));
            assertEquals(id, text(elements(vor, RI, "Resource").get(0), "", "identifier"));
            Document dc = valid(oai("verb", "GetRecord", "identifier", id, "metadataPrefix", "oai_dc"));
            List<String> dcIds = elements(dc, "http://purl.org/dc/elements/1.1/", "identifier").stream()
                    .map(Element::getTextContent).toList();
            assertTrue(dcIds.contains(id), dcIds.toString());
            assertNotNull(text(dc, "http://purl.org/dc/elements/1.1/", "title"));
        }
    }

    @Test
    void postIsAnsweredAsGet() throws Exception {
        Response r = given().baseUri(service.baseUrl()).formParam("verb", "GetRecord")
                .formParam("identifier", "ivo://" + authority + "/tap").formParam("metadataPrefix", "oai_dc")
                .post("/oai");
        assertEquals(200, r.statusCode());
        Document d = valid(r);
        assertNull(errorCode(d));
        assertEquals("GetRecord", elements(d, OAI, "request").get(0).getAttribute("verb"));
    }

    @Test
    void fromAndUntilSelectByDatestamp() {
        List<String> all = identifiers(harvest("ListIdentifiers", "ivo_vor"));
        assertEquals(all, identifiers(harvest("ListIdentifiers", "ivo_vor", "from", "2000-01-01")));
        assertEquals(all, identifiers(harvest("ListIdentifiers", "ivo_vor", "from", "2000-01-01T00:00:00Z",
                "until", "2999-12-31T23:59:59Z")));
        assertEquals(all, identifiers(harvest("ListIdentifiers", "ivo_vor", "until", "2999-01-01")));
        assertEquals("noRecordsMatch", errorCode(valid(oai("verb", "ListIdentifiers", "metadataPrefix", "ivo_vor",
                "until", "2000-01-01"))));
    }

    @Test
    void reingestedCollectionGetsANewDatestamp() throws Exception {
        String id = "ivo://" + authority + "/collections/gamma";
        Document before = valid(oai("verb", "GetRecord", "identifier", id, "metadataPrefix", "ivo_vor"));
        Instant stamp = Instant.parse(text(before, OAI, "datestamp"));
        Instant reingested = stamp.plus(1, ChronoUnit.HOURS);
        try (Connection c = service.archive().database().connection();
             PreparedStatement ps = c.prepareStatement("UPDATE \"archive\".\"collections\" SET \"updated\" = ?"
                     + " WHERE \"collection\" = 'gamma'")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(reingested));
            assertEquals(1, ps.executeUpdate());
        }
        Document after = valid(oai("verb", "GetRecord", "identifier", id, "metadataPrefix", "ivo_vor"));
        assertEquals(reingested.toString(), text(after, OAI, "datestamp"));
        Element resource = elements(after, RI, "Resource").get(0);
        assertEquals(reingested.toString(), resource.getAttribute("updated"));
        assertEquals(elements(before, RI, "Resource").get(0).getAttribute("created"), resource.getAttribute("created"));
        // an incremental harvest from just after the old datestamp finds it (and what else changed since)
        List<String> since = identifiers(harvest("ListIdentifiers", "ivo_vor", "from",
                reingested.toString()));
        assertEquals(List.of(id), since);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("badVerb", new String[] {}),
                Arguments.of("badVerb", new String[] {"verb", "Hello"}),
                Arguments.of("badVerb", new String[] {"verb", "identify"}),
                Arguments.of("badVerb", new String[] {"verb", "Identify", "verb", "Identify"}),
                Arguments.of("badArgument", new String[] {"verb", "Identify", "metadataPrefix", "oai_dc"}),
                Arguments.of("badArgument", new String[] {"verb", "ListRecords"}),
                Arguments.of("badArgument", new String[] {"verb", "ListRecords", "metadataprefix", "oai_dc"}),
                Arguments.of("badArgument", new String[] {"verb", "ListRecords", "metadataPrefix", "oai_dc",
                    "metadataPrefix", "ivo_vor"}),
                Arguments.of("badArgument", new String[] {"verb", "ListRecords", "metadataPrefix", "oai_dc",
                    "from", "yesterday"}),
                Arguments.of("badArgument", new String[] {"verb", "ListRecords", "metadataPrefix", "oai_dc",
                    "from", "2024-13-01"}),
                Arguments.of("badArgument", new String[] {"verb", "ListIdentifiers", "metadataPrefix", "oai_dc",
                    "from", "2024-01-01", "until", "2024-02-01T00:00:00Z"}),
                Arguments.of("badArgument", new String[] {"verb", "ListIdentifiers", "metadataPrefix", "oai_dc",
                    "from", "2024-02-01", "until", "2024-01-01"}),
                Arguments.of("badArgument", new String[] {"verb", "ListRecords", "metadataPrefix", "oai_dc",
                    "resumptionToken", "x"}),
                Arguments.of("badArgument", new String[] {"verb", "GetRecord", "metadataPrefix", "oai_dc"}),
                Arguments.of("badArgument", new String[] {"verb", "GetRecord", "identifier", "ivo://x/y"}),
                Arguments.of("badArgument", new String[] {"verb", "ListSets", "set", "ivo_managed"}),
                Arguments.of("cannotDisseminateFormat", new String[] {"verb", "ListRecords", "metadataPrefix", "vor"}),
                Arguments.of("cannotDisseminateFormat", new String[] {"verb", "ListIdentifiers",
                    "metadataPrefix", "marc"}),
                Arguments.of("cannotDisseminateFormat", new String[] {"verb", "GetRecord", "identifier",
                    "ivo://meridian.demo/tap", "metadataPrefix", "marc"}),
                Arguments.of("idDoesNotExist", new String[] {"verb", "GetRecord", "identifier",
                    "ivo://meridian.demo/nothing", "metadataPrefix", "ivo_vor"}),
                Arguments.of("idDoesNotExist", new String[] {"verb", "ListMetadataFormats", "identifier",
                    "ivo://elsewhere/tap"}),
                Arguments.of("noRecordsMatch", new String[] {"verb", "ListRecords", "metadataPrefix", "ivo_vor",
                    "from", "2999-01-01"}),
                Arguments.of("noRecordsMatch", new String[] {"verb", "ListIdentifiers", "metadataPrefix", "oai_dc",
                    "set", "ivo_other"}),
                Arguments.of("badResumptionToken", new String[] {"verb", "ListRecords", "resumptionToken",
                    "not-a-token"}),
                Arguments.of("badResumptionToken", new String[] {"verb", "ListIdentifiers", "resumptionToken",
                    "MQpmb28K"}),
                Arguments.of("badResumptionToken", new String[] {"verb", "ListSets", "resumptionToken", "x"}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("errors")
    void everyErrorCode(String code, String[] args) {
        Document d = valid(oai(args));
        assertEquals(code, errorCode(d));
        assertFalse(elements(d, OAI, "error").get(0).getTextContent().isBlank(), "errors say what is wrong");
        Element request = elements(d, OAI, "request").get(0);
        if (code.equals("badVerb") || code.equals("badArgument")) {
            assertEquals(0, request.getAttributes().getLength(), "no arguments echoed for " + code);
        } else {
            assertFalse(request.getAttribute("verb").isEmpty());
        }
        assertEquals(service.baseUrl() + "/oai", request.getTextContent());
    }

    @Test
    void resumptionTokenOfAnotherListIsStillUsable() {
        // a token carries its selection: continuing with another list verb works, and stops at the end
        Document first = valid(oai("verb", "ListIdentifiers", "metadataPrefix", "oai_dc"));
        String token = elements(first, OAI, "resumptionToken").get(0).getTextContent();
        Document next = valid(oai("verb", "ListRecords", "resumptionToken", token));
        assertNull(errorCode(next));
        assertEquals("3", elements(next, OAI, "resumptionToken").get(0).getAttribute("cursor"));
    }

    @Test
    void theSchemasCatchMistakesInRecords() {
        String record = oai("verb", "GetRecord", "identifier", "ivo://" + authority + "/tap", "metadataPrefix",
                "ivo_vor").asString();
        RegistrySchemas.valid(record);
        RegistrySchemas.valid(record.replace("<contentLevel>Research</contentLevel>", "")); // optional
        for (String[] mistake : new String[][] {
                {"<outputLimit>", "<outputlimit>"},                                // TAPRegExt element misspelt
                {"xsi:type=\"tr:TableAccess\"", "xsi:type=\"tr:TableAcces\""},    // unknown extension type
                {"<curation>", "<curation><date>yesterday</date>"},                // VOResource date type
                {"<tableset>", "<tableset><flag/>"},                               // VODataService content
                {"<datestamp>", "<datestamp>x"},                                   // OAI-PMH datestamp
        }) {
            String broken = record.replace(mistake[0], mistake[1]);
            if (!broken.contains(mistake[1]) || broken.equals(record)) {
                throw new AssertionError("no " + mistake[0] + " in the record");
            }
            assertThrows(AssertionError.class, () -> RegistrySchemas.valid(broken), mistake[1]);
        }
    }

    @Test
    void landingPageLinksTheRegistry() {
        assertTrue(given().baseUri(service.baseUrl()).get("/").asString().contains("/oai?verb=Identify"));
    }
}
