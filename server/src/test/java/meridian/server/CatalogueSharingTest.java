package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.sql.catalog.CatalogueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A running server and a second process on the same database (here a second {@link Archive},
 * with its own connection pool and model, as {@code ./meridian ingest} and
 * {@code ./meridian catalogue remove} open it): what the second publishes, replaces or removes
 * shows in the server's TAP queries, TAP_SCHEMA and VOSI tables within seconds, without a
 * restart. Removal takes the catalogue's TAP_SCHEMA rows (keys included) with it, and is refused
 * while another catalogue's foreign key references it.
 */
class CatalogueSharingTest {

    private static TestService service;
    private static Archive other;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        other = Archive.open(service.config());
        dir = Files.createDirectories(service.dataDir().resolve("shared"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (TestDatabases.postgres()) {
            other.close();
        } else {
            // one embedded Derby engine serves both: closing the second Database would shut it down
            ((Closeable) other.database().dataSource()).close();
        }
        service.close();
    }

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void loadElsewhere(Path yaml) throws Exception {
        new CatalogueLoader(other.database()).load(CatalogueDefinition.load(yaml), false, n -> { });
    }

    private static Response query(String adql) {
        return given().baseUri(service.baseUrl()).formParam("LANG", "ADQL").formParam("QUERY", adql)
                .post("/tap/sync");
    }

    private static long count(String table) throws Exception {
        Response r = query("SELECT COUNT(*) FROM " + table);
        if (r.statusCode() != 200) {
            return -1;
        }
        return ((Number) VoTables.rows(VoTables.table(r.asByteArray())).get(0)[0]).longValue();
    }

    private static List<Object[]> rows(String adql) throws Exception {
        Response r = query(adql);
        assertEquals(200, r.statusCode(), adql + ": " + r.asString());
        return VoTables.rows(VoTables.table(r.asByteArray()));
    }

    private static String vosiTables() {
        return given().baseUri(service.baseUrl()).get("/tap/tables").asString();
    }

    /** Waits up to 15 s (the server looks every 2 s). */
    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long quietCount(String table) {
        try {
            return count(table);
        } catch (Exception e) {
            return -2;
        }
    }

    @Test
    void whatAnotherProcessPublishesReplacesAndRemovesReachesTheRunningServer() throws Exception {
        write("a.csv", "id,ra,dec,mag\n1,10,-5,12.5\n2,11,-4,13.5\n");
        Path yaml = write("a.yaml", "kind: catalogue\nschema: shared\ntable: things\ndescription: loaded elsewhere\n"
                + "schema_description: Shared catalogues\nsources: [a.csv]\nprimary_key: id\n"
                + "position: {ra: ra, dec: dec}\n");
        assertEquals(-1, count("shared.things"));
        loadElsewhere(yaml);
        // TAP_SCHEMA is in the database: at once; the model (queries, VOSI) within seconds
        assertEquals("loaded elsewhere", rows("SELECT description FROM TAP_SCHEMA.tables"
                + " WHERE table_name = 'shared.things'").get(0)[0]);
        eventually("the server queries the new catalogue", () -> quietCount("shared.things") == 2);
        assertTrue(vosiTables().contains("shared.things"));
        assertEquals(1, rows("SELECT id FROM shared.things WHERE"
                + " CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, -5, 0.1)) = 1").size());

        // replaced elsewhere: the new version, with a new column
        write("a.csv", "id,ra,dec,mag,flag\n1,10,-5,12.5,1\n2,11,-4,13.5,0\n3,12,-3,14.5,1\n");
        loadElsewhere(yaml);
        eventually("the server queries the replacement", () -> quietCount("shared.things") == 3);
        assertEquals(2, rows("SELECT id FROM shared.things WHERE flag = 1").size());
        assertEquals(5, rows("SELECT column_name FROM TAP_SCHEMA.columns WHERE table_name = 'shared.things'").size());

        // removed elsewhere
        new CatalogueStore(other.database()).remove("shared", "things");
        assertTrue(rows("SELECT table_name FROM TAP_SCHEMA.tables WHERE table_name = 'shared.things'").isEmpty());
        assertTrue(rows("SELECT column_name FROM TAP_SCHEMA.columns WHERE table_name = 'shared.things'").isEmpty());
        assertTrue(rows("SELECT schema_name FROM TAP_SCHEMA.schemas WHERE schema_name = 'shared'").isEmpty());
        eventually("the server forgets the removed catalogue", () -> quietCount("shared.things") == -1);
        assertFalse(vosiTables().contains("shared.things"));
        Response gone = query("SELECT * FROM shared.things");
        assertEquals(400, gone.statusCode());
        assertTrue(gone.asString().contains("things"), gone.asString());
    }

    @Test
    void aReferencedCatalogueIsNotRemovedAndKeysGoWithTheirTable() throws Exception {
        write("parent.csv", "pid,name\n1,one\n2,two\n");
        write("child.csv", "cid,pid\n10,1\n11,2\n");
        loadElsewhere(write("parent.yaml", "kind: catalogue\nschema: fam\ntable: parent\nsources: [parent.csv]\n"
                + "primary_key: pid\n"));
        loadElsewhere(write("child.yaml", "kind: catalogue\nschema: fam\ntable: child\nsources: [child.csv]\n"
                + "foreign_keys:\n  - {target: fam.parent, columns: {pid: pid}, description: the parent}\n"));
        eventually("the server queries both", () -> quietCount("fam.child") == 2 && quietCount("fam.parent") == 2);
        assertEquals(1, rows("SELECT key_id FROM TAP_SCHEMA.keys WHERE target_table = 'fam.parent'").size());

        CatalogueStore store = new CatalogueStore(service.archive().database());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.remove("fam", "parent"));
        assertTrue(e.getMessage().contains("fam.child") && e.getMessage().contains("fam.parent"), e.getMessage());
        assertEquals(2, count("fam.parent"), "a refused removal changes nothing");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> store.remove("fam", "nobody"));
        assertTrue(unknown.getMessage().contains("no catalogue fam.nobody"), unknown.getMessage());

        // in the server's own process: at once
        store.remove("fam", "child");
        assertEquals(-1, count("fam.child"));
        assertTrue(rows("SELECT key_id FROM TAP_SCHEMA.keys WHERE target_table = 'fam.parent'").isEmpty());
        assertTrue(rows("SELECT key_id FROM TAP_SCHEMA.key_columns WHERE from_column = 'pid'").isEmpty());
        store.remove("fam", "parent");
        assertEquals(-1, count("fam.parent"));
        // and the other process follows too
        eventually("the other process forgets them", () -> other.database().model().table("fam.parent").isEmpty()
                || refreshOther());
    }

    private static boolean refreshOther() {
        // the second Archive has no server (no watcher): refresh it by hand, as a watcher tick would
        try {
            new CatalogueStore(other.database()).refresh(-1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return other.database().model().table("fam.parent").isEmpty();
    }
}
