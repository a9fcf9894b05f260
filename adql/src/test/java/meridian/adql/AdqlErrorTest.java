package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.MetadataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad queries give an {@link AdqlException} that says what is wrong and where; nothing reaches SQL. */
class AdqlErrorTest {

    private static final MetadataModel MODEL = ArchiveModel.create("archive", "Test");
    private final QueryTranslator translator = QueryTranslator.derby();

    private AdqlException error(String adql) {
        return error(adql, AdqlVersion.V2_1);
    }

    private AdqlException error(String adql, AdqlVersion version) {
        return assertThrows(AdqlException.class, () -> translator.translate(adql, version, MODEL));
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        AdqlException e = error("SELECT obs_id\nFROM ivoa.obscore WHER obs_id = 'a'");
        assertEquals(2, e.line());
        assertEquals(24, e.column());
        assertTrue(e.getMessage().startsWith("ADQL syntax error at line 2, column 24: encountered \"obs_id\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"WHERE\""), e.getMessage());
    }

    @Test
    void unclosedStringsGiveTheirPosition() {
        AdqlException e = error("SELECT obs_id FROM ivoa.obscore\nWHERE obs_id = 'a");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("ADQL syntax error at line 2"), e.getMessage());
    }

    @Test
    void reservedWordsComeWithAHint() {
        AdqlException e = error("SELECT size FROM ivoa.obscore");
        assertEquals(1, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().contains("HINT") && e.getMessage().contains("double quotes"), e.getMessage());
    }

    @Test
    void unknownTableNamesWhatExists() {
        AdqlException e = error("SELECT * FROM ivoa.obscor");
        assertEquals(1, e.line());
        assertEquals(15, e.column());
        assertEquals("Unknown table \"ivoa.obscor\" (line 1, column 15). Did you mean \"ivoa.obscore\"?", e.getMessage());
        AdqlException far = error("SELECT * FROM nothing_like_it");
        assertTrue(far.getMessage().contains("Tables are: ivoa.obscore, archive.product_files"), far.getMessage());
    }

    @Test
    void unknownColumnSuggestsNeighbours() {
        AdqlException e = error("SELECT obs_id, s_raa\nFROM ivoa.obscore");
        assertEquals(1, e.line());
        assertEquals(16, e.column());
        assertTrue(e.getMessage().startsWith("Unknown column \"s_raa\" (line 1, column 16). Did you mean \"s_ra\""),
                e.getMessage());
        AdqlException far = error("SELECT completely_different FROM archive.collections");
        assertTrue(far.getMessage().contains("Columns of archive.collections are: collection, title"), far.getMessage());
    }

    @Test
    void severalProblemsAreAllReported() {
        AdqlException e = error("SELECT foo, bar FROM ivoa.obscore");
        assertTrue(e.getMessage().startsWith("2 problems in the query: Unknown column \"foo\" (line 1, column 8)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"bar\" (line 1, column 13)"), e.getMessage());
    }

    @Test
    void hiddenIndexColumnIsNotVisible() {
        assertTrue(error("SELECT meridian_cell FROM ivoa.obscore").getMessage().startsWith("Unknown column"));
    }

    @Test
    void unknownFunctionsAreRejected() {
        AdqlException e = error("SELECT my_udf(s_ra) FROM ivoa.obscore");
        assertTrue(e.getMessage().contains("my_udf"), e.getMessage());
    }

    @Test
    void onlyIcrsIsAccepted() {
        AdqlException e = error("SELECT POINT('GALACTIC', s_ra, s_dec) FROM ivoa.obscore");
        assertTrue(e.getMessage().startsWith("Coordinate system \"GALACTIC\""), e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void adql21SyntaxIsRejectedInAdql20() {
        assertTrue(error("SELECT obs_id FROM ivoa.obscore WHERE obs_id ILIKE 'a'", AdqlVersion.V2_0).getMessage()
                .contains("ILIKE"));
        assertTrue(error("SELECT obs_id FROM ivoa.obscore OFFSET 2", AdqlVersion.V2_0).getMessage()
                .startsWith("ADQL syntax error at line 1, column 40"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void emptyQueriesAreRejected(String adql) {
        assertEquals("The query is empty: give an ADQL SELECT statement.", error(adql).getMessage());
    }

    @Test
    void overlongQueriesAreRejected() {
        String adql = "SELECT obs_id FROM ivoa.obscore WHERE obs_id IN ('"
                + "x".repeat(QueryTranslator.MAX_QUERY_LENGTH) + "')";
        assertTrue(error(adql).getMessage().startsWith("The query is too long"));
    }

    @Test
    void longButReasonableQueriesWork() throws AdqlException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            in.append(i == 0 ? "" : ", ").append('\'').append(i).append('\'');
        }
        TranslatedQuery q = translator.translate("SELECT obs_id FROM ivoa.obscore WHERE obs_id IN (" + in + ")",
                AdqlVersion.V2_1, MODEL);
        assertTrue(q.sql().contains("'2999'"));
    }

    @Test
    void deeplyNestedQueriesFailCleanly() {
        String adql = "SELECT obs_id FROM ivoa.obscore WHERE " + "(".repeat(5000) + "1 = 1" + ")".repeat(5000);
        AdqlException e = error(adql);
        assertTrue(e.getMessage().length() < 500, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM ivoa.obscore; DROP TABLE ivoa.obscore",
            "SELECT * FROM ivoa.\"obscore\"\"; DROP TABLE x; --\"",
            "SELECT \"obs_id\"\" FROM ivoa.obscore; --\" FROM ivoa.obscore",
            "SELECT * FROM TAP_SCHEMA.schemas WHERE 1 = 1 UNION SELECT * FROM SYS.SYSTABLES",
            "SELECT * FROM ivoa.obscore WHERE obs_id = 'a' -- ' OR 1=1",
            "SELECT * FROM ivoa.obscore WHERE obs_id = 'a\\' OR 1=1 --'"})
    void injectionAttemptsNeverBecomeSql(String adql) {
        // either rejected, or translated with the attack kept inside a literal or identifier
        try {
            TranslatedQuery q = translator.translate(adql, AdqlVersion.V2_1, MODEL);
            String sql = q.sql();
            assertTrue(!sql.contains("DROP") && !sql.contains("SYS.") && !sql.contains("--")
                    || sql.contains("'a\\' OR 1=1 --'"), sql);
        } catch (AdqlException expected) {
            assertTrue(expected.getMessage().length() > 10);
        }
    }

    @Test
    void injectionThroughAnAliasStaysQuoted() throws AdqlException {
        TranslatedQuery q = translator.translate("SELECT obs_id AS \"x\"\" FROM ivoa.obscore; DROP TABLE y; --\""
                + " FROM ivoa.obscore", AdqlVersion.V2_1, MODEL);
        assertTrue(q.sql().contains("AS \"x\"\" FROM ivoa.obscore; DROP TABLE y; --\""), q.sql());
        assertEquals(List.of("x\" FROM ivoa.obscore; DROP TABLE y; --"),
                q.columns().stream().map(ResultColumn::name).toList());
    }

    @Test
    void stringLiteralsAreEscaped() throws AdqlException {
        TranslatedQuery q = translator.translate("SELECT obs_id FROM ivoa.obscore WHERE obs_id = 'x'' OR ''1''=''1'",
                AdqlVersion.V2_1, MODEL);
        assertTrue(q.sql().contains("= 'x'' OR ''1''=''1'"), q.sql());
    }

    @Test
    void languageNamesMapToVersions() throws AdqlException {
        assertEquals(AdqlVersion.V2_1, AdqlVersion.fromLang("ADQL"));
        assertEquals(AdqlVersion.V2_1, AdqlVersion.fromLang("adql-2.1"));
        assertEquals(AdqlVersion.V2_0, AdqlVersion.fromLang("ADQL-2.0"));
        assertTrue(assertThrows(AdqlException.class, () -> AdqlVersion.fromLang("PQL")).getMessage()
                .contains("ADQL, ADQL-2.0 or ADQL-2.1"));
    }

    @Test
    void untranslatableConstructsAreUserErrors() {
        assertTrue(error("SELECT IN_UNIT(obs_id, 'm') FROM ivoa.obscore").getMessage()
                .startsWith("Type mismatch: A numeric value was expected instead of \"obs_id\" (line 1, column 16)"));
        assertTrue(error("SELECT IN_UNIT(s_ra, 'kg') FROM ivoa.obscore").getMessage()
                .contains("cannot convert"));
    }
}
