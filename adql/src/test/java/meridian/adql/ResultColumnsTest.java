package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result FIELD metadata and the Java types the converters hand to STIL. */
class ResultColumnsTest {

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

    private static TranslatedQuery translate(String adql) throws AdqlException {
        return archive.translator.translate(adql, AdqlVersion.V2_1, archive.model);
    }

    @Test
    void columnReferencesCarryTheModelMetadataUnderTheirOutputName() throws Exception {
        TranslatedQuery q = translate("SELECT o.s_ra AS ra, s_region FROM ivoa.obscore AS o");
        Column ra = q.columns().get(0).metadata();
        Column model = ObscoreTable.table().column("s_ra").orElseThrow();
        assertEquals("ra", ra.name());
        assertEquals(model.unit(), ra.unit());
        assertEquals(model.ucd(), ra.ucd());
        assertEquals(model.utype(), ra.utype());
        assertEquals(model.description(), ra.description());
        Column region = q.columns().get(1).metadata();
        assertEquals(Datatype.CHAR, region.datatype());
        assertEquals("adql:REGION", region.xtype());
        assertEquals("*", region.arraysize());
    }

    @Test
    void metadataSurvivesSubqueriesAndCommonTables() throws Exception {
        assertEquals("deg", translate("SELECT x.r FROM (SELECT s_ra AS r FROM ivoa.obscore) AS x")
                .columns().get(0).metadata().unit());
        assertEquals("pos.eq.dec", translate("WITH w AS (SELECT s_dec FROM ivoa.obscore) SELECT * FROM w")
                .columns().get(0).metadata().ucd());
    }

    @Test
    void selectStarListsTheModelColumnsOnly() throws Exception {
        TranslatedQuery q = translate("SELECT * FROM ivoa.obscore");
        assertEquals(ObscoreTable.table().columns().stream().map(Column::name).toList(),
                q.columns().stream().map(ResultColumn::name).toList());
        assertEquals(q.columns().size(), archive.rows(q).get(0).size());
    }

    @Test
    void constructedGeometriesAreDaliArrays() throws Exception {
        TranslatedQuery q = translate("SELECT POINT(s_ra, s_dec), CIRCLE(s_ra, s_dec, 0.5), BOX(s_ra, s_dec, 1, 1),"
                + " POLYGON(1, 2, 3, 4, 5, 6), CENTROID(s_region) FROM ivoa.obscore WHERE obs_id = 'a'");
        List<String> xtypes = q.columns().stream().map(c -> c.metadata().xtype()).toList();
        assertEquals(List.of("point", "circle", "polygon", "polygon", "point"), xtypes);
        assertEquals(List.of("2", "3", "*", "*", "2"), q.columns().stream().map(c -> c.metadata().arraysize()).toList());
        List<Object> row = archive.rows(q).get(0);
        assertArrayEquals(new double[] {10, 20}, (double[]) row.get(0));
        assertArrayEquals(new double[] {10, 20, 0.5}, (double[]) row.get(1));
        assertEquals(8, ((double[]) row.get(2)).length);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, (double[]) row.get(3));
        assertArrayEquals(new double[] {10, 20}, (double[]) row.get(4), 1e-9);
    }

    @Test
    void valuesHaveTheJavaTypeOfTheirDatatype() throws Exception {
        TranslatedQuery q = translate("SELECT calib_level, access_estsize, s_fov, obs_creation_date, COUNT(*) AS n,"
                + " CAST(calib_level AS SMALLINT), CAST(s_fov AS REAL), 1.5, obs_id"
                + " FROM ivoa.obscore WHERE obs_id = 'a' GROUP BY calib_level, access_estsize, s_fov,"
                + " obs_creation_date, obs_id");
        List<Object> row = archive.rows(q).get(0);
        assertInstanceOf(Integer.class, row.get(0));
        assertInstanceOf(Long.class, row.get(1));
        assertInstanceOf(Double.class, row.get(2));
        assertEquals("2020-01-02T03:04:05.678", row.get(3));
        assertEquals("timestamp", q.columns().get(3).metadata().xtype());
        assertEquals(1L, row.get(4));
        assertEquals(Datatype.LONG, q.columns().get(4).metadata().datatype());
        assertInstanceOf(Short.class, row.get(5));
        assertInstanceOf(Float.class, row.get(6));
        assertEquals(1.5, row.get(7));
        assertEquals("a", row.get(8));
    }

    @Test
    void geometryMeasuresHaveUnits() throws Exception {
        TranslatedQuery q = translate("SELECT DISTANCE(POINT(s_ra, s_dec), POINT(1, 2)), AREA(s_region),"
                + " COORD1(POINT(s_ra, s_dec)) FROM ivoa.obscore");
        assertEquals(List.of("deg", "deg**2", "deg"), q.columns().stream().map(c -> c.metadata().unit()).toList());
    }

    @Test
    void nullsStayNull() throws Exception {
        List<Object> row = archive.rows(translate("SELECT target_name, s_region, obs_creation_date, POINT(s_ra, t_min), t_min"
                + " FROM ivoa.obscore WHERE obs_id = 'd'")).get(0);
        for (Object v : row) {
            assertNull(v);
        }
    }

    @Test
    void convertersAreForgiving() {
        assertArrayEquals(new double[] {1, 2}, (double[]) ValueConverters.toDoubles("1 2"));
        assertArrayEquals(new double[] {1, 2, 3}, (double[]) ValueConverters.toDoubles("Circle ICRS 1 2 3"));
        assertNull(ValueConverters.toDoubles("garbage here"));
    }
}
