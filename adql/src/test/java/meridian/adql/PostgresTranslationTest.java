package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.MetadataModel;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL-specific parts of the translation (the results are checked on a real PostgreSQL
 * by {@link AdqlGoldenTest} under {@code MERIDIAN_TEST_DB=postgresql}).
 */
class PostgresTranslationTest {

    private static final MetadataModel MODEL = ArchiveModel.create("archive", "test");

    private static String sql(String adql) throws AdqlException {
        return QueryTranslator.postgres().translate(adql, AdqlVersion.V2_1, MODEL).sql();
    }

    @Test
    void conesArePrefilteredByThePgSphereIndexExpression() throws Exception {
        String sql = sql("SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), CIRCLE(10, 20, 1))");
        assertTrue(sql.contains("\"MERIDIAN\".\"POS\"(\"ivoa\".\"obscore\".\"s_ra\", \"ivoa\".\"obscore\".\"s_dec\")"
                + " <@ \"MERIDIAN\".\"SCIRCLE\"(10.0, 20.0, 1.0000001)"), sql);
        assertTrue(sql.contains("\"MERIDIAN\".\"IN_CIRCLE\"("), "the exact test stays: " + sql);
        assertFalse(sql.contains("meridian_cell"), "no Derby sky cells: " + sql);

        String distance = sql("SELECT obs_id FROM ivoa.obscore AS o WHERE DISTANCE(POINT(0, 0), POINT(o.s_ra, o.s_dec)) < 0.5");
        assertTrue(distance.contains("\"MERIDIAN\".\"POS\"(\"o\".\"s_ra\", \"o\".\"s_dec\") <@"), distance);
    }

    @Test
    void restrictedTablesGiveThePrefilterTheUnmaskedIndexedExpression() throws Exception {
        RowFilter hide = (schema, table, row) -> schema.equals("ivoa") && table.equals("obscore")
                ? java.util.Optional.of(row + ".\"obs_collection\" <> 'secret'") : java.util.Optional.empty();
        String sql = QueryTranslator.postgres().translate("SELECT o.obs_id FROM ivoa.obscore AS o"
                + " WHERE 1 = CONTAINS(POINT(o.s_ra, o.s_dec), CIRCLE(10, 20, 1))", AdqlVersion.V2_1, MODEL, hide).sql();
        assertTrue(sql.contains("\"MERIDIAN\".\"POS\"(\"meridian_rows\".\"s_ra\", \"meridian_rows\".\"s_dec\")"
                + " AS \"meridian_position\""), sql);
        assertTrue(sql.contains("\"o\".\"meridian_position\" <@ \"MERIDIAN\".\"SCIRCLE\"(10.0, 20.0, 1.0000001)"), sql);
        assertTrue(sql.contains("CASE WHEN"), "the user's columns stay masked: " + sql);
    }

    @Test
    void conesWiderThanAHemisphereCapKeepOnlyTheExactTest() throws Exception {
        String sql = sql("SELECT obs_id FROM ivoa.obscore WHERE DISTANCE(POINT(s_ra, s_dec), POINT(0, 0)) < 120");
        assertFalse(sql.contains("<@"), sql);
    }

    @Test
    void typesArePostgresNames() throws Exception {
        String sql = sql("SELECT AVG(calib_level), CAST('1.5' AS DOUBLE PRECISION), RAND(3) FROM ivoa.obscore");
        assertTrue(sql.contains("AS DOUBLE PRECISION))"), sql);
        assertTrue(sql.contains("\"MERIDIAN\".\"RAND\"(CAST(3 AS INTEGER))"), sql);
        assertFalse(sql.matches("(?s).*AS DOUBLE\\).*"), sql);
    }
}
