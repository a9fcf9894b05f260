package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ADQL user-defined functions ({@code meridian.adql.AdqlFunctions}) through TAP on a real
 * server, on Derby (Java bodies) and PostgreSQL (SQL bodies, HEALPix by pgSphere) alike: the same
 * ADQL must give the same values on both. HEALPix reference values: the twelve base pixels of the
 * NESTED scheme (Górski et al. 2005, fig. 3: faces 0-3 around the north pole centred at
 * dec = asin(2/3), 4-7 on the equator at ra = 0, 90, 180, 270, 8-11 in the south), the centre of
 * pixel 0 at order 1 (dec = asin(1/3)), and deep-order pixels whose numbers the PostgreSQL run
 * checks against pgSphere's independent implementation. The TAP capabilities declare every
 * function ({@code #features-udf}).
 */
class UdfTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** The single CSV value of a one-row query on obs-00. */
    private static String value(String expression) {
        Response r = given().baseUri(service.baseUrl()).queryParams(Map.of("LANG", "ADQL", "FORMAT", "csv",
                "QUERY", "SELECT " + expression + " AS v FROM ivoa.obscore WHERE obs_id = 'obs-00'")).get("/tap/sync");
        assertEquals(200, r.statusCode(), expression + ": " + r.asString());
        List<String> lines = r.asString().lines().toList();
        assertEquals(2, lines.size(), expression + ": " + r.asString());
        return lines.get(1);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "ivo_nocasematch('Hello World', 'hello%')|1",
        "ivo_nocasematch('Hello', 'h_llo')|1",
        "ivo_nocasematch('Hello', 'h_lo')|0",
        "ivo_nocasematch('axb', 'a.b')|0",
        "ivo_nocasematch('50%', '50\\%')|0",
        "ivo_nocasematch(obs_id, 'OBS-0_')|1",
        "ivo_hasword('The Quick brown fox', 'quick')|1",
        "ivo_hasword('The quickest fox', 'quick')|0",
        "ivo_hasword('Spectra of ivo://x/Y-stars', 'y stars')|1",
        "ivo_hasword('brown fox', 'fox brown')|0",
        "ivo_hasword('abc', '')|0",
        "ivo_hashlist_has('Spectrum#Image#cube', 'image')|1",
        "ivo_hashlist_has('a#b', 'c')|0",
        "ivo_hashlist_has('a#b', 'a#b')|0",
        "ivo_interval_overlaps(1, 2, 2, 3)|1",
        "ivo_interval_overlaps(1, 2, 2.5, 3)|0",
        "ivo_interval_overlaps(1, 5, 2, 3)|1",
        "ivo_interval_overlaps(2, 1, 1, 2)|0",
        "ivo_interval_overlaps(em_min, em_max, 5e-7, 6e-7)|1",
        "ivo_healpix_index(0, 0, 0)|4",
        "ivo_healpix_index(0, 90, 0)|5",
        "ivo_healpix_index(0, 180, 0)|6",
        "ivo_healpix_index(0, 270, 0)|7",
        "ivo_healpix_index(0, 45, 41.8)|0",
        "ivo_healpix_index(0, 135, 41.8)|1",
        "ivo_healpix_index(0, 45, -41.8)|8",
        "ivo_healpix_index(0, 315, -41.8)|11",
        "ivo_healpix_index(10, 187.2779, 2.0524)|6730964",
        "ivo_healpix_index(29, 10.5, -20.25)|1175367431305186930",
        "ivo_healpix_index(12, 47.021484375, 5.613593176443484)|123456"})
    void functionsGiveTheReferenceValues(String expression, String expected) {
        String v = value(expression);
        if (expected.contains(".")) {
            assertEquals(Double.parseDouble(expected), Double.parseDouble(v), 1e-9, expression);
        } else {
            assertEquals(expected, v, expression);
        }
    }

    @Test
    void functionsWorkInWhereClauses() {
        Response r = given().baseUri(service.baseUrl()).queryParams(Map.of("LANG", "ADQL", "FORMAT", "csv",
                "QUERY", "SELECT obs_id FROM ivoa.obscore WHERE ivo_nocasematch(target_name, 'STAR-4') = 1"
                        + " AND ivo_healpix_index(0, s_ra, s_dec) = 4 ORDER BY obs_id")).get("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(List.of("obs_id", "obs-04", "obs-09", "obs-14", "obs-19", "obs-24"),
                r.asString().lines().toList());
    }

    @ParameterizedTest(name = "centre of {0} {1}")
    @CsvSource({"0,4,0,0", "0,0,45,41.810314895778596", "1,0,45,19.47122063449069",
        "12,123456,47.021484375,5.613593176443484"})
    void healpixCenterGivesThePixelCentre(int order, long pixel, double ra, double dec) {
        String[] v = value("ivo_healpix_center(" + order + ", " + pixel + ")").replaceAll("[^-0-9.eE]+", " ").trim()
                .split(" ");
        assertEquals(2, v.length, String.join(",", v));
        assertEquals(ra, Double.parseDouble(v[0]), 1e-9);
        assertEquals(dec, Double.parseDouble(v[1]), 1e-9);
        assertEquals(String.valueOf(pixel), value("ivo_healpix_index(" + order + ", " + v[0] + ", " + v[1] + ")"));
    }

    @Test
    void stringAggJoinsTheValuesOfEachGroup() {
        Response r = given().baseUri(service.baseUrl()).queryParams(Map.of("LANG", "ADQL", "FORMAT", "csv",
                "QUERY", "SELECT obs_collection, ivo_string_agg(obs_id, '|') AS ids, COUNT(*) AS n FROM ivoa.obscore"
                        + " WHERE obs_id < 'obs-30' GROUP BY obs_collection ORDER BY obs_collection")).get("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        List<String> lines = r.asString().lines().toList();
        assertEquals(3, lines.size(), r.asString());
        for (String line : lines.subList(1, 3)) {
            String[] cells = line.split(",");
            List<String> ids = new java.util.ArrayList<>(List.of(cells[1].split("\\|")));
            java.util.Collections.sort(ids);
            int from = cells[0].equals("alpha") ? 0 : 25;
            int to = cells[0].equals("alpha") ? 25 : 30;
            List<String> want = new java.util.ArrayList<>();
            for (int i = from; i < to; i++) {
                want.add(String.format("obs-%02d", i));
            }
            assertEquals(want, ids, line);
            assertEquals(String.valueOf(to - from), cells[2]);
        }
        assertEquals("", value("ivo_string_agg(target_class, ',')"), "NULL for a group without values");
    }

    @Test
    void healpixCenterIsAPointColumn() {
        Response r = given().baseUri(service.baseUrl()).queryParams(Map.of("LANG", "ADQL",
                "QUERY", "SELECT ivo_healpix_center(0, 4) AS c FROM ivoa.obscore WHERE obs_id = 'obs-00'"))
                .get("/tap/sync");
        String body = r.asString();
        assertTrue(body.contains("xtype=\"point\""), body);
    }

    @Test
    void badArgumentsAreQueryErrors() {
        for (String expression : List.of("ivo_healpix_index(30, 0, 0)", "ivo_healpix_center(1, 48)",
                "ivo_hasword('a')", "ivo_no_such_function(1)")) {
            Response r = given().baseUri(service.baseUrl()).queryParams(Map.of("LANG", "ADQL", "QUERY",
                    "SELECT " + expression + " FROM ivoa.obscore WHERE obs_id = 'obs-00'")).get("/tap/sync");
            assertEquals(400, r.statusCode(), expression + ": " + r.asString());
        }
    }

    @Test
    void capabilitiesDeclareEveryFunction() {
        String caps = given().baseUri(service.baseUrl()).get("/tap/capabilities").asString();
        assertTrue(caps.contains("<languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-udf\">"), caps);
        for (String f : List.of("ivo_nocasematch(value VARCHAR, pattern VARCHAR) -&gt; INTEGER",
                "ivo_hasword(haystack VARCHAR, needle VARCHAR) -&gt; INTEGER",
                "ivo_hashlist_has(hashlist VARCHAR, item VARCHAR) -&gt; INTEGER",
                "ivo_interval_overlaps(l1 DOUBLE, h1 DOUBLE, l2 DOUBLE, h2 DOUBLE) -&gt; INTEGER",
                "ivo_healpix_index(hpxOrder INTEGER, ra DOUBLE, dec DOUBLE) -&gt; BIGINT",
                "ivo_healpix_center(hpxOrder INTEGER, hpxIndex BIGINT) -&gt; POINT",
                "ivo_string_agg(expr VARCHAR, delim VARCHAR) -&gt; VARCHAR")) {
            assertTrue(caps.contains("<form>" + f + "</form>"), f + "\n" + caps);
        }
    }
}
