package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.Map;
import meridian.server.config.MeridianConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expensive requests per client: a burst of two, then 429 with Retry-After; reading stays free. */
class RateLimitTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(c -> c.withLimits(new MeridianConfig.Limits(1, 2)), (real, db) -> real);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Response query() {
        return given().baseUri(service.baseUrl()).queryParams(Map.of("LANG", "ADQL",
                "QUERY", "SELECT TOP 1 obs_id FROM ivoa.obscore")).get("/tap/sync");
    }

    @Test
    void theThirdQueryInAMinuteIsRefusedWithRetryAfter() {
        assertEquals(200, query().statusCode());
        assertEquals(200, query().statusCode());
        Response refused = query();
        assertEquals(429, refused.statusCode());
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        assertTrue(refused.asString().contains("QUERY_STATUS"));
        Response creation = given().baseUri(service.baseUrl()).redirects().follow(false)
                .formParams(Map.of("LANG", "ADQL", "QUERY", "SELECT 1")).post("/tap/async");
        assertEquals(429, creation.statusCode());
        // reading is not limited
        assertEquals(200, given().baseUri(service.baseUrl()).get("/tap/async").statusCode());
        assertEquals(200, given().baseUri(service.baseUrl()).get("/tap/capabilities").statusCode());
    }
}
