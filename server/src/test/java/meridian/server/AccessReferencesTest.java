package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
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
import uk.ac.starlink.table.StarTable;

/**
 * Links to this service are stored relative and made absolute with the base URL of each request:
 * a server reached under another host name and port hands out links with that name in TAP
 * (VOTable and CSV), SSA and DataLink; archives holding the old {@code http://localhost:port}
 * links are upgraded when they open.
 */
class AccessReferencesTest {

    private static final String COLLECTION = "refs_spectra";
    private static final String HOST = "archive.example.org:8443";
    private static TestService service;

    @BeforeAll
    static void ingest() throws Exception {
        service = TestService.start();
        Path yaml = DemoArchive.generateSpectra(service.dataDir(), COLLECTION, 3);
        IngestReport r = new Ingestor(service.archive().database(), new Collections(service.archive().config())
                .settings()).ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(), ProgressListener.NONE);
        assertTrue(r.succeeded(), r.summary());
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static List<String> stored(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Response tap(String adql, String format) {
        Response r = given().baseUri(service.baseUrl()).header("Host", HOST).formParam("LANG", "ADQL")
                .formParam("QUERY", adql).formParam("FORMAT", format).post("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        return r;
    }

    private static List<String> column(Response votable, int col) throws Exception {
        StarTable t = VoTables.table(votable.asByteArray());
        List<String> out = new ArrayList<>();
        for (Object[] row : VoTables.rows(t)) {
            out.add((String) row[col]);
        }
        return out;
    }

    private static void assertOnHost(List<String> urls) {
        assertFalse(urls.isEmpty());
        for (String u : urls) {
            assertTrue(u.startsWith("http://" + HOST + "/files/" + COLLECTION + "/")
                    || u.startsWith("http://" + HOST + "/datalink/"), u);
        }
    }

    @Test
    void theRowsHoldNoHostName() throws Exception {
        for (String u : stored("SELECT \"access_url\" FROM \"ivoa\".\"obscore\" WHERE \"obs_collection\" = '"
                + COLLECTION + "'")) {
            assertTrue(u.startsWith("/files/" + COLLECTION + "/"), u);
        }
        for (String u : stored("SELECT f.\"access_url\" FROM \"archive\".\"product_files\" f JOIN \"ivoa\".\"obscore\""
                + " o ON o.\"obs_publisher_did\" = f.\"product_id\" WHERE o.\"obs_collection\" = '" + COLLECTION + "'")) {
            assertTrue(u.startsWith("/files/" + COLLECTION + "/"), u);
        }
    }

    @Test
    void tapResultsFollowTheRequestsHostInEveryFormat() throws Exception {
        String where = " WHERE obs_collection = '" + COLLECTION + "'";
        Response v = tap("SELECT access_url, preview, access_url AS renamed FROM ivoa.obscore" + where, "votable");
        VoTables.assertSchemaValid(v.asByteArray());
        assertOnHost(column(v, 0));
        assertOnHost(column(v, 1));
        assertOnHost(column(v, 2));
        Response csv = tap("SELECT access_url FROM ivoa.obscore" + where, "csv");
        List<String> lines = csv.asString().lines().skip(1).toList();
        assertEquals(3, lines.size());
        assertOnHost(lines);
        Response files = tap("SELECT f.access_url FROM archive.product_files AS f JOIN ivoa.obscore AS o"
                + " ON o.obs_publisher_did = f.product_id" + where, "votable");
        assertOnHost(column(files, 0));
        // the links work on the server's own address too
        String url = column(tap("SELECT TOP 1 access_url FROM ivoa.obscore" + where, "votable"), 0).get(0);
        assertEquals(200, given().get(url.replace("http://" + HOST, service.baseUrl())).statusCode());
        // expressions over access_url run (they see the stored reference)
        Response expr = tap("SELECT COUNT(*) FROM ivoa.obscore" + where + " AND access_url LIKE '%.fits'", "votable");
        assertEquals(3, ((Number) VoTables.rows(VoTables.table(expr.asByteArray())).get(0)[0]).intValue());
        tap("SELECT 'x' || access_url AS joined FROM ivoa.obscore" + where, "csv");
    }

    @Test
    void asyncResultsFollowTheHostOfTheRequestThatCreatedTheJob() throws Exception {
        Response created = given().baseUri(service.baseUrl()).header("Host", HOST).redirects().follow(false)
                .formParam("LANG", "ADQL").formParam("PHASE", "RUN")
                .formParam("QUERY", "SELECT access_url, preview FROM ivoa.obscore WHERE obs_collection = '"
                        + COLLECTION + "'")
                .post("/tap/async");
        assertEquals(303, created.statusCode(), created.asString());
        String job = created.header("Location").replace("http://" + HOST, service.baseUrl());
        assertEquals("COMPLETED", Uws.text(Uws.awaitEnd(job, 60), "phase"));
        // read from another address: the links still name the host the job was created on
        Response result = given().get(job + "/results/result");
        assertEquals(200, result.statusCode(), result.asString());
        assertOnHost(column(result, 0));
        assertOnHost(column(result, 1));
    }

    @Test
    void ssaAndDatalinkFollowTheRequestsHost() throws Exception {
        Response ssa = given().baseUri(service.baseUrl()).header("Host", HOST).queryParam("REQUEST", "queryData")
                .queryParam("COLLECTION", COLLECTION).get("/ssa");
        assertEquals(200, ssa.statusCode(), ssa.asString());
        StarTable t = VoTables.table(ssa.asByteArray());
        int access = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            if ("ssa:Access.Reference".equals(t.getColumnInfo(i).getUtype())) {
                access = i;
            }
        }
        assertTrue(access >= 0);
        List<String> refs = new ArrayList<>();
        for (Object[] row : VoTables.rows(t)) {
            refs.add((String) row[access]);
        }
        assertOnHost(refs);
        String did = stored("SELECT \"obs_publisher_did\" FROM \"ivoa\".\"obscore\" WHERE \"obs_collection\" = '"
                + COLLECTION + "'").get(0);
        Response links = given().baseUri(service.baseUrl()).header("Host", HOST).queryParam("ID", did)
                .get("/datalink/links");
        assertEquals(200, links.statusCode());
        List<String> urls = new ArrayList<>();
        for (Object[] row : VoTables.rows(VoTables.table(links.asByteArray()))) {
            if (row[1] != null) {
                urls.add((String) row[1]);
            }
        }
        assertTrue(urls.size() >= 2, urls.toString());
        for (String u : urls) {
            assertTrue(u.startsWith("http://" + HOST + "/"), u);
        }
    }

    @Test
    void linksStoredWithLocalhostAreUpgradedWhenTheArchiveOpens() throws Exception {
        String in = " WHERE \"obs_collection\" = '" + COLLECTION + "'";
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"access_url\" = 'http://localhost:8080' || \"access_url\","
                    + " \"preview\" = 'http://localhost:8080' || \"preview\"" + in);
        }
        assertTrue(stored("SELECT \"access_url\" FROM \"ivoa\".\"obscore\"" + in).get(0).startsWith("http://localhost:8080/"));
        service.restart(() -> null);
        for (String u : stored("SELECT \"access_url\" FROM \"ivoa\".\"obscore\"" + in)) {
            assertTrue(u.startsWith("/files/"), u);
        }
        assertOnHost(column(tap("SELECT preview FROM ivoa.obscore WHERE obs_collection = '" + COLLECTION + "'",
                "votable"), 0));
    }
}
