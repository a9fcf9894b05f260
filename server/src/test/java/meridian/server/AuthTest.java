package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.server.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ac.starlink.table.StarTable;

/**
 * Proprietary data through TAP sync and async, uploads, /files and job ownership, for anonymous,
 * wrong-group and right-group users. The test archive's 40 products are changed so that:
 * <ul>
 * <li>collection {@code alpha} (obs-00..24) is metadata-proprietary for group {@code alpha-team};
 *     obs-00..09 are released in 2999, the others in 2020;</li>
 * <li>collection {@code beta} (obs-25..39) is data-proprietary for group {@code beta-team};
 *     obs-25..29 are released in 2999; obs-34 is public ({@code data_rights} public, no release
 *     date), obs-36 proprietary released in 2020, obs-37 proprietary without a release date
 *     (never released).</li>
 * </ul>
 * obs-02, a hidden spectrum, is the only product of target {@code Hidden Star}.
 * Catalogue {@code cat.secret_sources} belongs to alpha-team until 2999, {@code cat.old_sources}
 * was released in 2020.
 * Users: alice (alpha-team), carol (beta-team), bob (no group). Anonymous users and bob see 30
 * products (every beta row, the released alpha rows), alice all 40.
 */
class AuthTest {

    private static final String PASSWORD = "correct horse battery";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        Path dir = service.dataDir();
        Path defs = Files.createDirectories(dir.resolve("demo/collections"));
        for (String[] c : new String[][] {{"alpha", "metadata", "alpha-team"}, {"beta", "data", "beta-team"}}) {
            Files.writeString(defs.resolve(c[0] + ".yaml"), """
                    name: %s
                    title: Test collection %s
                    obs_id_pattern: 'obs-\\d+'
                    rights: {data_rights: proprietary, proprietary: %s, groups: [%s]}
                    sources: ['*.fits']
                    loader: spectrum-image
                    """.formatted(c[0], c[0], c[1], c[2]));
            Path root = Files.createDirectories(dir.resolve(c[0]));
            for (int i = 0; i < TestService.ROWS; i++) {
                Files.writeString(root.resolve(String.format("obs-%02d.fits", i)), "file " + i);
                Files.writeString(root.resolve(String.format("obs-%02d.png", i)), "preview " + i);
            }
        }
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"obs_release_date\" = CAST('2999-01-01 00:00:00' AS"
                    + " TIMESTAMP) WHERE \"obs_id\" < 'obs-10' OR (\"obs_id\" >= 'obs-25' AND \"obs_id\" < 'obs-30')");
            // as the ingester writes them: archive_id <collection>/<path>, access_url <base>/files/<archive_id>
            st.executeUpdate("UPDATE \"archive\".\"product_files\" SET \"access_url\" = 'http://127.0.0.1/files/'"
                    + " || (CASE WHEN \"archive_id\" < 'obs-25' THEN 'alpha/' ELSE 'beta/' END) || \"original_filename\","
                    + " \"archive_id\" = (CASE WHEN \"archive_id\" < 'obs-25' THEN 'alpha/' ELSE 'beta/' END)"
                    + " || \"original_filename\"");
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"data_rights\" = 'public', \"obs_release_date\" = NULL"
                    + " WHERE \"obs_id\" = 'obs-34'");
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"data_rights\" = 'proprietary' WHERE \"obs_id\" = 'obs-36'");
            // a target only a hidden spectrum has (alpha, released 2999)
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"target_name\" = 'Hidden Star' WHERE \"obs_id\" = 'obs-02'");
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"data_rights\" = 'proprietary', \"obs_release_date\" = NULL"
                    + " WHERE \"obs_id\" = 'obs-37'");
        }
        for (String[] cat : new String[][] {{"secret_sources", "2999-01-01"}, {"old_sources", "2020-01-01"}}) {
            Files.writeString(defs.resolve(cat[0] + ".csv"), "id,mag\n1,12.5\n2,13.5\n3,14.5\n");
            Path yaml = Files.writeString(defs.resolve(cat[0] + ".yaml"), "kind: catalogue\nschema: cat\ntable: "
                    + cat[0] + "\nsources: [" + cat[0] + ".csv]\nrights: {groups: [alpha-team], release_date: "
                    + cat[1] + "}\n");
            new CatalogueLoader(service.archive().database()).load(CatalogueDefinition.load(yaml), false, n -> { });
        }
        // loaded from a YAML outside the collections directory: its rights come with the stored catalogue
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("far.csv"), "id,mag\n1,12.5\n2,13.5\n");
        Path farYaml = Files.writeString(elsewhere.resolve("far.yaml"), "kind: catalogue\nschema: cat\ntable: far_sources"
                + "\nsources: [far.csv]\nrights: {groups: [alpha-team]}\n");
        new CatalogueLoader(service.archive().database()).load(CatalogueDefinition.load(farYaml), false, n -> { });
        // granted to one user (bob, who has no group) by his personal group
        Files.writeString(elsewhere.resolve("own.csv"), "id,mag\n1,12.5\n");
        Path ownYaml = Files.writeString(elsewhere.resolve("own.yaml"), "kind: catalogue\nschema: cat\ntable: bobs_sources"
                + "\nsources: [own.csv]\nrights: {groups: ['user:bob']}\n");
        new CatalogueLoader(service.archive().database()).load(CatalogueDefinition.load(ownYaml), false, n -> { });
        UserStore users = new UserStore(dir.resolve("auth"));
        users.putUser("alice", PASSWORD.toCharArray(), List.of("alpha-team"));
        users.putUser("carol", PASSWORD.toCharArray(), List.of("beta-team"));
        users.putUser("bob", PASSWORD.toCharArray(), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static RequestSpecification as(String user) {
        RequestSpecification r = given().baseUri(service.baseUrl()).redirects().follow(false);
        return user.equals("anonymous") ? r : r.auth().preemptive().basic(user, PASSWORD);
    }

    /** The CSV rows of a sync query (header removed). */
    private static List<String> rows(String user, String adql) {
        Response r = as(user).formParams(Map.of("LANG", "ADQL", "QUERY", adql, "FORMAT", "csv")).post("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        List<String> lines = r.asString().lines().toList();
        return lines.subList(1, lines.size());
    }

    private static String single(String user, String adql) {
        List<String> rows = rows(user, adql);
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    /** The leak attempts: every one answers as if the hidden rows did not exist. */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            anonymous | SELECT COUNT(*) FROM ivoa.obscore                                                 | 30
            bob       | SELECT COUNT(*) FROM ivoa.obscore                                                 | 30
            carol     | SELECT COUNT(*) FROM ivoa.obscore                                                 | 30
            alice     | SELECT COUNT(*) FROM ivoa.obscore                                                 | 40
            anonymous | SELECT COUNT(*) FROM archive.product_files                                        | 60
            alice     | SELECT COUNT(*) FROM archive.product_files                                        | 80
            anonymous | SELECT COUNT(*) FROM ivoa.obscore AS o JOIN archive.product_files AS f ON f.product_id = o.obs_publisher_did | 60
            alice     | SELECT COUNT(*) FROM ivoa.obscore AS o JOIN archive.product_files AS f ON f.product_id = o.obs_publisher_did | 80
            anonymous | SELECT COUNT(*) FROM archive.product_files WHERE archive_id < 'alpha/obs-10'      | 0
            alice     | SELECT COUNT(*) FROM archive.product_files WHERE archive_id < 'alpha/obs-10'      | 20
            anonymous | SELECT COUNT(*) FROM archive.product_files WHERE product_id IN (SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id < 'obs-10') | 0
            alice     | SELECT COUNT(*) FROM archive.product_files WHERE product_id IN (SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id < 'obs-10') | 20
            anonymous | SELECT COUNT(*) FROM ivoa.obscore WHERE EXISTS (SELECT 1 FROM archive.product_files WHERE product_files.product_id = obscore.obs_publisher_did) | 30
            anonymous | SELECT COUNT(*) FROM (SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id = 'obs-01' UNION SELECT product_id FROM archive.product_files WHERE archive_id = 'alpha/obs-01.fits') AS u | 0
            alice     | SELECT COUNT(*) FROM (SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id = 'obs-01' UNION SELECT product_id FROM archive.product_files WHERE archive_id = 'alpha/obs-01.fits') AS u | 1
            anonymous | SELECT COUNT(*) FROM ivoa.obscore AS a, ivoa.obscore AS b WHERE a.obs_id = b.obs_id | 30
            anonymous | SELECT TOP 1 obs_id FROM ivoa.obscore WHERE obs_release_date IS NOT NULL ORDER BY obs_release_date DESC, obs_id | obs-25
            alice     | SELECT TOP 1 obs_id FROM ivoa.obscore WHERE obs_release_date IS NOT NULL ORDER BY obs_release_date DESC, obs_id | obs-00
            anonymous | SELECT MIN(obs_id) FROM ivoa.obscore WHERE obs_collection = 'alpha'              | obs-10
            anonymous | SELECT COUNT(*) FROM ivoa.obscore WHERE obs_id = 'obs-03'                        | 0
            anonymous | SELECT COUNT(*) FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 13, -3.5, 0.2)) | 0
            alice     | SELECT COUNT(*) FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 13, -3.5, 0.2)) | 1
            anonymous | SELECT COUNT(*) FROM ivoa.obscore WHERE 1 / (s_ra - 11) > -1000                  | 30
            anonymous | SELECT COUNT(*) FROM cat.secret_sources                                           | 0
            carol     | SELECT COUNT(*) FROM cat.secret_sources AS s JOIN cat.old_sources AS o ON s.id = o.id | 0
            alice     | SELECT COUNT(*) FROM cat.secret_sources                                           | 3
            anonymous | SELECT COUNT(*) FROM cat.old_sources                                              | 3
            anonymous | SELECT COUNT(*) FROM cat.far_sources                                              | 0
            carol     | SELECT COUNT(*) FROM cat.far_sources                                              | 0
            alice     | SELECT COUNT(*) FROM cat.far_sources                                              | 2
            bob       | SELECT COUNT(*) FROM cat.bobs_sources                                             | 1
            alice     | SELECT COUNT(*) FROM cat.bobs_sources                                             | 0
            anonymous | SELECT COUNT(*) FROM cat.bobs_sources                                             | 0
            anonymous | SELECT COUNT(*) FROM cat.secret_sources WHERE 1 / (mag - 12.5) > -1000          | 0
            anonymous | SELECT COUNT(*) FROM archive.product_files WHERE 1 / (access_estsize - 101) > -1000 | 60
            anonymous | SELECT COUNT(*) FROM ivoa.obscore WHERE 1 / (s_ra - 11) > -1000 AND obs_id = 'obs-01' | 0
            anonymous | SELECT COUNT(*) FROM archive.product_files AS f JOIN ivoa.obscore AS o ON f.product_id = o.obs_publisher_did WHERE 1 / (o.s_ra - 11) > -1000 | 60
            """)
    void leakAttemptsSeeOnlyVisibleRows(String user, String adql, String expected) {
        assertEquals(expected, single(user, adql));
    }

    @Test
    void withItemsSeeTheSameRows() {
        Response r = as("anonymous").formParams(Map.of("LANG", "ADQL-2.1", "FORMAT", "csv",
                "QUERY", "WITH x AS (SELECT obs_id FROM ivoa.obscore) SELECT COUNT(*) FROM x")).post("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("30", r.asString().lines().toList().get(1));
    }

    @Test
    void uploadsJoinedWithObscoreSeeTheSameRows() {
        String csv = "id,name\n1,obs-01\n2,obs-15\n3,obs-26\n";
        for (String[] c : new String[][] {{"anonymous", "2"}, {"alice", "3"}}) {
            Response r = as(c[0]).multiPart("LANG", "ADQL").multiPart("FORMAT", "csv")
                    .multiPart("QUERY", "SELECT COUNT(*) FROM TAP_UPLOAD.t AS t JOIN ivoa.obscore AS o ON o.obs_id = t.name")
                    .multiPart("UPLOAD", "t,param:t").multiPart("t", "t.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .post("/tap/sync");
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(c[1], r.asString().lines().toList().get(1), c[0]);
        }
    }

    @Test
    void wrongCredentialsAre401WithAChallengeNeverARedirect() {
        for (RequestSpecification r : List.of(
                given().baseUri(service.baseUrl()).redirects().follow(false).auth().preemptive().basic("alice", "hunter2-bad"),
                given().baseUri(service.baseUrl()).redirects().follow(false).auth().preemptive().basic("nobody", "x"),
                given().baseUri(service.baseUrl()).redirects().follow(false).header("Authorization", "Bearer mrd_forged"),
                given().baseUri(service.baseUrl()).redirects().follow(false).header("Authorization", "Basic !!!"))) {
            Response resp = r.queryParams(Map.of("LANG", "ADQL", "QUERY", "SELECT TOP 1 obs_id FROM ivoa.obscore"))
                    .get("/tap/sync");
            assertEquals(401, resp.statusCode());
            assertTrue(resp.headers().getValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Basic ")));
            assertTrue(resp.asString().contains("QUERY_STATUS"), resp.asString());
            assertFalse(resp.asString().contains("hunter2"), "no credential echoed");
        }
    }

    @Test
    void wrongCredentialsOnSodaAreSodasTextError() {
        // refused by the authentication filter before SODA runs, yet in SODA 1.0's own form
        Response resp = given().baseUri(service.baseUrl()).redirects().follow(false)
                .auth().preemptive().basic("alice", "hunter2-bad")
                .queryParams(Map.of("ID", "ivo://nowhere/x", "CIRCLE", "10 10 0.1")).get("/soda/sync");
        assertEquals(401, resp.statusCode());
        assertTrue(resp.contentType().startsWith("text/plain"), resp.contentType());
        assertTrue(resp.asString().startsWith("AuthenticationError: "), resp.asString());
        assertTrue(resp.headers().getValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Basic ")));
        assertFalse(resp.asString().contains("hunter2"), "no credential echoed");
    }

    @ParameterizedTest(name = "{0} reads {1}: {2}")
    @CsvSource(textBlock = """
            anonymous, alpha/obs-15.fits, 200
            anonymous, alpha/obs-01.fits, 404
            anonymous, alpha/no-such.fits, 404
            bob,       alpha/obs-01.fits, 404
            carol,     alpha/obs-01.fits, 404
            alice,     alpha/obs-01.fits, 200
            anonymous, beta/obs-26.fits,  401
            alice,     beta/obs-26.fits,  403
            carol,     beta/obs-26.fits,  200
            anonymous, beta/obs-35.fits,  200
            anonymous, beta/obs-34.fits,  200
            bob,       beta/obs-36.fits,  200
            anonymous, beta/obs-37.fits,  401
            alice,     beta/obs-37.fits,  403
            carol,     beta/obs-37.fits,  200
            """)
    void filesFollowTheProductRights(String user, String path, int status) {
        Response r = as(user).get("/files/" + path);
        assertEquals(status, r.statusCode(), r.asString());
        if (status == 401) {
            assertFalse(r.headers().getValues("WWW-Authenticate").isEmpty());
        }
    }

    private static String did(String obsId) {
        return "ivo://meridian.demo/test?" + obsId;
    }

    /**
     * DataLink 1.1 link_auth and link_authorized, for anonymous, wrong-group (bob: none, alice:
     * alpha-team) and right-group (carol: beta-team) callers on public (obs-34), released (obs-35,
     * obs-36), unreleased (obs-26) and never-released (obs-37) products: every row of a visible
     * product is a link (no error row), and following a file link succeeds exactly when
     * link_authorized says so (401 when anonymous, else 403). Hidden products (alpha obs-01) are
     * a NotFoundFault row, without link_auth/link_authorized, for all but alpha-team.
     */
    @ParameterizedTest(name = "{0} links {1}: {2} {3}")
    @CsvSource(textBlock = """
            anonymous, obs-34, optional, true
            bob,       obs-34, optional, true
            carol,     obs-34, optional, true
            anonymous, obs-35, optional, true
            alice,     obs-35, optional, true
            anonymous, obs-36, optional, true
            bob,       obs-36, optional, true
            carol,     obs-36, optional, true
            anonymous, obs-26, true,     false
            bob,       obs-26, true,     false
            alice,     obs-26, true,     false
            carol,     obs-26, true,     true
            anonymous, obs-37, true,     false
            alice,     obs-37, true,     false
            carol,     obs-37, true,     true
            anonymous, obs-15, optional, true
            alice,     obs-01, true,     true
            anonymous, obs-01, ,
            bob,       obs-01, ,
            carol,     obs-01, ,
            """)
    void datalinkSaysWhoMayUseEachLink(String user, String obsId, String auth, Boolean authorized) throws Exception {
        Response r = as(user).queryParam("ID", did(obsId)).get("/datalink/links");
        assertEquals(200, r.statusCode(), r.asString());
        VoTables.assertSchemaValid(r.asByteArray());
        StarTable t = VoTables.table(r.asByteArray());
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            names.add(t.getColumnInfo(i).getName());
        }
        assertEquals(Boolean.class, t.getColumnInfo(names.indexOf("link_authorized")).getContentClass());
        List<Object[]> rows = VoTables.rows(t);
        assertFalse(rows.isEmpty());
        for (Object[] row : rows) {
            Map<String, Object> m = new java.util.HashMap<>();
            for (int i = 0; i < row.length; i++) {
                m.put(names.get(i), row[i]);
            }
            if (auth == null) {
                assertTrue(String.valueOf(m.get("error_message")).startsWith("NotFoundFault: "), m.toString());
                assertEquals(null, m.get("link_auth"), m.toString());
                assertEquals(null, m.get("link_authorized"), m.toString());
                continue;
            }
            assertEquals(null, m.get("error_message"), m.toString());
            assertEquals(auth, m.get("link_auth"), m.toString());
            assertEquals(authorized, m.get("link_authorized"), m.toString());
            String url = (String) m.get("access_url");
            if (url != null && url.contains("/files/")) {
                int status = as(user).get(url.substring(url.indexOf("/files/"))).statusCode();
                assertEquals(authorized ? 200 : user.equals("anonymous") ? 401 : 403, status, url);
            }
        }
    }

    @Test
    void datalinklintAcceptsLinksTheCallerMayNotUse() throws Exception {
        DatalinkTest.assertDatalinklintClean(service.baseUrl() + "/datalink/links?ID=" + DatalinkTest.enc(did("obs-26"))
                + "&ID=" + DatalinkTest.enc(did("obs-34")) + "&ID=" + DatalinkTest.enc(did("obs-01")));
    }

    @ParameterizedTest(name = "{0} bundles {1}: {2}")
    @CsvSource(textBlock = """
            anonymous, obs-01, 404
            alice,     obs-01, 200
            anonymous, obs-26, 401
            bob,       obs-26, 403
            carol,     obs-26, 200
            anonymous, obs-37, 401
            alice,     obs-37, 403
            carol,     obs-37, 200
            bob,       obs-36, 200
            """)
    void bundlesAndCutoutsFollowTheProductRights(String user, String obsId, int status) {
        Response bundle = as(user).queryParam("ID", did(obsId)).get("/bundle");
        assertEquals(status, bundle.statusCode(), bundle.asString());
        if (status == 401) {
            assertFalse(bundle.headers().getValues("WWW-Authenticate").isEmpty());
        }
        Response soda = as(user).queryParam("ID", did(obsId)).queryParam("CIRCLE", "20 0 1").get("/soda/sync");
        if (status != 200) {
            assertEquals(status, soda.statusCode(), soda.asString());
        } else {
            assertFalse(soda.statusCode() == 401 || soda.statusCode() == 403 || soda.statusCode() == 404,
                    soda.statusCode() + " " + soda.asString());
        }
    }

    @ParameterizedTest(name = "{0} finds obs-02 by SSA: {1}")
    @CsvSource({"anonymous, false", "bob, false", "alice, true"})
    void ssaSeesTheSameRowsAsTap(String user, boolean found) {
        Response r = as(user).queryParams(Map.of("REQUEST", "queryData", "POS", "12,-4", "SIZE", "0.5")).get("/ssa");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(found, r.asString().contains("obs-02"), r.asString());
    }

    /** SSA TARGETNAME: the name of a target only hidden products have is an unknown name. */
    @Test
    void ssaTargetNamesOfHiddenProductsAreUnknownNames() {
        Map<String, String> query = Map.of("REQUEST", "queryData", "TARGETNAME", "hidden  STAR");
        Map<String, String> unknown = Map.of("REQUEST", "queryData", "TARGETNAME", "hidden  STAX");
        for (String user : List.of("anonymous", "bob")) {
            Response hidden = as(user).queryParams(query).get("/ssa");
            Response none = as(user).queryParams(unknown).get("/ssa");
            assertEquals(none.statusCode(), hidden.statusCode());
            assertEquals(none.asString(), hidden.asString());
            assertFalse(hidden.asString().contains("Hidden Star"), hidden.asString());
        }
        Response alice = as("alice").queryParams(query).get("/ssa");
        assertEquals(200, alice.statusCode(), alice.asString());
        assertTrue(alice.asString().contains("obs-02"), alice.asString());
    }

    @Test
    void bundleQueriesSeeTheSameRowsAsTap() {
        Response r = as("anonymous").queryParam("QUERY", "SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id < 'obs-02'")
                .get("/bundle");
        assertEquals(400, r.statusCode(), "no visible product: nothing to bundle, not the hidden ones");
    }

    @Test
    void asyncJobsRunWithTheirOwnersRightsAndBelongToThem() {
        String list = service.tapUrl() + "/async";
        Response created = as("alice").formParams(Map.of("LANG", "ADQL", "FORMAT", "csv", "PHASE", "RUN",
                "QUERY", "SELECT COUNT(*) FROM ivoa.obscore")).post("/tap/async");
        assertEquals(303, created.statusCode());
        String job = created.header("Location");
        String path = job.substring(service.baseUrl().length());
        for (int i = 0; i < 100 && !as("alice").get(path + "/phase").asString().trim().equals("COMPLETED"); i++) {
            sleep();
        }
        assertEquals("40", as("alice").get(path + "/results/result").asString().lines().toList().get(1));
        assertEquals("alice", as("alice").get(path + "/owner").asString());

        assertEquals(401, as("anonymous").get(path).statusCode());
        assertEquals(403, as("bob").get(path).statusCode());
        assertEquals(403, as("bob").get(path + "/results/result").statusCode());
        assertEquals(403, as("bob").formParams(Map.of("PHASE", "ABORT")).post(path + "/phase").statusCode());
        assertEquals(403, as("bob").delete(path).statusCode());
        assertFalse(as("bob").get("/tap/async").asString().contains(path.substring(path.lastIndexOf('/') + 1)));
        assertTrue(as("alice").get("/tap/async").asString().contains(path.substring(path.lastIndexOf('/') + 1)));
        assertFalse(as("anonymous").get("/tap/async").asString().contains(path.substring(path.lastIndexOf('/') + 1)));

        Response anon = as("anonymous").formParams(Map.of("LANG", "ADQL", "FORMAT", "csv", "PHASE", "RUN",
                "QUERY", "SELECT COUNT(*) FROM ivoa.obscore")).post("/tap/async");
        String anonPath = anon.header("Location").substring(service.baseUrl().length());
        for (int i = 0; i < 100 && !as("anonymous").get(anonPath + "/phase").asString().trim().equals("COMPLETED"); i++) {
            sleep();
        }
        assertEquals("30", as("anonymous").get(anonPath + "/results/result").asString().lines().toList().get(1));
        assertEquals(303, as("alice").delete(path).statusCode());
        assertTrue(list.endsWith("/async"));
    }

    @Test
    void tokensFromTheCommandLineWorkUntilRevoked() throws Exception {
        String config = Path.of("../conf/meridian.yaml").toString();
        String data = service.dataDir().toString();
        String[] out = new String[1];
        int code = captured(out, () -> Main.run("token", "create", "alice", "--config", config, "--data", data));
        assertEquals(0, code);
        String token = out[0].trim();
        assertTrue(token.startsWith("mrd_"), token);
        assertFalse(Files.readString(service.dataDir().resolve("auth/tokens.yaml")).contains(token),
                "only the token's hash is stored");
        Response ok = given().baseUri(service.baseUrl()).header("Authorization", "Bearer " + token)
                .formParams(Map.of("LANG", "ADQL", "FORMAT", "csv", "QUERY", "SELECT COUNT(*) FROM ivoa.obscore"))
                .post("/tap/sync");
        assertEquals(200, ok.statusCode());
        assertEquals("40", ok.asString().lines().toList().get(1));

        assertEquals(0, captured(out, () -> Main.run("token", "revoke", token, "--config", config, "--data", data)));
        assertEquals(1, captured(out, () -> Main.run("token", "revoke", token, "--config", config, "--data", data)));
        Response revoked = given().baseUri(service.baseUrl()).header("Authorization", "Bearer " + token)
                .queryParams(Map.of("LANG", "ADQL", "QUERY", "SELECT COUNT(*) FROM ivoa.obscore")).get("/tap/sync");
        assertEquals(401, revoked.statusCode());
        assertEquals(2, captured(out, () -> Main.run("token", "create", "nobody", "--config", config, "--data", data)));
    }

    @Test
    void theRegistryPublishesOnlyCollectionsAnonymousUsersMaySee() throws Exception {
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement()) {
            for (String name : new String[] {"alpha", "beta"}) {
                st.executeUpdate("INSERT INTO \"archive\".\"collections\" (\"collection\", \"title\", \"data_rights\","
                        + " \"updated\") VALUES ('" + name + "', 'Collection " + name + "', 'proprietary',"
                        + " CAST('2026-01-01 00:00:00' AS TIMESTAMP))");
            }
        }
        String oai = given().baseUri(service.baseUrl()).queryParams(Map.of("verb", "ListIdentifiers",
                "metadataPrefix", "ivo_vor")).get("/oai").asString();
        assertTrue(oai.contains("collections/beta"), oai);
        assertFalse(oai.contains("collections/alpha"), oai);
        assertEquals("1", single("anonymous", "SELECT COUNT(*) FROM archive.collections"));
        assertEquals("2", single("alice", "SELECT COUNT(*) FROM archive.collections"));
    }

    @Test
    void capabilitiesDeclareOneInterfacePerSecurityMethod() {
        for (String path : List.of("/tap/capabilities", "/datalink/capabilities", "/ssa/capabilities")) {
            String caps = given().baseUri(service.baseUrl()).get(path).asString();
            RegistrySchemas.valid(caps); // VOResource 1.1 as published: at most one securityMethod per interface
            assertFalse(caps.contains("sso#token"), path + ": not an SSO 2.0 method: " + caps);
            for (String capability : caps.split("<capability[ >]")) {
                assertTrue(count(capability, "role=\"std\"") <= 1, path + ": one std interface per capability: " + caps);
                if (!capability.contains("role=\"std\"")) {
                    continue;
                }
                String std = capability.substring(capability.indexOf("<interface xsi:type=\"vs:ParamHTTP\" role=\"std\""));
                std = std.substring(0, std.indexOf("</interface>"));
                assertFalse(std.contains("securityMethod"), path + ": the std interface is the anonymous one: " + caps);
                String url = std.substring(std.indexOf("<accessURL"), std.indexOf("</accessURL>"));
                String basic = "<securityMethod standardID=\"ivo://ivoa.net/sso#BasicAA\"/>";
                assertEquals(1, count(capability, basic), path + ": " + caps);
                String authenticated = capability.substring(capability.lastIndexOf("<interface", capability.indexOf(basic)));
                assertTrue(authenticated.startsWith("<interface xsi:type=\"vs:ParamHTTP\""), authenticated);
                assertTrue(authenticated.contains(url), path + ": BasicAA on the std interface's URL: " + caps);
            }
        }
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private interface Run {
        int run() throws Exception;
    }

    private static synchronized int captured(String[] out, Run run) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return run.run();
        } finally {
            System.setOut(old);
            out[0] = buf.toString(StandardCharsets.UTF_8);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
