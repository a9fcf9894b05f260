package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meridian.server.config.MeridianConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Work nobody waits for stops, and its CPU comes back within seconds: a query that would run for
 * hours (a cross join, {@link TestPlanner#BURN}) is stopped when its client disconnects before
 * the first byte (and is not continued as a job), when its job is aborted or deleted, when its
 * execution duration ends, and when the sync budget hands it to a job that is then aborted. After
 * each, no thread is inside a query, the threads use no CPU, the connection pool has every
 * connection back and (on PostgreSQL) no backend still runs it.
 */
class QueryStopTest {

    private static final int SECONDS_TO_STOP = 5;
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(c -> withSyncBudget(TestConfigs.shortLimits(c), 4), TestPlanner::around);
        RestAssured.baseURI = service.baseUrl();
    }

    private static MeridianConfig withSyncBudget(MeridianConfig c, int seconds) {
        MeridianConfig.Tap t = c.tap();
        return c.withTap(new MeridianConfig.Tap(t.maxrecDefault(), t.maxrecLimit(), seconds, t.uploadLimitRows(),
                t.uploadLimitBytes(), t.uploadUrlAllow(), t.uploadUrlTimeoutSeconds(), t.async()));
    }

    @AfterAll
    static void stop() throws Exception {
        RestAssured.reset();
        service.close();
    }

    @BeforeEach
    void idleBefore() throws Exception {
        assertIdleWithin(SECONDS_TO_STOP);
    }

    private static Map<String, String> burn() {
        return Map.of("LANG", "ADQL", "QUERY", TestPlanner.BURN);
    }

    @Test
    void aSyncQueryStopsWhenItsClientDisconnectsAndIsNotContinued() throws Exception {
        int jobsBefore = jobCount();
        URI uri = URI.create(service.baseUrl());
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /tap/sync?LANG=ADQL&QUERY=" + URLEncoder.encode(TestPlanner.BURN, StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitRunning();
        }
        long t0 = System.nanoTime();
        assertIdleWithin(SECONDS_TO_STOP);
        System.out.printf("disconnect: idle %.2f s after the client closed%n", (System.nanoTime() - t0) / 1e9);
        Thread.sleep(5_000); // past the sync budget: nothing may have been handed to async
        assertEquals(jobsBefore, jobCount(), "a query whose client has gone must not become a job");
    }

    @Test
    void aClientThatDisconnectsMidResponseStopsTheQueryAndIsNoErrorInTheLog() throws Exception {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            URI uri = URI.create(service.baseUrl());
            try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = s.getOutputStream();
                out.write(("GET /tap/sync?LANG=ADQL&MAXREC=9000000&QUERY="
                        + URLEncoder.encode(TestPlanner.MANY_ROWS, StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: "
                        + uri.getAuthority() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] start = s.getInputStream().readNBytes(200_000);
                assertTrue(new String(start, StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"));
            }
            assertIdleWithin(SECONDS_TO_STOP);
        } finally {
            System.setErr(err);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        err.print(text);
        assertTrue(text.contains("the client closed the connection"), text);
        assertTrue(!text.contains("ERROR") && !text.contains("internal error") && !text.contains("\tat "),
                "a client going away is not logged as an error: " + text);
    }

    @Test
    void aPipelinedRequestIsNotMistakenForADisconnectAndIsNotLost() throws Exception {
        URI uri = URI.create(service.baseUrl());
        String slow = "GET /tap/sync?LANG=ADQL&QUERY=" + URLEncoder.encode(TestPlanner.slow(25), StandardCharsets.UTF_8)
                + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n\r\n";
        String quick = "GET /tap/availability HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.getOutputStream().write((slow + quick).getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
            assertTrue(answers.contains("QUERY_STATUS\" value=\"OK"), answers);
            // either both were answered, or the first says the connection closes (the client resends)
            boolean both = answers.indexOf("HTTP/1.1 200", 1) > 0;
            boolean closes = answers.substring(0, answers.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT)
                    .contains("connection: close");
            assertTrue(both || closes, answers);
        }
    }

    @Test
    void anAbortedJobStops() throws Exception {
        String job = runningJob();
        Response r = given().redirects().follow(false).formParam("PHASE", "ABORT").post(job + "/phase");
        assertEquals(303, r.statusCode());
        assertEquals("ABORTED", Uws.phase(job));
        assertIdleWithin(SECONDS_TO_STOP);
    }

    @Test
    void aDeletedJobStops() throws Exception {
        String job = runningJob();
        assertEquals(303, given().redirects().follow(false).delete(job).statusCode());
        assertEquals(404, given().get(job).statusCode());
        assertIdleWithin(SECONDS_TO_STOP);
    }

    @Test
    void aJobStopsAtTheEndOfItsExecutionDuration() throws Exception {
        String job = Uws.create(service.tapUrl() + "/async", burn());
        given().formParam("EXECUTIONDURATION", 2).post(job + "/executionduration");
        given().formParam("PHASE", "RUN").post(job + "/phase");
        awaitRunning();
        var d = Uws.awaitEnd(job, 15);
        assertEquals("ERROR", Uws.text(d, "phase"));
        assertIdleWithin(SECONDS_TO_STOP);
    }

    @Test
    void aSyncQueryPastItsBudgetStopsAndItsContinuationStopsOnAbort() throws Exception {
        Response r = given().queryParams(burn()).get(service.tapUrl() + "/sync");
        String jobUrl = null;
        NodeList infos = VoTables.dom(r.asByteArray()).getElementsByTagNameNS("*", "INFO");
        for (int i = 0; i < infos.getLength(); i++) {
            Element e = (Element) infos.item(i);
            if (e.getAttribute("name").equals("ASYNC_JOB")) {
                jobUrl = e.getAttribute("value");
            }
        }
        assertNotNull(jobUrl, r.asString());
        awaitRunning();
        given().redirects().follow(false).formParam("PHASE", "ABORT").post(jobUrl + "/phase");
        assertEquals("ABORTED", Uws.phase(jobUrl));
        assertIdleWithin(SECONDS_TO_STOP);
    }

    private static String runningJob() throws Exception {
        String job = Uws.create(service.tapUrl() + "/async", burn());
        given().formParam("PHASE", "RUN").post(job + "/phase");
        awaitRunning();
        assertEquals("EXECUTING", Uws.phase(job));
        return job;
    }

    private static int jobCount() {
        return given().get(service.tapUrl() + "/async").asString().split("<uws:jobref").length - 1;
    }

    /** Waits until a thread is inside the burning query (the database is working on it). */
    private static void awaitRunning() throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (queryThreads().isEmpty()) {
            assertTrue(System.currentTimeMillis() < end, "the query did not start");
            Thread.sleep(50);
        }
        Thread.sleep(500);
    }

    /** Threads inside the query executor (executing, or reading rows). */
    private static List<String> queryThreads() {
        List<String> busy = new ArrayList<>();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            for (StackTraceElement f : stack) {
                if (f.getClassName().startsWith("org.apache.derby.impl.sql.execute")
                        || f.getClassName().equals("meridian.server.tap.QueryExecutor")) {
                    busy.add(t.getName());
                    return;
                }
            }
        });
        return busy;
    }

    /** Backends of PostgreSQL still running the burning query (none on Derby). */
    private static int databaseBackendsBusy() throws Exception {
        if (!TestDatabases.postgres()) {
            return 0;
        }
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
                     + " AND query LIKE '%" + TestPlanner.BURN_TABLE + "%' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int connectionsInUse() {
        return ((HikariDataSource) service.archive().database().dataSource()).getHikariPoolMXBean()
                .getActiveConnections();
    }

    /**
     * Within {@code seconds}: no thread in a query, no PostgreSQL backend on it, every pooled
     * connection back; then the JVM's threads use less than a third of one core over a second.
     */
    private static void assertIdleWithin(int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            List<String> threads = queryThreads();
            int backends = databaseBackendsBusy();
            int connections = connectionsInUse();
            if (threads.isEmpty() && backends == 0 && connections == 0) {
                break;
            }
            assertTrue(System.currentTimeMillis() < end, "still working after " + seconds + " s: threads " + threads
                    + ", PostgreSQL backends " + backends + ", connections in use " + connections);
            Thread.sleep(100);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long before = cpu(mx);
        long t0 = System.nanoTime();
        Thread.sleep(1_000);
        double share = (cpu(mx) - before) / (double) (System.nanoTime() - t0);
        assertTrue(share < 0.33, "the JVM's threads still use " + share + " of a core");
    }

    private static long cpu(ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            sum += Math.max(0, t);
        }
        return sum;
    }
}
