package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import meridian.server.config.ConfigException;
import meridian.server.config.MeridianConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator meets when the configuration lives outside the repository, and DALI examples
 * that must fit the archive they describe.
 */
class OperatorSetupTest {

    @TempDir
    Path dir;

    private Path copyOfShippedConfig(String replace, String with) throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("somewhere/else"));
        return Files.writeString(elsewhere.resolve("else.yaml"),
                Files.readString(Path.of("../conf/meridian.yaml")).replace(replace, with));
    }

    @Test
    void aConfigurationKeptElsewhereMeansWhatTheShippedOneMeans() throws Exception {
        MeridianConfig c = MeridianConfig.load(copyOfShippedConfig("", ""));
        Path home = Path.of("..").toAbsolutePath().normalize();
        assertEquals(home, MeridianConfig.home());
        assertEquals(home.resolve("data"), c.dataDir());
        assertEquals(home.resolve("conf/collections"), c.collectionsDir());
        assertEquals(home.resolve("conf/examples.yaml"), c.examplesFile());
        // absolute paths stay as they are
        Path own = Files.writeString(dir.resolve("mine.yaml"), "- {id: one, name: One, query: 'SELECT TOP 1 * FROM ivoa.obscore'}\n");
        MeridianConfig mine = MeridianConfig.load(copyOfShippedConfig("examples: conf/examples.yaml", "examples: " + own));
        assertEquals(own, mine.examplesFile());
    }

    @Test
    void aConfiguredFileThatIsMissingStopsTheStart() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> MeridianConfig.load(
                copyOfShippedConfig("examples: conf/examples.yaml", "examples: conf/no-such-examples.yaml")));
        assertTrue(e.getMessage().contains("archive.examples " + MeridianConfig.home().resolve("conf/no-such-examples.yaml")
                + " does not exist"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> MeridianConfig.load(
                copyOfShippedConfig("collections_dir: conf/collections", "collections_dir: conf/no-such-dir")));
        assertTrue(e.getMessage().contains("archive.collections_dir"), e.getMessage());
        // an empty value: no examples, on purpose
        MeridianConfig none = MeridianConfig.load(copyOfShippedConfig("examples: conf/examples.yaml", "examples: ''"));
        assertEquals(null, none.examplesFile());
    }

    @Test
    void examplesShowOnlyWhatRunsAndFollowCataloguePublication() throws Exception {
        try (TestService service = TestService.start()) {
            // no demo catalogue in this archive: its example is left out, the ObsCore ones stay
            String page = examples(service);
            assertFalse(page.contains("id=\"catalogue-cone\""), page);
            assertTrue(page.contains("id=\"obscore-cone\""), page);
            service.publishDemoCatalogue();
            page = examples(service);
            assertTrue(page.contains("id=\"catalogue-cone\""), page);
            Response r = given().baseUri(service.baseUrl()).formParam("LANG", "ADQL")
                    .formParam("QUERY", "SELECT TOP 1 source_id FROM demo.sources").post("/tap/sync");
            assertEquals(200, r.statusCode(), r.asString());
        }
    }

    private static String examples(TestService service) {
        Response r = given().baseUri(service.baseUrl()).get("/tap/examples");
        assertEquals(200, r.statusCode());
        return r.asString();
    }
}
