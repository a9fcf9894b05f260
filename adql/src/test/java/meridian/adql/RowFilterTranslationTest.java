package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restricted table is read through its derived table wherever the query names it: every
 * {@code FROM "ivoa"."obscore"} in the SQL carries the condition, whatever the query's shape,
 * in both dialects.
 */
class RowFilterTranslationTest {

    private static final String CONDITION = "\"meridian_rows\".\"obs_collection\" <> 'secret'";
    private static final RowFilter HIDE_SECRET = (schema, table, row) ->
            schema.equals("ivoa") && table.equals("obscore") ? Optional.of(row + ".\"obs_collection\" <> 'secret'")
                    : Optional.empty();

    private static MetadataModel model() {
        Table upload = Table.of("TAP_UPLOAD", "pos", null, List.of(
                Column.of("id", Datatype.INT).build(), Column.of("ra", Datatype.DOUBLE).build(),
                Column.of("dec", Datatype.DOUBLE).build())).withStoredName("u01_pos");
        return ArchiveModel.create("archive", "test").with(new Schema("TAP_UPLOAD", null, null, List.of(upload), 99));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT obs_id FROM ivoa.obscore",
        "SELECT * FROM ivoa.obscore",
        "SELECT ivoa.obscore.obs_id FROM ivoa.obscore WHERE ivoa.obscore.s_ra > 1",
        "SELECT o.obs_id FROM ivoa.obscore AS o",
        "SELECT COUNT(*) FROM ivoa.obscore AS a JOIN ivoa.obscore AS b ON a.obs_id = b.obs_id",
        "SELECT obs_id FROM ivoa.obscore UNION SELECT obs_id FROM ivoa.obscore",
        "SELECT product_id FROM archive.product_files WHERE product_id IN (SELECT obs_publisher_did FROM ivoa.obscore)",
        "SELECT COUNT(*) FROM ivoa.obscore WHERE EXISTS (SELECT 1 FROM archive.product_files AS f"
                + " WHERE f.product_id = obscore.obs_publisher_did)",
        "SELECT t.n FROM (SELECT COUNT(*) AS n FROM ivoa.obscore) AS t",
        "WITH w AS (SELECT obs_id FROM ivoa.obscore) SELECT obs_id FROM w",
        "SELECT u.id, o.obs_id FROM TAP_UPLOAD.pos AS u JOIN ivoa.obscore AS o"
                + " ON DISTANCE(POINT('ICRS', u.ra, u.dec), POINT('ICRS', o.s_ra, o.s_dec)) < 0.01",
        "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 10, 5, 1))"})
    void everyReferenceIsRestricted(String adql) throws Exception {
        for (QueryTranslator t : List.of(QueryTranslator.derby(), QueryTranslator.postgres())) {
            String sql = t.translate(adql, AdqlVersion.V2_1, model(), HIDE_SECRET).sql();
            int references = count(sql, "\"ivoa\".\"obscore\"");
            assertTrue(references > 0, sql);
            assertEquals(references, count(sql, "FROM \"ivoa\".\"obscore\" AS \"meridian_rows\""), sql);
            assertTrue(count(sql, CONDITION) > references, "the condition masks every column too: " + sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT obs_id FROM ivoa.obscore", "SELECT product_id FROM archive.product_files"})
    void withoutRestrictionTheSqlIsUnchanged(String adql) throws Exception {
        QueryTranslator t = QueryTranslator.derby();
        assertEquals(t.translate(adql, AdqlVersion.V2_1, model()).sql(),
                t.translate(adql, AdqlVersion.V2_1, model(), RowFilter.NONE).sql());
    }

    private static int count(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
