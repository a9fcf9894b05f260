package meridian.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import meridian.server.config.MeridianConfig;
import meridian.sql.catalog.CatalogueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command line: {@code ingest} of a catalogue, {@code catalogue list}, {@code catalogue remove}
 * by name and by YAML, with their messages and exit statuses, on an archive of its own (embedded
 * Derby in a temporary data directory; the commands open and close it as separate runs would).
 */
class CatalogueCommandsTest {

    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createTempDirectory("meridian-cli");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Stream<Path> walk = Files.walk(data)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] all = Stream.concat(Stream.of(args), Stream.of("--config", "../conf/meridian.yaml",
                    "--data", data.toString())).toArray(String[]::new);
            int status = Main.run(all);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void ingestListAndRemove() throws Exception {
        Files.writeString(data.resolve("a.csv"), "id,ra,dec\n1,10,20\n2,11,21\n");
        Files.writeString(data.resolve("b.csv"), "bid,id\n5,1\n");
        Path a = Files.writeString(data.resolve("a.yaml"), "kind: catalogue\nschema: cli\ntable: a\n"
                + "sources: [a.csv]\nprimary_key: id\n");
        Path b = Files.writeString(data.resolve("b.yaml"), "kind: catalogue\nschema: cli\ntable: b\n"
                + "sources: [b.csv]\nforeign_keys:\n  - {target: cli.a, columns: {id: id}}\n");
        assertEquals(0, run("ingest", a.toString()).status());
        assertEquals(0, run("ingest", a.toString()).status(), "a second version");
        assertEquals(0, run("ingest", b.toString()).status());
        Run list = run("catalogue", "list");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("cli.a\t3 columns\t(stored as cli.a_v2)"), list.out());
        assertTrue(list.out().contains("cli.b\t"), list.out());

        Run refused = run("catalogue", "remove", "cli.a");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("cannot remove cli.a: the foreign keys of cli.b reference it"), refused.err());
        Run unknown = run("catalogue", "remove", "cli.nothing");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("no catalogue cli.nothing is published (published catalogues: cli.a, cli.b)"),
                unknown.err());
        Run usage = run("catalogue", "remove", "nodot");
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("neither SCHEMA.TABLE nor a catalogue YAML file"), usage.err());

        Run byYaml = run("catalogue", "remove", b.toString());
        assertEquals(0, byYaml.status(), byYaml.err());
        assertTrue(byYaml.out().contains("removed catalogue cli.b"), byYaml.out());
        assertEquals(0, run("catalogue", "remove", "CLI.A").status());
        assertEquals("", run("catalogue", "list").out());

        // the stored tables went too (on Derby the command line is the database's only user)
        MeridianConfig config = MeridianConfig.load(Path.of("../conf/meridian.yaml")).withDataDir(data);
        try (Archive archive = Archive.open(config)) {
            assertTrue(new CatalogueStore(archive.database()).load().isEmpty());
            try (var c = archive.database().connection();
                 var rs = c.getMetaData().getTables(null, "cli", "%", new String[] {"TABLE"})) {
                assertTrue(!rs.next(), "a stored table of cli is left");
            }
            assertTrue(archive.database().model().schema("cli").isEmpty());
        }
    }
}
