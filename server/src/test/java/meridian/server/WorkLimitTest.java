package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import meridian.server.config.MeridianConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work is limited, not requests, with the shipped limits ({@code conf/meridian.yaml}): one client
 * sending queries back to back is never refused; 64 clients at once (each from its own loopback
 * address) are all served, with no 5xx. With a tight limit, a request over it waits its turn, then
 * gets 429 with Retry-After, while cheap requests pass and an async job stays QUEUED.
 */
class WorkLimitTest {

    private static final String QUICK = "SELECT TOP 1 obs_id FROM ivoa.obscore";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(c -> c.withLimits(shipped()), (real, db) -> real);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    static MeridianConfig.Limits shipped() {
        return MeridianConfig.load(Path.of("../conf/meridian.yaml")).limits();
    }

    private static String syncUrl(String adql) {
        return service.tapUrl() + "/sync?LANG=ADQL&QUERY=" + URLEncoder.encode(adql, StandardCharsets.UTF_8);
    }

    @Test
    void twoThousandBackToBackQueriesOfOneClientAreNeverRefused() throws Exception {
        assertEquals(0, shipped().perMinute(), "the request rate limit is off by default");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest q = HttpRequest.newBuilder(URI.create(syncUrl(QUICK))).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            statuses.merge(http.send(q, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("2000 back-to-back queries: %.1f s (%.0f/s), statuses %s%n", s, 2000 / s, statuses);
        assertEquals(Map.of(200, 2000), statuses);
    }

    @Test
    void theCapabilitiesDeclareTheLimits() {
        String caps = given().get(service.tapUrl() + "/capabilities").asString();
        MeridianConfig.Limits l = shipped();
        assertTrue(caps.contains("at most " + l.perClient() + " queries (sync queries and executing jobs) of one client and "
                + service.config().concurrentQueries() + " sync queries in all"), caps);
        assertTrue(caps.contains("waits up to " + l.queueWaitSeconds() + " s"), caps);
        assertTrue(caps.contains("<executionDuration>"), caps);
    }

    @Test
    void sixtyFourConcurrentClientsAreAllServed() throws Exception {
        int clients = 64;
        int each = 10;
        System.gc();
        long heapBefore = usedHeap();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<int[]>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            String address = "127.0.0." + (2 + c);
            results.add(pool.submit(() -> {
                int[] count = new int[6]; // by status class; [0] refused (429)
                for (int i = 0; i < each; i++) {
                    int status = get(address, syncUrl(QUICK));
                    count[status == 429 ? 0 : status / 100]++;
                    heapPeak.accumulateAndGet(usedHeap(), Math::max);
                }
                return count;
            }));
        }
        int served = 0;
        int refused = 0;
        int errors = 0;
        int starved = 0;
        for (Future<int[]> f : results) {
            int[] c = f.get();
            served += c[2];
            refused += c[0];
            errors += c[5];
            starved += c[2] == 0 ? 1 : 0;
        }
        pool.shutdown();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d clients x %d queries: %.1f s, %d served, %d refused, %d 5xx, %d clients starved,"
                + " heap %d MB before, %d MB peak%n", clients, each, s, served, refused, errors, starved,
                heapBefore >> 20, heapPeak.get() >> 20);
        assertEquals(0, errors, "no 5xx");
        assertEquals(0, starved, "every client served");
        assertEquals(clients * each, served, "each client sends one query at a time: none is refused");
        assertTrue(heapPeak.get() - heapBefore < 512L << 20, "heap grew by " + ((heapPeak.get() - heapBefore) >> 20)
                + " MB");
    }

    @Test
    @SuppressWarnings("try") // TestService.close may throw InterruptedException: the test just propagates it
    void overTheLimitARequestWaitsThenGets429WhileCheapRequestsPassAndJobsQueue() throws Exception {
        try (TestService tight = TestService.start(c -> c.withLimits(new MeridianConfig.Limits(0, null, 1, 1, 4, 2)),
                TestPlanner::around)) {
            String sync = tight.tapUrl() + "/sync";
            CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> given()
                    .queryParams(Map.of("LANG", "ADQL", "QUERY", TestPlanner.slow(150))).get(sync));
            awaitSleepingQuery();
            long t0 = System.nanoTime();
            Response refused = given().queryParams(Map.of("LANG", "ADQL", "QUERY", QUICK)).get(sync);
            double waited = (System.nanoTime() - t0) / 1e9;
            assertEquals(429, refused.statusCode(), refused.asString());
            assertTrue(waited >= 0.9, "waited its turn first: " + waited + " s");
            long retry = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retry >= 1, "Retry-After " + retry);
            assertTrue(refused.asString().contains("QUERY_STATUS"));
            // cheap requests are never limited
            for (String path : List.of("/tap/capabilities", "/tap/availability", "/tap/async", "/")) {
                assertEquals(200, given().get(tight.baseUrl() + path).statusCode(), path);
            }
            // an async job of the busy client stays QUEUED, then runs when the slot frees
            String job = Uws.create(tight.tapUrl() + "/async", Map.of("LANG", "ADQL", "QUERY", QUICK, "PHASE", "RUN"));
            assertEquals("QUEUED", Uws.phase(job));
            assertEquals(200, slow.get().statusCode());
            assertEquals("COMPLETED", Uws.text(Uws.awaitEnd(job, 20), "phase"));
            // and once the slot is free, the client is served at once
            assertEquals(200, given().queryParams(Map.of("LANG", "ADQL", "QUERY", QUICK)).get(sync).statusCode());
        }
    }

    /** Waits until a thread runs the slow query (which then holds its client's slot). */
    private static void awaitSleepingQuery() throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                .noneMatch(f -> f.getClassName().equals("meridian.server.tap.QueryExecutor")
                        || f.getClassName().equals("meridian.server.results.QueryResultTable"))) {
            assertTrue(System.currentTimeMillis() < end, "the slow query did not start");
            Thread.sleep(50);
        }
    }

    /** One GET on a new connection from {@code localAddress}; the status code. */
    private static int get(String localAddress, String url) throws Exception {
        URI u = URI.create(url);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()));
            OutputStream out = s.getOutputStream();
            out.write(("GET " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: " + u.getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            String head = new String(all, 0, Math.min(all.length, 64), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
