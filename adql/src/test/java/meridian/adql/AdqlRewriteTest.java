package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.MetadataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQL of the rewrites that make ADQLlib's parse give ADQL's answer: left-associative
 * arithmetic, string literals with any character, typed NULLs, grouping through a derived table
 * and FULL OUTER JOIN on Derby. Their results are checked on both databases by
 * {@link AdqlConformanceTest}.
 */
class AdqlRewriteTest {

    private static final MetadataModel MODEL = ArchiveModel.create("archive", "test");

    private static String derby(String adql) throws AdqlException {
        return QueryTranslator.derby().translate(adql, AdqlVersion.V2_1, MODEL).sql();
    }

    private static String select(String expression) throws AdqlException {
        String sql = derby("SELECT " + expression + " AS x FROM ivoa.obscore");
        return sql.substring("SELECT ".length(), sql.indexOf(" AS \"x\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            1 - 2 - 3                  # ((1-2)-3)
            1 - 2 + 3 - 4              # (((1-2)+3)-4)
            8 / 4 / 2                  # ((8/4)/2)
            2 * 3 / 4                  # ((2*3)/4)
            1 + 2 * 3 - 4 / 2          # ((1+(2*3))-(4/2))
            1 - (2 - 3)                # (1-((2-3)))
            (1 - 2) - 3                # (((1-2))-3)
            2 - -calib_level - 1       # ((2-(-"ivoa"."obscore"."calib_level"))-1)
            -calib_level * 2 / 3       # (((-"ivoa"."obscore"."calib_level")*2)/3)
            ABS(1 - 2 - 3) * 2 * 3     # (("MERIDIAN"."ABS"(((1-2)-3))*2)*3)
            """)
    void arithmeticIsLeftAssociativeAndParenthesesStay(String adql, String sql) throws Exception {
        String actual = shape(select(adql));
        assertEquals(sql.replace("\"MERIDIAN\".\"ABS\"", "ABS"), actual, adql);
    }

    /**
     * The SQL's shape: without the casts that make integer arithmetic 64-bit (see
     * {@link ResultTypesTest}) and without blanks around the operators.
     */
    private static String shape(String sql) {
        StringBuilder out = new StringBuilder(sql);
        for (int at = out.indexOf("CAST("); at >= 0; at = out.indexOf("CAST(", at)) {
            int depth = 0;
            int end = at + 4;
            do {
                char c = out.charAt(end++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } while (depth > 0);
            String inner = out.substring(at + 5, end - 1);
            if (inner.endsWith(" AS BIGINT")) {
                out.replace(at, end, inner.substring(0, inner.length() - " AS BIGINT".length()));
            } else {
                at = end;
            }
        }
        return out.toString().replaceAll(" ([-+*/]) ", "$1");
    }

    @Test
    void chainsInsideSubqueriesAndConditionsAreRewrittenToo() throws Exception {
        String sql = shape(derby("SELECT obs_id FROM ivoa.obscore WHERE calib_level > 10 - 4 - 2 AND obs_id IN"
                + " (SELECT obs_id FROM ivoa.obscore WHERE s_ra < 100 / 10 / 2)"));
        assertTrue(sql.contains("((10-4)-2)"), sql);
        assertTrue(sql.contains("((100/10)/2)"), sql);
    }

    @Test
    void concatenationKeepsItsOrder() throws Exception {
        assertEquals("(\"ivoa\".\"obscore\".\"obs_id\" || '-' || \"ivoa\".\"obscore\".\"obs_collection\" || '!')",
                select("obs_id || '-' || obs_collection || '!'"));
    }

    @Test
    void stringLiteralsKeepEveryCharacter() throws Exception {
        assertEquals("'東京 – ✓'", select("'東京 – ✓'"));
        assertEquals("'it''s ✓'", select("'it''s ✓'"));
        String sql = derby("SELECT obs_id -- it's a comment with ✓ and '\n FROM ivoa.obscore WHERE target_name = 'a–b'"
                + " OR \"obs_id\" = '✓'");
        assertTrue(sql.contains("= 'a–b'") && sql.contains("= '✓'"), sql);
        // the placeholder never leaks, also when the query text contains its spelling
        String tricky = derby("SELECT 'meridian literal 0' AS a, '–' AS b FROM ivoa.obscore");
        assertTrue(tricky.contains("'meridian literal 0'") && tricky.contains("'–'"), tricky);
    }

    @Test
    void nullLiteralsAreTypedOnDerby() throws Exception {
        assertTrue(derby("SELECT obs_id FROM ivoa.obscore WHERE s_ra = NULL").contains("= CAST(NULL AS DOUBLE)"));
        assertTrue(derby("SELECT obs_id FROM ivoa.obscore WHERE calib_level = NULL").contains("CAST(NULL AS INTEGER)"));
        assertEquals("COALESCE(CAST(NULL AS BIGINT), 3)", select("COALESCE(NULL, 3)"));
        assertEquals("COALESCE(CAST(NULL AS VARCHAR(32672)), \"ivoa\".\"obscore\".\"obs_id\")",
                select("COALESCE(NULL, obs_id)"));
    }

    @Test
    void groupingByAnExpressionGoesThroughADerivedTableOnDerby() throws Exception {
        String sql = derby("SELECT FLOOR(s_dec / 10) AS band, COUNT(*), MAX(s_ra) FROM ivoa.obscore"
                + " WHERE calib_level > 0 GROUP BY band HAVING MIN(s_ra) > 0 ORDER BY band");
        assertTrue(sql.startsWith("SELECT \"meridian_grouped1\".\"meridian_g1\" AS \"band\""), sql);
        assertTrue(sql.contains("MAX(\"meridian_grouped1\".\"meridian_c1\")"), sql);
        assertTrue(sql.contains("GROUP BY \"meridian_grouped1\".\"meridian_g1\""), sql);
        assertTrue(sql.contains("HAVING MIN(\"meridian_grouped1\".\"meridian_c1\") > 0"), sql);
        String postgres = QueryTranslator.postgres().translate("SELECT FLOOR(s_dec / 10) AS band, COUNT(*)"
                + " FROM ivoa.obscore GROUP BY band", AdqlVersion.V2_1, MODEL).sql();
        assertFalse(postgres.contains("meridian_grouped"), postgres);
    }

    @Test
    void fullOuterJoinIsRewrittenOnDerbyOnly() throws Exception {
        String adql = "SELECT o.obs_id, p.archive_id FROM ivoa.obscore AS o FULL OUTER JOIN archive.product_files AS p"
                + " ON p.product_id = o.obs_publisher_did";
        String sql = derby(adql);
        assertFalse(sql.contains("FULL"), sql);
        assertTrue(sql.contains("LEFT OUTER JOIN") && sql.contains("UNION ALL") && sql.contains("NOT EXISTS"), sql);
        assertTrue(sql.startsWith("SELECT \"meridian_full1\"."), sql);
        String postgres = QueryTranslator.postgres().translate(adql, AdqlVersion.V2_1, MODEL).sql();
        assertTrue(postgres.contains("FULL OUTER JOIN"), postgres);
    }
}
