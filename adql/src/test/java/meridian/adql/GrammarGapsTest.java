package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.Datatype;
import meridian.sql.model.MetadataModel;
import org.junit.jupiter.api.Test;

/**
 * The SQL, result types and error positions of the constructs {@link GrammarGaps} rewrites:
 * CROSS JOIN, hexadecimal literals and COALESCE inside expressions. Their results are checked on
 * both databases by {@link AdqlConformanceTest}.
 */
class GrammarGapsTest {

    private static final MetadataModel MODEL = ArchiveModel.create("archive", "test");

    private static TranslatedQuery derby(String adql) throws AdqlException {
        return QueryTranslator.derby().translate(adql, AdqlVersion.V2_1, MODEL);
    }

    private static AdqlException error(String adql, AdqlVersion version) {
        return assertThrows(AdqlException.class, () -> QueryTranslator.derby().translate(adql, version, MODEL));
    }

    @Test
    void crossJoinIsAnInnerJoinOnTrue() throws Exception {
        String sql = derby("SELECT o.obs_id, p.archive_id FROM ivoa.obscore AS o CROSS JOIN archive.product_files p"
                + " WHERE o.obs_id = 'a'").sql();
        assertTrue(sql.contains("INNER JOIN \"archive\".\"product_files\" AS \"p\" ON 1 = 1"), sql);
        assertFalse(sql.contains("CROSS"), sql);
        // a chain, a parenthesised join and a subquery, with a later JOIN ... ON
        String chain = derby("SELECT COUNT(*) FROM ivoa.obscore cross join (SELECT obs_id AS x FROM ivoa.obscore) AS s"
                + " CROSS JOIN (archive.product_files AS a JOIN ivoa.obscore AS b ON a.product_id = b.obs_id)"
                + " JOIN archive.product_files AS c ON c.product_id = s.x").sql();
        assertEquals(2, chain.split("ON 1 = 1", -1).length - 1, chain);
        assertTrue(chain.contains("ON 1 = 1 INNER JOIN \"archive\".\"product_files\" AS \"c\" ON (\"c\".\"product_id\" = \"s\".\"x\""),
                chain);
    }

    @Test
    void hexadecimalLiteralsAreIntegers() throws Exception {
        TranslatedQuery q = derby("SELECT 0x1F AS a, 0XfF AS b, 0x100000000 AS c, 0x7FFFFFFFFFFFFFFF AS d"
                + " FROM ivoa.obscore WHERE calib_level < 0x10");
        assertTrue(q.sql().startsWith("SELECT 31 AS \"a\" , 255 AS \"b\" , 4294967296 AS \"c\" , 9223372036854775807 AS \"d\""),
                q.sql());
        assertTrue(q.sql().contains("< 16"), q.sql());
        // typed as the same integers written in decimal
        TranslatedQuery decimal = derby("SELECT 31 AS a, 255 AS b, 4294967296 AS c, 9223372036854775807 AS d"
                + " FROM ivoa.obscore");
        for (int i = 0; i < 4; i++) {
            assertEquals(decimal.columns().get(i).metadata(), q.columns().get(i).metadata());
        }
    }

    @Test
    void hexadecimalLookalikesInNamesStringsAndCommentsStay() throws Exception {
        String sql = derby("SELECT '0x1F' AS \"0x1F\" -- 0x1F\n FROM ivoa.obscore").sql();
        assertTrue(sql.startsWith("SELECT '0x1F' AS \"0x1F\""), sql);
        // a decimal number followed by a name is no hexadecimal literal: 1.0 aliased x1, not 1.1
        TranslatedQuery q = derby("SELECT 1.0x1 FROM ivoa.obscore");
        assertEquals("x1", q.columns().get(0).name());
        assertTrue(q.sql().startsWith("SELECT 1.0 AS \"x1\""), q.sql());
        AdqlException e = error("SELECT 0x1F.5 FROM ivoa.obscore", AdqlVersion.V2_1);
        assertEquals(8, e.column(), e.getMessage());
        // positions on later lines: an unknown column after hexadecimal literals on line 2
        AdqlException later = error("SELECT\n0x1, 0xFFFFFFFFFFFF, nosuch\nFROM ivoa.obscore", AdqlVersion.V2_1);
        assertEquals(2, later.line(), later.getMessage());
        assertEquals(22, later.column(), later.getMessage());
    }

    @Test
    void tooLargeHexadecimalLiteralsAreRefusedWhereWritten() {
        AdqlException e = error("SELECT obs_id\nFROM ivoa.obscore WHERE calib_level = 0x8000000000000000", AdqlVersion.V2_1);
        assertEquals(2, e.line());
        assertEquals(39, e.column());
        assertTrue(e.getMessage().contains("0x8000000000000000") && e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void adql20HasNoHexadecimalLiterals() {
        AdqlException e = error("SELECT 0x1F FROM ivoa.obscore", AdqlVersion.V2_0);
        assertEquals(8, e.column(), e.getMessage());
    }

    @Test
    void coalesceIsAnOperandAnywhere() throws Exception {
        TranslatedQuery q = derby("SELECT COALESCE(calib_level, 0) + 1, ABS(-coalesce(s_ra, COALESCE(s_dec, 0)) * 2) AS b,"
                + " COALESCE(obs_id, 'x') || '!' AS c, COALESCE(calib_level, 1) FROM ivoa.obscore"
                + " WHERE 2 * COALESCE(calib_level, 0) > 1");
        String sql = q.sql();
        // the values are checked by the conformance suite; here: COALESCE stays COALESCE, where it was written
        assertTrue(sql.matches("(?s)SELECT \\(+(CAST\\()?COALESCE\\(\"ivoa\"\\.\"obscore\"\\.\"calib_level\", 0\\).*"), sql);
        assertTrue(sql.contains("COALESCE(\"ivoa\".\"obscore\".\"s_ra\", COALESCE(\"ivoa\".\"obscore\".\"s_dec\", 0))"),
                sql);
        assertTrue(sql.matches("(?s).*WHERE .*2.*COALESCE\\(\"ivoa\"\\.\"obscore\"\\.\"calib_level\", 0\\).* > 1"), sql);
        assertFalse(sql.toLowerCase().contains("meridian_coalesce"), sql);
        assertEquals(Datatype.DOUBLE, q.columns().get(1).metadata().datatype());
        assertEquals(Datatype.CHAR, q.columns().get(2).metadata().datatype());
        assertEquals("coalesce", q.columns().get(3).name());
    }

    @Test
    void coalesceIsAdql21() throws Exception {
        String sql = derby("SELECT COALESCE (calib_level, 0) * 2 AS x FROM ivoa.obscore").sql();
        assertTrue(sql.contains("COALESCE(\"ivoa\".\"obscore\".\"calib_level\", 0)"), sql);
        AdqlException e = error("SELECT obs_id\n FROM ivoa.obscore WHERE COALESCE(calib_level, 0) + 1 > 2", AdqlVersion.V2_0);
        assertEquals(2, e.line(), e.getMessage());
        assertEquals(26, e.column(), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("meridian_coalesce"), e.getMessage());
    }

    @Test
    void errorsAfterARewriteKeepTheirPositionAsWritten() {
        // a column after CROSS JOIN's inserted condition and a hexadecimal literal, on one line
        AdqlException unknown = error("SELECT 0x1F FROM ivoa.obscore CROSS JOIN archive.product_files WHERE nosuch = 0x1",
                AdqlVersion.V2_1);
        assertEquals(70, unknown.column(), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("(line 1, column 70)"), unknown.getMessage());
        String bad = "SELECT COALESCE(s_ra, 0) + 0xFFFFFFFFFF FROM ivoa.obscore CROSS JOIN ivoa.obscore AS b WHER";
        AdqlException syntax = error(bad, AdqlVersion.V2_1);
        int column = bad.indexOf("WHER") + 1;
        assertEquals(column, syntax.column(), syntax.getMessage());
        assertTrue(syntax.getMessage().startsWith("ADQL syntax error at line 1, column " + column), syntax.getMessage());
        AdqlException misplaced = error("SELECT obs_id FROM ivoa.obscore WHERE COALESCE(s_ra, 0)", AdqlVersion.V2_1);
        assertFalse(misplaced.getMessage().toLowerCase().contains("meridian_coalesce"), misplaced.getMessage());
    }
}
