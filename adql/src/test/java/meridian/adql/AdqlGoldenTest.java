package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ADQL constructs run end to end on Derby (or PostgreSQL, see {@link TestArchive}): each case is a query and the rows it must return
 * (values joined by {@code |}, rows by {@code ;}, see {@link TestArchive#text}). The six ObsCore
 * rows a..f are described in {@link TestArchive}.
 */
class AdqlGoldenTest {

    @TempDir
    static Path dir;
    static TestArchive archive;

    @BeforeAll
    static void open() throws SQLException {
        archive = new TestArchive(dir);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private static void check(String adql, String expected) throws AdqlException, SQLException {
        assertEquals(expected == null ? "" : expected, archive.text(adql), adql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT obs_id, s_ra, s_dec FROM ivoa.obscore WHERE obs_id = 'a'                          # a|10|20
            SELECT TOP 2 obs_id, s_ra AS ra, "s_dec" FROM ivoa.obscore ORDER BY obs_id DESC          # f|250|-45;e|180|89.9
            SELECT obs_id FROM ivoa.obscore ORDER BY obs_id OFFSET 4                                 # e;f
            SELECT TOP 1 obs_id FROM ivoa.obscore ORDER BY obs_id OFFSET 1                           # b
            SELECT TOP 0 obs_id FROM ivoa.obscore                                                    #
            SELECT DISTINCT obs_collection FROM ivoa.obscore ORDER BY obs_collection                 # DEMO;OTHER;POLAR
            SELECT obs_id FROM ivoa.obscore WHERE s_fov BETWEEN 0.4 AND 1 ORDER BY 1                 # a;b;e
            SELECT obs_id FROM ivoa.obscore WHERE s_region IS NULL                                   # d
            SELECT obs_id FROM ivoa.obscore WHERE calib_level IN (0, 3) ORDER BY obs_id              # b;f
            SELECT obs_id FROM ivoa.obscore WHERE NOT (calib_level >= 2) ORDER BY obs_id              # c;f
            SELECT COUNT(*) FROM ivoa.obscore WHERE t_min > 59001 AND em_min < 7.5e-7                # 3
            SELECT 1.5 * 2, 'x', 1e3, 7 / 2, -calib_level FROM ivoa.obscore WHERE obs_id = 'b'       # 3|x|1000|3|-3
            """)
    void basics(String adql, String expected) throws Exception {
        check(adql, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT ABS(-s_ra), CEILING(s_fov + 0.5), FLOOR(s_fov + 0.5), DEGREES(PI()), EXP(0) FROM ivoa.obscore WHERE obs_id = 'a' # 10|2|1|180|1
            SELECT LOG(EXP(2)), LOG10(1000), MOD(7, 3), MOD(7.5, 2), POWER(2, 10), RADIANS(180), SQRT(16) FROM ivoa.obscore WHERE obs_id = 'a' # 2|3|1|1.5|1024|3.141593|4
            SELECT ROUND(2.345, 2), ROUND(2.5), ROUND(-2.5), ROUND(1234.5, -2), TRUNCATE(2.789, 1), TRUNCATE(-2.7) FROM ivoa.obscore WHERE obs_id = 'a' # 2.35|3|-3|1200|2.7|-2
            SELECT SIN(0), COS(0), TAN(0), ASIN(1), ACOS(1), ATAN(1), ATAN2(1, 1), COT(1) FROM ivoa.obscore WHERE obs_id = 'a' # 0|1|0|1.570796|0|0.7853982|0.7853982|0.6420926
            SELECT COUNT(*) FROM ivoa.obscore WHERE RAND() BETWEEN 0 AND 1 AND RAND(7) >= 0          # 6
            """)
    void mathFunctions(String adql, String expected) throws Exception {
        check(adql, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT LOWER(target_name), UPPER(target_name), obs_id || '-' || obs_collection FROM ivoa.obscore WHERE target_name ILIKE 'm31%' ORDER BY obs_id # m31|M31|a-DEMO;m31 halo|M31 HALO|b-DEMO
            SELECT obs_id FROM ivoa.obscore WHERE target_name LIKE 'M%'                                # a
            SELECT obs_id FROM ivoa.obscore WHERE target_name NOT ILIKE '%o%' ORDER BY 1               # a
            SELECT obs_id FROM ivoa.obscore WHERE target_name = 'O''Brien; DROP'                       # f
            SELECT CAST(s_ra AS INTEGER), CAST(s_fov AS VARCHAR(10)), CAST(calib_level AS CHAR(3)), CAST('12.5' AS DOUBLE PRECISION) FROM ivoa.obscore WHERE obs_id = 'a' # 10|1|2  |12.5
            SELECT CAST('2020-01-01T10:00:00' AS TIMESTAMP), CAST(s_ra AS SMALLINT), CAST(s_ra AS BIGINT), CAST(s_ra AS REAL), CAST('42' AS INTEGER) FROM ivoa.obscore WHERE obs_id = 'a' # 2020-01-01T10:00:00.000|10|10|10|42
            SELECT obs_id, COALESCE(s_fov, -1), COALESCE(target_name, 'none') FROM ivoa.obscore WHERE obs_collection = 'OTHER' ORDER BY 1 # c|-1|Zero;d|2|none
            SELECT IN_UNIT(s_fov, 'arcmin'), IN_UNIT(t_min, 'h'), IN_UNIT(em_min, 'nm') FROM ivoa.obscore WHERE obs_id = 'a' # 60|1416012|400
            SELECT obs_id, obs_creation_date FROM ivoa.obscore WHERE obs_creation_date > '2021-01-01T00:00:00' ORDER BY 1 # b|2021-06-30T12:00:00.000;e|2022-02-02T00:00:00.000
            SELECT obs_id FROM ivoa.obscore WHERE obs_creation_date BETWEEN '2020-01-01' AND '2021-12-31 23:59:59' ORDER BY 1 # a;b
            """)
    void stringTypeConditionalAndUnitFunctions(String adql, String expected) throws Exception {
        check(adql, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT obs_id FROM ivoa.obscore WHERE obs_collection = 'DEMO' UNION SELECT obs_id FROM ivoa.obscore WHERE calib_level = 2 ORDER BY 1 # a;b;d;e;f
            SELECT obs_collection FROM ivoa.obscore WHERE calib_level = 2 UNION ALL SELECT obs_collection FROM ivoa.obscore WHERE obs_id = 'a' ORDER BY obs_collection # DEMO;DEMO;OTHER;POLAR
            SELECT obs_id FROM ivoa.obscore WHERE obs_collection = 'DEMO' INTERSECT SELECT obs_id FROM ivoa.obscore WHERE calib_level >= 2 ORDER BY 1 # a;b
            SELECT obs_id FROM ivoa.obscore EXCEPT SELECT obs_id FROM ivoa.obscore WHERE dataproduct_type = 'spectrum' ORDER BY 1 # b;d;e
            WITH demo AS (SELECT obs_id, s_ra AS r FROM ivoa.obscore WHERE obs_collection = 'DEMO') SELECT d.obs_id, d.r FROM demo AS d ORDER BY d.obs_id # a|10;b|10.5;f|250
            WITH demo AS (SELECT obs_id, s_ra FROM ivoa.obscore WHERE obs_collection = 'DEMO') SELECT * FROM demo WHERE s_ra < 100 ORDER BY obs_id # a|10;b|10.5
            WITH d AS (SELECT obs_id FROM ivoa.obscore WHERE calib_level = 2), e AS (SELECT obs_id FROM d WHERE obs_id > 'a') SELECT COUNT(*) FROM e # 2
            SELECT x.n FROM (SELECT obs_id AS n FROM ivoa.obscore WHERE calib_level = 3) AS x            # b
            SELECT obs_id FROM ivoa.obscore WHERE obs_publisher_did IN (SELECT product_id FROM archive.product_files) ORDER BY 1 # a;b
            SELECT p.archive_id FROM archive.product_files AS p JOIN ivoa.obscore AS o ON o.obs_publisher_did = p.product_id WHERE o.obs_publisher_did IN (SELECT TOP 1 obs_publisher_did FROM ivoa.obscore ORDER BY obs_publisher_did) ORDER BY 1 # A.fits;A.png
            SELECT p.archive_id FROM archive.product_files AS p JOIN ivoa.obscore AS o ON o.obs_publisher_did = p.product_id WHERE o.obs_publisher_did IN (SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id = 'a') ORDER BY 1 # A.fits;A.png
            SELECT o.obs_id FROM ivoa.obscore AS o WHERE o.obs_publisher_did IN (SELECT obs_publisher_did FROM ivoa.obscore WHERE obs_id = 'a') ORDER BY 1 # a
            SELECT obs_id FROM ivoa.obscore WHERE obs_publisher_did IN (SELECT TOP 1 obs_publisher_did FROM ivoa.obscore ORDER BY obs_publisher_did) # a
            SELECT obs_id FROM ivoa.obscore AS o WHERE EXISTS (SELECT * FROM archive.product_files AS p WHERE p.product_id = o.obs_publisher_did) ORDER BY 1 # a;b
            SELECT o.obs_id, p.archive_id, p.category FROM ivoa.obscore AS o JOIN archive.product_files AS p ON p.product_id = o.obs_publisher_did ORDER BY p.archive_id # a|A.fits|SCIENCE.SPECTRUM;a|A.png|ANCILLARY.PREVIEW;b|B.fits|SCIENCE.IMAGE
            SELECT o.obs_id, p.archive_id FROM ivoa.obscore AS o LEFT OUTER JOIN archive.product_files AS p ON p.product_id = o.obs_publisher_did WHERE o.calib_level >= 2 ORDER BY 1, 2 # a|A.fits;a|A.png;b|B.fits;d|null;e|null
            SELECT obs_collection, COUNT(*) AS n, AVG(calib_level), MIN(s_ra), MAX(obs_id), SUM(access_estsize) FROM ivoa.obscore GROUP BY obs_collection HAVING COUNT(*) > 1 ORDER BY obs_collection # DEMO|3|1.666667|10|f|2148;OTHER|2|1.5|0.2|d|7
            SELECT obs_collection, COUNT(*) AS n FROM ivoa.obscore GROUP BY obs_collection ORDER BY n DESC, obs_collection # DEMO|3;OTHER|2;POLAR|1
            SELECT calib_level AS cl, COUNT(*) AS n FROM ivoa.obscore GROUP BY cl HAVING COUNT(*) >= 2      # 2|3
            SELECT calib_level * 2 AS c2, COUNT(*) FROM ivoa.obscore GROUP BY calib_level * 2 ORDER BY c2   # 0|1;2|1;4|3;6|1
            SELECT TOP 3 obs_id FROM ivoa.obscore ORDER BY DISTANCE(POINT(s_ra, s_dec), POINT(10, 20))     # a;b;c
            SELECT obs_id, NULL FROM ivoa.obscore WHERE target_name IS NOT NULL AND obs_id <> 'a' ORDER BY 1 # b|null;c|null;e|null;f|null
            SELECT o.obs_id, p.archive_id FROM ivoa.obscore AS o, archive.product_files AS p WHERE p.product_id = o.obs_publisher_did ORDER BY 2 # a|A.fits;a|A.png;b|B.fits
            SELECT from_table, from_column, target_table, target_column FROM TAP_SCHEMA.keys JOIN TAP_SCHEMA.key_columns USING (key_id) WHERE from_table = 'archive.product_files' # archive.product_files|product_id|ivoa.obscore|obs_publisher_did
            SELECT o.obs_id, s.id FROM ivoa.obscore AS o JOIN test.stars AS s ON 1 = CONTAINS(POINT(s.ra, s.dec), CIRCLE(o.s_ra, o.s_dec, 0.1)) ORDER BY 1, 2 # a|1;a|2
            """)
    void setsSubqueriesJoinsAndGroups(String adql, String expected) throws Exception {
        check(adql, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 10, 20, 1)) ORDER BY 1 # a;b
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), CIRCLE(0, 0, 0.5)) = 1 ORDER BY 1 # c;d
            SELECT obs_id FROM ivoa.obscore o WHERE DISTANCE(POINT(o.s_ra, o.s_dec), POINT(0, 0)) < 0.5 ORDER BY 1 # c;d
            SELECT obs_id FROM ivoa.obscore WHERE 0.5 > DISTANCE(POINT(0, 0), POINT(s_ra, s_dec)) ORDER BY 1 # c;d
            SELECT obs_id, DISTANCE(s_ra, s_dec, 10, 20) AS d FROM ivoa.obscore WHERE DISTANCE(s_ra, s_dec, 10, 20) <= 0.6 ORDER BY 1 # a|0;b|0.5103666
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), BOX(10.25, 20.25, 1, 1)) = 1 ORDER BY 1 # a;b
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), POLYGON(9, 19, 11, 19, 11, 21, 9, 21)) = 1 ORDER BY 1 # a;b
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), POLYGON(POINT(9, 19), POINT(10.2, 19), POINT(10.2, 21))) = 1 # a
            SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), CIRCLE(0, 90, 0.5))    # e
            SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), CIRCLE(359.95, 0, 0.3)) ORDER BY 1 # c;d
            SELECT obs_id FROM ivoa.obscore WHERE INTERSECTS(CIRCLE(250, -45, 0.01), POINT(s_ra, s_dec)) = 1 # f
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), CIRCLE(10, 20, 1)) = 0 ORDER BY 1 # c;d;e;f
            SELECT obs_id FROM ivoa.obscore WHERE INTERSECTS(s_region, CIRCLE(10.9, 20.9, 0.05)) = 1        # b
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(CIRCLE(10, 20, 0.1), s_region) = 1               # a
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(10.6, 20.6), s_region) = 1                 # b
            SELECT obs_id, AREA(s_region), COORD1(POINT(s_ra, s_dec)), COORD2(POINT(s_ra, s_dec)), COORDSYS(s_region) FROM ivoa.obscore WHERE s_region IS NOT NULL ORDER BY obs_id # a|0.7853932|10|20|ICRS;b|0.9366753|10.5|20.2|ICRS;c|0.03141592|359.9|0.1|ICRS;e|0.1256636|180|89.9|ICRS;f|1.392469|250|-45|ICRS
            SELECT POINT(s_ra, s_dec) AS p, CIRCLE(s_ra, s_dec, 1) AS c, POLYGON(1, 2, 3, 4, 5, 6) AS poly, BOX(1, 2, 3, 4) AS b, s_region FROM ivoa.obscore WHERE obs_id = 'a' # [10 20]|[10 20 1]|[1 2 3 4 5 6]|[359.5009 0 2.499087 0 2.502746 3.998629 359.4973 3.998629]|Circle ICRS 10 20 0.5
            SELECT CENTROID(s_region), CENTROID(CIRCLE(1, 2, 3)) FROM ivoa.obscore WHERE obs_id = 'b'       # [10.5 20.50017]|[1 2]
            SELECT POLYGON(POINT(1, 2), POINT(3, 4), POINT(5, 6)), CIRCLE(POINT(1, 2), 3), DISTANCE(POINT(0, 0), POINT(0, 1)) FROM ivoa.obscore WHERE obs_id = 'a' # [1 2 3 4 5 6]|[1 2 3]|1
            SELECT REGION('Circle ICRS 1 2 3'), AREA(REGION('Box ICRS 10 0 1 1')) FROM ivoa.obscore WHERE obs_id = 'a' # Circle ICRS 1 2 3|0.9999746
            """)
    void geometry(String adql, String expected) throws Exception {
        check(adql, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT id, ra, dec, "size", "Group" FROM test.stars WHERE dec > 0 ORDER BY id DESC           # 2|10.01|20.01|2.5|y;1|10|20|1.5|x
            SELECT * FROM test.stars WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 0.1)) ORDER BY id # 1|10|20|1.5|x;2|10.01|20.01|2.5|y
            SELECT s.id FROM test.stars AS s WHERE DISTANCE(POINT(s.ra, s.dec), POINT(10, 20)) < 0.001   # 1
            SELECT "Group", COUNT(*) FROM test.stars GROUP BY "Group" ORDER BY "Group"                    # x|2;y|1
            SELECT s.dec AS "DEC", s.ra AS "select" FROM test.stars AS s WHERE s.id = 3                   # -30|200
            SELECT s_ra AS "a""b" FROM ivoa.obscore WHERE obs_id = 'a'                                    # 10
            SELECT column_name, datatype, xtype FROM TAP_SCHEMA.columns WHERE table_name = 'ivoa.obscore' AND column_name = 's_region' # s_region|char|adql:REGION
            SELECT table_name FROM tap_schema.tables WHERE table_name LIKE 'test.%'                       # test.stars
            """)
    void identifiersAndQuoting(String adql, String expected) throws Exception {
        check(adql, expected);
    }

    @Test
    void topOfASetOperandLimitsThatOperand() throws Exception {
        // TOP belongs to the first SELECT: 2 of its 3 rows, plus f
        List<List<Object>> rows = archive.rows("SELECT TOP 2 obs_id FROM ivoa.obscore WHERE calib_level = 2"
                + " UNION SELECT obs_id FROM ivoa.obscore WHERE obs_id = 'f'");
        assertEquals(3, rows.size());
        assertTrue(rows.contains(List.of("f")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            SELECT TOP 2 obs_id FROM ivoa.obscore ORDER BY obs_id                                          # a;b
            SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 10, 20, 1)) = 1 ORDER BY 1 # a;b
            SELECT obs_id FROM ivoa.obscore WHERE obs_id = 'a' OR obs_id = 'b'                   # a;b
            """)
    void adql20(String adql, String expected) throws Exception {
        TranslatedQuery q = archive.translator.translate(adql, AdqlVersion.V2_0, archive.model);
        String rows = String.join(";", archive.rows(q).stream().map(r -> TestArchive.show(r.get(0))).sorted().toList());
        assertEquals(expected, rows, adql);
    }
}
