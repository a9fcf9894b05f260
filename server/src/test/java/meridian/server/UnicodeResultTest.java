package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.starlink.table.StarTable;

/**
 * Non-ASCII text goes out as VOTable {@code unicodeChar}, which is what that datatype is for
 * ({@code char} is ASCII): a catalogue column loaded with non-ASCII values, ObsCore's free-text
 * columns, string literals and functions of them are declared unicodeChar the same way in
 * TAP_SCHEMA, in /tap/tables and in the result FIELDs; TABLEDATA, BINARY and BINARY2 carry the
 * values intact, as STIL, pyvo (astropy) and votlint read them. Also: 64-bit integer overflow
 * reaches the client as an error document naming the expression.
 */
class UnicodeResultTest {

    private static final Map<Integer, String> NAMES = Map.of(1, "東京", 2, "✓ done", 3, "en–dash");
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        Path dir = Files.createDirectories(service.dataDir().resolve("unicode"));
        Files.writeString(dir.resolve("uni.csv"), "id,ra,dec,name,code\n1,10.0,20.0,東京,a\n2,10.1,20.1,✓ done,b\n"
                + "3,200.0,-30.0,en–dash,c\n", StandardCharsets.UTF_8);
        Path yaml = dir.resolve("uni.yaml");
        Files.writeString(yaml, """
                kind: catalogue
                schema: test
                table: uni
                description: Names in several scripts
                schema_description: Test catalogues
                sources: [uni.csv]
                primary_key: id
                position: {ra: ra, dec: dec}
                columns:
                  id: {datatype: int}
                  ra: {datatype: double, unit: deg}
                  dec: {datatype: double, unit: deg}
                  name: {datatype: char, description: 'a name, not always in ASCII'}
                  code: {datatype: char}
                """, StandardCharsets.UTF_8);
        new CatalogueLoader(service.archive().database()).load(CatalogueDefinition.load(yaml), false, n -> { });
        try (Connection c = service.archive().database().connection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE \"ivoa\".\"obscore\" SET \"target_name\" = ? WHERE \"obs_id\" = 'obs-00'")) {
            ps.setString(1, "Ōkami – 東京");
            ps.executeUpdate();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Response sync(String adql, String format) {
        // the form in UTF-8, as browsers and pyvo send it (REST Assured defaults to ISO-8859-1)
        return given().baseUri(service.baseUrl()).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("LANG", "ADQL").formParam("QUERY", adql)
                .formParam("RESPONSEFORMAT", format).post("/tap/sync");
    }

    /** The datatype attribute of each FIELD, by name. */
    private static Map<String, String> fieldTypes(String votable) {
        Map<String, String> out = new HashMap<>();
        Matcher m = Pattern.compile("<FIELD[^>]*>").matcher(votable);
        while (m.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(m.group());
            Matcher type = Pattern.compile("datatype=\"([^\"]*)\"").matcher(m.group());
            if (name.find() && type.find()) {
                out.put(name.group(1), type.group(1));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/td", "votable/b", "votable/b2"})
    void nonAsciiTextIsUnicodeCharAndArrivesIntact(String format) throws Exception {
        Response r = sync("SELECT id, name, code, LOWER(name) AS low, 'Ωé€' AS lit, name || '!' AS cat"
                + " FROM test.uni ORDER BY id", format);
        assertEquals(200, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        Map<String, String> types = fieldTypes(new String(body, StandardCharsets.UTF_8));
        assertEquals(Map.of("id", "int", "name", "unicodeChar", "code", "char", "low", "unicodeChar",
                "lit", "unicodeChar", "cat", "unicodeChar"), types);
        List<Object[]> rows = VoTables.rows(VoTables.table(body));
        assertEquals(3, rows.size());
        for (Object[] row : rows) {
            int id = ((Number) row[0]).intValue();
            assertEquals(NAMES.get(id), row[1], format);
            assertEquals(NAMES.get(id).toLowerCase(java.util.Locale.ROOT), row[3], format);
            assertEquals("Ωé€", row[4], format);
            assertEquals(NAMES.get(id) + "!", row[5], format);
        }
    }

    @Test
    void obscoreFreeTextIsUnicodeChar() throws Exception {
        Response r = sync("SELECT obs_id, target_name, obs_collection FROM ivoa.obscore WHERE obs_id = 'obs-00'",
                "votable/b2");
        assertEquals(200, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        Map<String, String> types = fieldTypes(new String(body, StandardCharsets.UTF_8));
        assertEquals("unicodeChar", types.get("target_name"));
        assertEquals("char", types.get("obs_collection"));
        assertEquals("Ōkami – 東京", VoTables.rows(VoTables.table(body)).get(0)[1]);
    }

    @Test
    void tapSchemaAndVosiDeclareTheSameTypes() throws Exception {
        Response r = sync("SELECT table_name, column_name, datatype FROM TAP_SCHEMA.columns WHERE"
                + " (table_name = 'test.uni' AND column_name IN ('name', 'code'))"
                + " OR (table_name = 'ivoa.obscore' AND column_name IN ('target_name', 'obs_id'))"
                + " ORDER BY column_name", "votable/td");
        assertEquals(200, r.statusCode(), r.asString());
        Map<String, String> declared = new HashMap<>();
        for (Object[] row : VoTables.rows(VoTables.table(r.asByteArray()))) {
            declared.put((String) row[1], (String) row[2]);
        }
        assertEquals(Map.of("name", "unicodeChar", "code", "char", "target_name", "unicodeChar", "obs_id", "char"),
                declared);
        String tables = given().baseUri(service.baseUrl()).get("/tap/tables").asString();
        for (Map.Entry<String, String> e : declared.entrySet()) {
            Matcher m = Pattern.compile("<name>" + e.getKey() + "</name>.*?<dataType[^>]*>([^<]*)</dataType>",
                    Pattern.DOTALL).matcher(tables);
            assertTrue(m.find(), e.getKey());
            assertEquals(e.getValue(), m.group(1), e.getKey());
        }
    }

    @Test
    void pyvoReadsNonAsciiText() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "install the Debian package python3-pyvo");
        String out = Commands.run(List.of(python.toString(), "src/test/python/pyvo_unicode_check.py", service.tapUrl()));
        assertTrue(out.contains("pyvo unicode: OK"), out);
    }

    @Test
    void votlintFindsNoErrors() throws Exception {
        Path stilts = Path.of("/usr/bin/stilts");
        assertTrue(Files.isExecutable(stilts), "install the Debian package stilts");
        for (String format : List.of("votable/td", "votable/b2")) {
            Path file = service.dataDir().resolve("unicode-" + format.replace('/', '-') + ".vot");
            Files.write(file, sync("SELECT id, name, 'Ωé€' AS lit FROM test.uni", format).asByteArray());
            String out = Commands.run(List.of(stilts.toString(), "votlint", "votable=" + file));
            assertTrue(out.isBlank(), format + ":\n" + out);
        }
    }

    @Test
    void integerOverflowIsAnErrorNamingTheExpression() throws Exception {
        Response r = sync("SELECT id * 9223372036854775807 AS big FROM test.uni WHERE id = 2", "votable/td");
        assertEquals(400, r.statusCode(), r.asString());
        String message = VoTables.errorMessage(r.asByteArray());
        assertTrue(message.contains("overflow") && message.contains("id*9223372036854775807"), message);
    }
}
