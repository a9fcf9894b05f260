package meridian.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import meridian.adql.AdqlException;
import meridian.adql.AdqlVersion;
import meridian.adql.QueryTranslator;
import meridian.adql.TranslatedQuery;
import meridian.bench.CatalogueTables;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.model.MetadataModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** ADQL text to Derby SQL: parse, check against the metadata model, translate (what every TAP query pays). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AdqlTranslateBenchmark {

    private static final List<String> QUERIES = List.of(
            "SELECT TOP 10 * FROM bench.cat_1e6",
            "SELECT id, ra, dec, mag FROM bench.cat_1e6 WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                    + " CIRCLE('ICRS', 180.5, -30.25, 1))",
            "SELECT o.obs_id, o.s_ra, o.s_dec, p.access_url FROM ivoa.obscore AS o JOIN archive.product_files AS p"
                    + " ON p.product_id = o.obs_publisher_did WHERE o.dataproduct_type = 'spectrum'"
                    + " AND o.em_min < 5e-7 AND o.em_max > 4e-7 ORDER BY o.obs_id");

    @Param({"0", "1", "2"})
    public int query;

    private QueryTranslator translator;
    private MetadataModel model;
    private String adql;

    @Setup
    public void setUp() {
        translator = QueryTranslator.derby();
        model = ArchiveModel.create("archive", "bench").with(CatalogueTables.schema(List.of(1_000_000L)));
        adql = QUERIES.get(query);
    }

    @Benchmark
    public TranslatedQuery translate() throws AdqlException {
        return translator.translate(adql, AdqlVersion.V2_1, model);
    }
}
