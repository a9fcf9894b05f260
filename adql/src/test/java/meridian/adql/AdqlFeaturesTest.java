package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import adql.parser.feature.FeatureSet;
import adql.parser.feature.LanguageFeature;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every declared optional feature works on Derby, and the parser accepts exactly the declared ones. */
class AdqlFeaturesTest {

    @TempDir
    static Path dir;
    static TestArchive archive;

    /** One query per declared feature form; each must run. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("POINT", "SELECT POINT(s_ra, s_dec) FROM ivoa.obscore"),
            Map.entry("CIRCLE", "SELECT CIRCLE(s_ra, s_dec, 1) FROM ivoa.obscore"),
            Map.entry("BOX", "SELECT BOX(s_ra, s_dec, 1, 1) FROM ivoa.obscore"),
            Map.entry("POLYGON", "SELECT POLYGON(1, 2, 3, 4, 5, 6) FROM ivoa.obscore"),
            Map.entry("REGION", "SELECT REGION('Circle ICRS 1 2 3') FROM ivoa.obscore"),
            Map.entry("CENTROID", "SELECT CENTROID(s_region) FROM ivoa.obscore"),
            Map.entry("AREA", "SELECT AREA(s_region) FROM ivoa.obscore"),
            Map.entry("COORD1", "SELECT COORD1(POINT(s_ra, s_dec)) FROM ivoa.obscore"),
            Map.entry("COORD2", "SELECT COORD2(POINT(s_ra, s_dec)) FROM ivoa.obscore"),
            Map.entry("COORDSYS", "SELECT COORDSYS(s_region) FROM ivoa.obscore"),
            Map.entry("DISTANCE", "SELECT DISTANCE(POINT(s_ra, s_dec), POINT(1, 2)) FROM ivoa.obscore"),
            Map.entry("CONTAINS", "SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), s_region) = 1"),
            Map.entry("INTERSECTS", "SELECT obs_id FROM ivoa.obscore WHERE INTERSECTS(s_region, CIRCLE(1, 2, 3)) = 1"),
            Map.entry("LOWER", "SELECT LOWER(obs_id) FROM ivoa.obscore"),
            Map.entry("UPPER", "SELECT UPPER(obs_id) FROM ivoa.obscore"),
            Map.entry("ILIKE", "SELECT obs_id FROM ivoa.obscore WHERE obs_id ILIKE 'A%'"),
            Map.entry("UNION", "SELECT obs_id FROM ivoa.obscore UNION SELECT obs_id FROM ivoa.obscore"),
            Map.entry("EXCEPT", "SELECT obs_id FROM ivoa.obscore EXCEPT SELECT obs_id FROM ivoa.obscore"),
            Map.entry("INTERSECT", "SELECT obs_id FROM ivoa.obscore INTERSECT SELECT obs_id FROM ivoa.obscore"),
            Map.entry("CAST", "SELECT CAST(s_ra AS INTEGER) FROM ivoa.obscore"),
            Map.entry("COALESCE", "SELECT COALESCE(s_fov, 0) FROM ivoa.obscore"),
            Map.entry("IN_UNIT", "SELECT IN_UNIT(s_fov, 'arcsec') FROM ivoa.obscore"),
            Map.entry("OFFSET", "SELECT obs_id FROM ivoa.obscore ORDER BY obs_id OFFSET 1"),
            Map.entry("WITH", "WITH w AS (SELECT obs_id FROM ivoa.obscore) SELECT obs_id FROM w"),
            Map.entry("ivo_nocasematch(value VARCHAR, pattern VARCHAR) -> INTEGER",
                    "SELECT ivo_nocasematch(obs_id, 'A%') FROM ivoa.obscore"),
            Map.entry("ivo_hasword(haystack VARCHAR, needle VARCHAR) -> INTEGER",
                    "SELECT ivo_hasword(obs_id, 'a') FROM ivoa.obscore"),
            Map.entry("ivo_hashlist_has(hashlist VARCHAR, item VARCHAR) -> INTEGER",
                    "SELECT ivo_hashlist_has('a#b', obs_id) FROM ivoa.obscore"),
            Map.entry("ivo_interval_overlaps(l1 DOUBLE, h1 DOUBLE, l2 DOUBLE, h2 DOUBLE) -> INTEGER",
                    "SELECT ivo_interval_overlaps(s_ra, s_ra, 0, 360) FROM ivoa.obscore"),
            Map.entry("ivo_healpix_index(hpxOrder INTEGER, ra DOUBLE, dec DOUBLE) -> BIGINT",
                    "SELECT ivo_healpix_index(8, s_ra, s_dec) FROM ivoa.obscore"),
            Map.entry("ivo_healpix_center(hpxOrder INTEGER, hpxIndex BIGINT) -> POINT",
                    "SELECT ivo_healpix_center(8, 1000) FROM ivoa.obscore"),
            Map.entry("ivo_string_agg(expr VARCHAR, delim VARCHAR) -> VARCHAR",
                    "SELECT ivo_string_agg(obs_id, ',') FROM ivoa.obscore"));

    @BeforeAll
    static void open() throws SQLException {
        archive = new TestArchive(dir);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    @Test
    void everyDeclaredFeatureRunsOnDerby() throws Exception {
        Set<String> forms = new TreeSet<>();
        for (AdqlFeatures.Feature f : AdqlFeatures.declared()) {
            forms.add(f.form());
            String sample = SAMPLES.get(f.form());
            assertTrue(sample != null, "no sample query for declared feature " + f);
            assertFalse(archive.rows(sample).isEmpty() && !sample.contains("EXCEPT"), sample);
        }
        assertEquals(new TreeSet<>(SAMPLES.keySet()), forms);
    }

    @Test
    void theParserAcceptsExactlyTheDeclaredFeatures() {
        FeatureSet set = AdqlFeatures.featureSet();
        Set<String> declared = new TreeSet<>();
        AdqlFeatures.declared().forEach(f -> declared.add(f.type() + "#" + f.form()));
        for (Iterator<LanguageFeature> it = FeatureSet.getAvailableFeatures(); it.hasNext(); ) {
            LanguageFeature f = it.next();
            assertEquals(declared.contains(f.type + "#" + f.form), set.isSupporting(f), f.toString());
        }
    }

    @Test
    void typesUseTheTapRegExtIdentifiers() {
        Set<String> types = new TreeSet<>();
        AdqlFeatures.declared().forEach(f -> types.add(f.type()));
        assertEquals(Set.of("ivo://ivoa.net/std/TAPRegExt#features-adqlgeo",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-string",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-sets",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-type",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-conditional",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-unit",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-offset",
                "ivo://ivoa.net/std/TAPRegExt#features-adql-common-table",
                "ivo://ivoa.net/std/TAPRegExt#features-udf"), types);
    }
}
