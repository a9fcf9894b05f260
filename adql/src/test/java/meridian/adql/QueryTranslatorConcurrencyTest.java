package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.MetadataModel;
import org.junit.jupiter.api.Test;

/** One translator and one model serve concurrent queries (the checker's tables are shared). */
class QueryTranslatorConcurrencyTest {

    private static final List<String> QUERIES = List.of(
            "SELECT o.obs_id, p.archive_id FROM ivoa.obscore AS o JOIN archive.product_files AS p"
                    + " ON p.product_id = o.obs_publisher_did",
            "SELECT TOP 5 * FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), CIRCLE(10, 20, 1))",
            "WITH w AS (SELECT s_ra AS r FROM ivoa.obscore) SELECT x.r FROM w AS x ORDER BY x.r",
            "SELECT obs_collection, COUNT(*) FROM ivoa.obscore GROUP BY obs_collection",
            "SELECT column_name FROM TAP_SCHEMA.columns AS c WHERE c.table_name = 'ivoa.obscore'");

    @Test
    void concurrentTranslationsAgreeWithSequentialOnes() throws Exception {
        MetadataModel model = ArchiveModel.create("archive", "Test");
        QueryTranslator translator = QueryTranslator.derby();
        List<String> expected = new ArrayList<>();
        for (String q : QUERIES) {
            expected.add(translator.translate(q, AdqlVersion.V2_1, model).sql());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String q = QUERIES.get(i % QUERIES.size());
                results.add(pool.submit(() -> translator.translate(q, AdqlVersion.V2_1, model).sql()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected.get(i % QUERIES.size()), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
