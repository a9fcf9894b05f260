package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import meridian.server.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import uk.ac.starlink.table.StarTable;

/**
 * SIA 2.0 against a real server holding {@link TestService}'s rows: images obs-01, obs-03, ...
 * (odd i) at ra = 10 + i, dec = -5 + i/2, each a 0.1 degree box, t_min = MJD 58000 + i, em
 * (400 + i .. 700 + i) nm, calib_level 2, s_fov 0.1, t_exptime 600, em_res_power 2000, no
 * s_resolution or pol_states; collection beta (i >= 25) is metadata-proprietary for group
 * beta-team and obs-35..39 are released in 2999, so anonymous callers see 17 images and carol 20.
 * Every parameter with single, repeated and open-ended values, errors, VOSI, the registry record,
 * votlint and pyvo's SIA2Service.
 */
class SiaTest {

    private static final String PASSWORD = "sia-secret-pw";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        Path defs = Files.createDirectories(service.dataDir().resolve("demo/collections"));
        Files.writeString(defs.resolve("beta.yaml"), """
                name: beta
                title: Test collection beta
                obs_id_pattern: 'obs-\\d+'
                rights: {data_rights: proprietary, proprietary: metadata, groups: [beta-team]}
                sources: ['*.fits']
                loader: spectrum-image
                """);
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"obs_release_date\" = CAST('2999-01-01 00:00:00' AS"
                    + " TIMESTAMP) WHERE \"obs_id\" >= 'obs-35'");
        }
        new UserStore(service.dataDir().resolve("auth")).putUser("carol", PASSWORD.toCharArray(), List.of("beta-team"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** GET /sia/query with a raw query string (repeated parameters kept). */
    private static Response sia(String query) {
        return given().baseUri(service.baseUrl()).urlEncodingEnabled(false).get("/sia/query?" + query);
    }

    private static String q(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> ids(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        StarTable t = VoTables.table(body);
        int did = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equals("obs_publisher_did")) {
                did = i;
            }
        }
        TreeSet<String> out = new TreeSet<>();
        for (Object[] row : VoTables.rows(t)) {
            String s = (String) row[did];
            out.add(s.substring(s.indexOf('?') + 1));
        }
        return new ArrayList<>(out);
    }

    private static List<String> odd(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            if (i % 2 == 1) {
                out.add(String.format("obs-%02d", i));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "POS=CIRCLE 19 -0.5 0.1|obs-09",
        // the circle only reaches the footprint's edge (its centre is 0.1 deg away)
        "POS=CIRCLE 19.1 -0.5 0.06|obs-09",
        "POS=CIRCLE 19 -0.5 0.1&POS=CIRCLE 21 0.5 0.1|obs-09 obs-11",
        "POS=RANGE 18.5 21.5 -1 1|obs-09 obs-11",
        "POS=RANGE 18.5 21.5 -Inf 0|obs-09",
        "POS=POLYGON 18.9 -0.6 19.1 -0.6 19.1 -0.4|obs-09",
        "BAND=4.015e-7|obs-01",
        "BAND=-Inf 4.035e-7|obs-01 obs-03",
        "TIME=58003 58005.5|obs-03 obs-05",
        "TIME=-Inf 58001.5&TIME=58023 58023|obs-01 obs-23",
        "ID=IVO://MERIDIAN.DEMO/TEST?OBS-09|obs-09",
        "ID=ivo://meridian.demo/test?obs-08|",
        "TARGET=star-4|obs-09 obs-19 obs-29",
        "FACILITY=test telescope|",
        "EXPTIME=-Inf 100|",
        "SPECRP=3000 +Inf|",
        "FOV=1 +Inf|",
        "SPATRES=-Inf +Inf|",
        "POL=I|",
        "CALIB=3|",
        "DPTYPE=spectrum|",
        "COLLECTION=alpha&BAND=7.12e-7 +Inf|obs-13 obs-15 obs-17 obs-19 obs-21 obs-23",
        "COLLECTION=alpha&TIME=58003 58005.5&POS=CIRCLE 13 -3.5 0.01|obs-03"})
    void parametersSelectImages(String query, String expected) throws Exception {
        String encoded = String.join("&", java.util.Arrays.stream(query.split("&")).map(p -> {
            int eq = p.indexOf('=');
            return p.substring(0, eq) + "=" + q(p.substring(eq + 1));
        }).toList());
        List<String> want = expected == null ? List.of() : List.of(expected.split(" "));
        assertEquals(want, ids(sia(encoded)), query);
    }

    @Test
    void parametersThatMatchEveryVisibleImage() throws Exception {
        List<String> visible = odd(1, 33);
        for (String query : List.of("RESPONSEFORMAT=votable", "DPTYPE=image", "CALIB=2&CALIB=3", "FACILITY=" + q("Test Telescope"),
                "INSTRUMENT=TSPEC", "FORMAT=" + q("application/fits"), "EXPTIME=" + q("500 700"),
                "SPECRP=" + q("1000 3000"), "FOV=" + q("0.05 0.2"), "maxrec=100", "BAND=" + q("-Inf +Inf"))) {
            assertEquals(visible, ids(sia(query)), query);
        }
    }

    @Test
    void rightsOfTheCallerApply() throws Exception {
        Response carol = given().baseUri(service.baseUrl()).auth().preemptive().basic("carol", PASSWORD)
                .get("/sia/query?COLLECTION=beta");
        assertEquals(odd(25, 39), ids(carol));
        assertEquals(odd(25, 33), ids(sia("COLLECTION=beta")));
    }

    @Test
    void resultsAreObscoreWithTheDatalinkDescriptor() throws Exception {
        Response r = sia("POS=" + q("CIRCLE 19 -0.5 0.1"));
        String body = r.asString();
        assertTrue(body.contains("utype=\"obscore:Char.SpatialAxis.Coverage.Support.Area\""), body);
        assertTrue(body.contains("utype=\"adhoc:service\"") && body.contains(service.baseUrl() + "/datalink/links"),
                body);
        StarTable t = VoTables.table(r.asByteArray());
        int columns = service.archive().database().model().table("ivoa.obscore").orElseThrow().columns().size();
        assertEquals(columns, t.getColumnCount(), "every ObsCore column");
    }

    @Test
    void maxrecTruncatesWithOverflowAndZeroGivesMetadata() throws Exception {
        Response r = sia("MAXREC=2");
        assertEquals(2, ids(r).size());
        assertEquals(List.of("OK", "OVERFLOW"), VoTables.statuses(r.asByteArray()));
        assertEquals(List.of(), ids(sia("MAXREC=0")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POS=CIRCLE 10 100 1|UsageFault: POS: a circle is CIRCLE ra dec radius",
        "POS=BOX 10 10 1 1|UsageFault: POS must start with CIRCLE, RANGE or POLYGON",
        "POS=POLYGON 1 2 3 4|UsageFault: POS: a polygon is",
        "BAND=abc|UsageFault: BAND: 'abc' is not a number",
        "BAND=5 4|UsageFault: BAND: the interval '5 4' is inverted",
        "TIME=1 2 3|UsageFault: TIME: '1 2 3' is not a value or an interval",
        "CALIB=7|UsageFault: CALIB: '7' is not a calibration level",
        "POL=Z|UsageFault: POL: 'Z' is not a polarization state",
        "MAXREC=-1|UsageFault: MAXREC=-1 is negative",
        "RESPONSEFORMAT=csv|UsageFault: RESPONSEFORMAT=csv: SIA responses are VOTables"})
    void badParametersAreDaliUsageFaults(String query, String message) throws Exception {
        int eq = query.indexOf('=');
        Response r = sia(query.substring(0, eq) + "=" + q(query.substring(eq + 1)));
        assertEquals(400, r.statusCode());
        String error = VoTables.errorMessage(r.asByteArray());
        assertTrue(error.startsWith(message), error);
    }

    @Test
    void capabilitiesAndRegistryRecordDeclareTheQueryResource() throws Exception {
        Response caps = given().baseUri(service.baseUrl()).get("/sia/capabilities");
        assertEquals(200, caps.statusCode());
        Document doc = RegistrySchemas.valid(caps.asString());
        assertTrue(caps.asString().contains("standardID=\"ivo://ivoa.net/std/SIA#query-2.0\""), caps.asString());
        assertTrue(caps.asString().contains(service.baseUrl() + "/sia/query"), caps.asString());
        assertTrue(doc.getElementsByTagNameNS("*", "capability").getLength() == 3);
        Response availability = given().baseUri(service.baseUrl()).get("/sia/availability");
        assertTrue(availability.asString().contains("<vosi:available>true</vosi:available>"));
        Response record = given().baseUri(service.baseUrl()).queryParam("verb", "GetRecord")
                .queryParam("identifier", "ivo://meridian.demo/sia").queryParam("metadataPrefix", "ivo_vor").get("/oai");
        RegistrySchemas.valid(record.asString());
        assertTrue(record.asString().contains("ivo://ivoa.net/std/SIA#query-2.0"), record.asString());
    }

    @Test
    void votlintFindsNoErrors() throws Exception {
        Path file = service.dataDir().resolve("sia.vot");
        for (String query : List.of("POS=" + q("CIRCLE 19 -0.5 0.1"), "MAXREC=0", "MAXREC=1", "BAND=abc",
                "RESPONSEFORMAT=votable%2Fb2&TIME=" + q("58003 58005.5"))) {
            Files.write(file, sia(query).asByteArray());
            String out = Commands.run(List.of("/usr/bin/stilts", "votlint", "votable=" + file));
            assertTrue(out.isBlank(), query + ":\n" + out);
        }
    }

    @Test
    void pyvoSia2ServiceSearches() throws Exception {
        String out = Commands.run(List.of("/usr/bin/python3", "src/test/python/pyvo_sia2_check.py", service.baseUrl() + "/sia"));
        assertTrue(out.contains("pyvo sia2: OK"), out);
    }
}
