package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Jobs survive a restart of the server on the same data directory: phases, parameters and result
 * files; a job the previous server was executing when it died is ERROR with a message.
 */
class TapAsyncRestartTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(TestConfigs::shortLimits, TestPlanner::around);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static String async() {
        return service.tapUrl() + "/async";
    }

    private static String id(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void jobsResultsAndPhasesSurviveARestart() throws Exception {
        String done = Uws.create(async(), Map.of("LANG", "ADQL", "QUERY", TestPlanner.TOP3, "PHASE", "RUN"));
        assertEquals("COMPLETED", Uws.text(Uws.awaitEnd(done, 20), "phase"));
        byte[] before = given().get(done + "/results/result").asByteArray();
        String pending = Uws.create(async(), Map.of("LANG", "ADQL", "QUERY", TestPlanner.COUNT, "RUNID", "keep me"));
        String crashed = Uws.create(async(), Map.of("LANG", "ADQL", "QUERY", TestPlanner.COUNT));

        service.restart(() -> {
            // what a crash leaves behind: a job recorded as EXECUTING
            Path state = service.dataDir().resolve("jobs").resolve(id(crashed)).resolve("job.json");
            String json = Files.readString(state, StandardCharsets.UTF_8);
            Files.writeString(state, json.replace("\"PENDING\"", "\"EXECUTING\""), StandardCharsets.UTF_8);
            return null;
        });

        String doneNow = async() + "/" + id(done);
        Document d = Uws.job(doneNow);
        assertEquals("COMPLETED", Uws.text(d, "phase"));
        assertEquals(new String(before, StandardCharsets.UTF_8),
                given().get(doneNow + "/results/result").asString());

        Document p = Uws.job(async() + "/" + id(pending));
        assertEquals("PENDING", Uws.text(p, "phase"));
        assertEquals("keep me", Uws.text(p, "runId"));
        given().formParam("PHASE", "RUN").post(async() + "/" + id(pending) + "/phase");
        Document ran = Uws.awaitEnd(async() + "/" + id(pending), 20);
        assertEquals("COMPLETED", Uws.text(ran, "phase"));

        Document c = Uws.job(async() + "/" + id(crashed));
        assertEquals("ERROR", Uws.text(c, "phase"));
        assertTrue(Uws.text(c, "message").contains("stopped while this job was executing"), Uws.text(c, "message"));
    }
}
