package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * TAP async (UWS 1.1) against a real server: every job resource, the phase transitions, WAIT,
 * the execution-duration limit, queueing (one executing job at a time here), the reaper and the
 * sync time-out continuation. Every UWS document is validated against the UWS 1.1 schema.
 */
class TapAsyncTest {

    private static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";
    private static TestService service;
    private static String async;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(TestConfigs::shortLimits, TestPlanner::around);
        async = service.tapUrl() + "/async";
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Map<String, String> query(String adql) {
        return Map.of("LANG", "ADQL", "QUERY", adql);
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void aJobNotYetEndedQuotesItsLatestEndFromItsExecutionDuration() {
        String job = Uws.create(async, query(TestPlanner.TOP3));
        Document d = Uws.job(job);
        java.time.Instant quote = java.time.Instant.parse(Uws.text(d, "quote"));
        long seconds = Long.parseLong(Uws.text(d, "executionDuration"));
        long ahead = java.time.Duration.between(java.time.Instant.now(), quote).getSeconds();
        assertTrue(ahead > seconds - 10 && ahead <= seconds, "quote " + quote + " is " + ahead + " s ahead");
        assertEquals(200, given().get(job + "/quote").statusCode());
        java.time.Instant.parse(given().get(job + "/quote").asString());
    }

    @Test
    void jobRunsToCompletionAndEveryResourceAgrees() throws Exception {
        String job = Uws.create(async, with(query(TestPlanner.TOP3), "PHASE", "RUN", "RUNID", "run-1"));
        assertTrue(job.startsWith(async + "/"), job);
        Document d = Uws.awaitEnd(job, 20);
        assertEquals("COMPLETED", Uws.text(d, "phase"));
        assertEquals("run-1", Uws.text(d, "runId"));
        assertEquals(job.substring(job.lastIndexOf('/') + 1), Uws.text(d, "jobId"));
        assertNull(Uws.text(d, "ownerId"));
        assertNull(Uws.text(d, "quote"));
        assertNotNull(Uws.text(d, "startTime"));
        assertNotNull(Uws.text(d, "endTime"));
        assertEquals("COMPLETED", Uws.phase(job));
        assertEquals(Uws.text(d, "executionDuration"), given().get(job + "/executionduration").asString());
        assertEquals(Uws.text(d, "destruction"), given().get(job + "/destruction").asString());
        assertEquals(200, given().get(job + "/quote").statusCode());
        assertEquals(200, given().get(job + "/owner").statusCode());
        assertEquals(404, given().get(job + "/error").statusCode());

        Document params = Uws.valid(given().get(job + "/parameters").asByteArray());
        assertEquals(TestPlanner.TOP3, parameter(params, "query"));
        assertEquals("ADQL", parameter(params, "lang"));

        Document results = Uws.valid(given().get(job + "/results").asByteArray());
        Element result = (Element) results.getElementsByTagNameNS(UWS, "result").item(0);
        assertEquals("result", result.getAttribute("id"));
        String href = result.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        assertEquals(job + "/results/result", href);
        Response r = given().get(href);
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("application/x-votable+xml"), r.contentType());
        assertEquals(Long.parseLong(result.getAttribute("size")), r.asByteArray().length);
        VoTables.assertSchemaValid(r.asByteArray());
        List<Object[]> rows = VoTables.rows(VoTables.table(r.asByteArray()));
        assertEquals(3, rows.size());
        assertEquals("obs-00", rows.get(0)[0]);
        assertEquals(404, given().get(job + "/results/other").statusCode());
        assertEquals(404, given().get(job + "/nothing").statusCode());
    }

    private static String parameter(Document d, String id) {
        NodeList n = d.getElementsByTagNameNS(UWS, "parameter");
        for (int i = 0; i < n.getLength(); i++) {
            Element e = (Element) n.item(i);
            if (e.getAttribute("id").equals(id)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    @Test
    void pendingJobCanBeChangedThenRun() throws Exception {
        String job = Uws.create(async, query(TestPlanner.TOP3));
        assertEquals("PENDING", Uws.text(Uws.job(job), "phase"));
        Response r = given().redirects().follow(false).formParam("EXECUTIONDURATION", "20")
                .post(job + "/executionduration");
        assertEquals(303, r.statusCode(), r.asString());
        assertEquals(job, r.header("Location"));
        assertEquals("20", given().get(job + "/executionduration").asString());
        assertEquals("60", given().redirects().follow(true).formParam("EXECUTIONDURATION", "100000")
                .post(job + "/executionduration").then().extract().path("job.executionDuration").toString());
        String when = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertEquals(303, given().redirects().follow(false).formParam("DESTRUCTION", when)
                .post(job + "/destruction").statusCode());
        assertEquals(Instant.parse(when), Instant.parse(given().get(job + "/destruction").asString()));
        assertEquals(303, given().redirects().follow(false).formParam("MAXREC", "1")
                .post(job + "/parameters").statusCode());
        assertEquals("1", parameter(Uws.job(job), "maxrec"));
        assertEquals(303, given().redirects().follow(false).formParam("PHASE", "RUN").post(job + "/phase")
                .statusCode());
        Document d = Uws.awaitEnd(job, 20);
        assertEquals("COMPLETED", Uws.text(d, "phase"));
        byte[] result = given().get(job + "/results/result").asByteArray();
        assertEquals(1, VoTables.rows(VoTables.table(result)).size());
        assertEquals(List.of("OK", "OVERFLOW"), VoTables.statuses(result));
        assertEquals(400, given().formParam("EXECUTIONDURATION", "5").post(job + "/executionduration").statusCode());
        assertEquals(400, given().formParam("PHASE", "RUN").post(job + "/phase").statusCode());
        assertEquals(400, given().formParam("PHASE", "SUSPEND").post(job + "/phase").statusCode());
        assertEquals(400, given().formParam("DESTRUCTION", "tomorrow").post(job + "/destruction").statusCode());
    }

    @Test
    void abortStopsAnExecutingJob() throws Exception {
        String job = Uws.create(async, with(query(TestPlanner.slow(200)), "PHASE", "RUN"));
        Document d = Uws.valid(given().queryParam("WAIT", 10).queryParam("PHASE", "QUEUED").get(job).asByteArray());
        assertEquals("EXECUTING", Uws.text(d, "phase"));
        assertEquals(303, given().redirects().follow(false).formParam("PHASE", "ABORT").post(job + "/phase")
                .statusCode());
        assertEquals("ABORTED", Uws.phase(job));
        Document results = Uws.valid(given().get(job + "/results").asByteArray());
        assertEquals(0, results.getElementsByTagNameNS(UWS, "result").getLength());
        waitForIdle();
    }

    @Test
    void deleteAndActionDeleteRedirectToTheListAndThenTheJobIsGone() throws Exception {
        String a = Uws.create(async, query(TestPlanner.TOP3));
        Response r = given().redirects().follow(false).delete(a);
        assertEquals(303, r.statusCode(), r.asString());
        assertTrue(r.header("Location").startsWith(async + "?"), r.header("Location"));
        Uws.valid(given().get(r.header("Location")).asByteArray());
        Response gone = given().get(a);
        assertEquals(404, gone.statusCode());
        assertTrue(VoTables.errorMessage(gone.asByteArray()).contains("no job"));
        assertEquals(404, given().get(a + "/phase").statusCode());

        String b = Uws.create(async, query(TestPlanner.TOP3));
        Response r2 = given().redirects().follow(false).formParam("ACTION", "DELETE").post(b);
        assertEquals(303, r2.statusCode());
        assertEquals(404, given().get(b).statusCode());
        assertEquals(404, given().get(async + "/nosuchjob00").statusCode());
        assertEquals(404, given().get(async + "/../../etc/passwd").statusCode());
    }

    @Test
    void jobListFiltersByPhaseAfterAndLast() throws Exception {
        String first = Uws.create(async, query(TestPlanner.TOP3));
        String firstCreated = Uws.text(Uws.job(first), "creationTime");
        Thread.sleep(5);
        String second = Uws.create(async, query(TestPlanner.TOP3));
        String third = Uws.create(async, query(TestPlanner.TOP3));
        List<String> all = ids(given().get(async).asByteArray());
        assertTrue(all.containsAll(List.of(id(first), id(second), id(third))), all.toString());
        assertEquals(List.of(id(third), id(second)), ids(given().queryParam("LAST", 2).get(async).asByteArray()));
        List<String> after = ids(given().queryParam("AFTER", firstCreated).get(async).asByteArray());
        assertTrue(after.contains(id(second)) && !after.contains(id(first)), after.toString());
        List<String> pending = ids(given().queryParam("PHASE", "PENDING").get(async).asByteArray());
        assertTrue(pending.contains(id(first)), pending.toString());
        assertTrue(ids(given().queryParam("PHASE", "ERROR").get(async).asByteArray()).stream()
                .noneMatch(pending::contains));
        assertEquals(400, given().queryParam("PHASE", "SLEEPING").get(async).statusCode());
        assertEquals(400, given().queryParam("LAST", "-1").get(async).statusCode());
        assertEquals(400, given().queryParam("AFTER", "yesterday").get(async).statusCode());
        for (String j : List.of(first, second, third)) {
            given().delete(j);
        }
    }

    private static String id(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static List<String> ids(byte[] jobList) {
        Document d = Uws.valid(jobList);
        NodeList refs = d.getElementsByTagNameNS(UWS, "jobref");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < refs.getLength(); i++) {
            out.add(((Element) refs.item(i)).getAttribute("id"));
        }
        return out;
    }

    @Test
    void waitBlocksUntilThePhaseChanges() throws Exception {
        String job = Uws.create(async, with(query(TestPlanner.slow(25)), "PHASE", "RUN"));
        long t0 = System.nanoTime();
        Document d = Uws.valid(given().queryParam("WAIT", 10).queryParam("PHASE", "EXECUTING").get(job).asByteArray());
        String phase = Uws.text(d, "phase");
        if (phase.equals("QUEUED")) {
            d = Uws.valid(given().queryParam("WAIT", 10).get(job).asByteArray());
        }
        d = Uws.valid(given().queryParam("WAIT", 10).queryParam("PHASE", "EXECUTING").get(job).asByteArray());
        assertEquals("COMPLETED", Uws.text(d, "phase"));
        assertTrue((System.nanoTime() - t0) / 1e9 < 9, "WAIT returned when the job ended");
        long t1 = System.nanoTime();
        Uws.valid(given().queryParam("WAIT", 10).get(job).asByteArray());
        assertTrue((System.nanoTime() - t1) / 1e9 < 2, "WAIT on a finished job returns at once");
    }

    @Test
    void executionDurationStopsTheQuery() throws Exception {
        String job = Uws.create(async, query(TestPlanner.slow(200)));
        given().formParam("EXECUTIONDURATION", "1").post(job + "/executionduration");
        given().formParam("PHASE", "RUN").post(job + "/phase");
        long t0 = System.nanoTime();
        Document d = Uws.awaitEnd(job, 20);
        assertEquals("ERROR", Uws.text(d, "phase"));
        assertTrue((System.nanoTime() - t0) / 1e9 < 6, "stopped near its execution duration");
        assertTrue(Uws.text(d, "message").contains("execution duration of 1 s"), Uws.text(d, "message"));
        Response error = given().get(job + "/error");
        assertEquals(200, error.statusCode());
        assertTrue(VoTables.errorMessage(error.asByteArray()).contains("execution duration"));
        waitForIdle();
    }

    @Test
    void jobsBeyondTheConcurrencyLimitQueue() throws Exception {
        String slow = Uws.create(async, with(query(TestPlanner.slow(40)), "PHASE", "RUN"));
        Uws.valid(given().queryParam("WAIT", 10).queryParam("PHASE", "QUEUED").get(slow).asByteArray());
        String quick = Uws.create(async, with(query(TestPlanner.TOP3), "PHASE", "RUN"));
        assertEquals("EXECUTING", Uws.phase(slow));
        assertEquals("QUEUED", Uws.phase(quick));
        Document s = Uws.awaitEnd(slow, 20);
        Document q = Uws.awaitEnd(quick, 20);
        assertEquals("COMPLETED", Uws.text(s, "phase"));
        assertEquals("COMPLETED", Uws.text(q, "phase"));
        assertTrue(!Instant.parse(Uws.text(q, "startTime")).isBefore(Instant.parse(Uws.text(s, "endTime"))));
    }

    @Test
    void theReaperDeletesJobsPastTheirDestruction() throws Exception {
        String job = Uws.create(async, query(TestPlanner.TOP3));
        assertEquals(303, given().redirects().follow(false)
                .formParam("DESTRUCTION", Instant.now().plusMillis(1500).toString()).post(job + "/destruction")
                .statusCode());
        // generous: the reaper runs every second, but a loaded CI machine may lag
        long end = System.currentTimeMillis() + 30_000;
        while (given().get(job + "/phase").statusCode() != 404) {
            assertTrue(System.currentTimeMillis() < end, "job not reaped");
            Thread.sleep(200);
        }
        assertTrue(java.nio.file.Files.notExists(service.dataDir().resolve("jobs").resolve(id(job))));
    }

    @Test
    void badQueriesEndInErrorAndMalformedRequestsAreRefusedAtCreation() throws Exception {
        String job = Uws.create(async, with(query("SELECT nothing FROM nowhere"), "PHASE", "RUN"));
        Document d = Uws.awaitEnd(job, 20);
        assertEquals("ERROR", Uws.text(d, "phase"));
        Element summary = (Element) d.getElementsByTagNameNS(UWS, "errorSummary").item(0);
        assertEquals("fatal", summary.getAttribute("type"));
        assertTrue(VoTables.errorMessage(given().get(job + "/error").asByteArray()).contains("nowhere"));

        String badLang = Uws.create(async, Map.of("LANG", "SQL", "QUERY", "SELECT 1", "PHASE", "RUN"));
        assertEquals("ERROR", Uws.text(Uws.awaitEnd(badLang, 20), "phase"));
        assertTrue(VoTables.errorMessage(given().get(badLang + "/error").asByteArray()).contains("LANG=SQL"));
        Response badPhase = given().formParams(with(query(TestPlanner.TOP3), "PHASE", "ABORT")).post(async);
        assertEquals(400, badPhase.statusCode());
        Response badUpload = given().formParams(with(query(TestPlanner.TOP3), "UPLOAD", "x y,param:a")).post(async);
        assertEquals(400, badUpload.statusCode());
    }

    @Test
    void aSyncQueryPastItsBudgetContinuesAsAnAsyncJob() throws Exception {
        Response r = given().queryParams(query(TestPlanner.slow(40))).get(service.tapUrl() + "/sync");
        byte[] body = r.asByteArray();
        String message = VoTables.errorMessage(body);
        assertTrue(message.contains("synchronous time limit of 1 s"), message);
        NodeList infos = VoTables.dom(body).getElementsByTagNameNS("*", "INFO");
        String jobUrl = null;
        for (int i = 0; i < infos.getLength(); i++) {
            Element e = (Element) infos.item(i);
            if (e.getAttribute("name").equals("ASYNC_JOB")) {
                jobUrl = e.getAttribute("value");
            }
        }
        assertNotNull(jobUrl, message);
        assertTrue(message.contains(jobUrl));
        Document d = Uws.awaitEnd(jobUrl, 20);
        assertEquals("COMPLETED", Uws.text(d, "phase"));
        assertEquals(TestService.ROWS, VoTables.rows(VoTables.table(
                given().get(jobUrl + "/results/result").asByteArray())).size());
    }

    /** Waits until no job executes (the single worker is free for the next test). */
    private static void waitForIdle() throws Exception {
        long end = System.currentTimeMillis() + 15_000;
        while (!ids(given().queryParam("PHASE", "EXECUTING").queryParam("PHASE", "QUEUED").get(async).asByteArray())
                .isEmpty()) {
            assertTrue(System.currentTimeMillis() < end, "jobs still executing");
            Thread.sleep(100);
        }
    }
}
