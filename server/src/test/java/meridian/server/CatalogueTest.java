package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import meridian.ingest.CollectionDefinitionException;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoadException;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.ingest.catalogue.CatalogueReport;
import meridian.ingest.demo.DemoCatalogue;
import meridian.sql.geom.SphericalGeometry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableWriter;

/**
 * Catalogue publishing against a real server: the same generated catalogue loaded from FITS,
 * VOTable, CSV and ECSV, every value and metadata field read back through TAP; positional
 * queries; atomic replacement under a concurrent reader; data errors naming file, row and
 * column with the old table left in place; the catalogues surviving a restart.
 */
class CatalogueTest {

    private static final int ROWS = 3_000;
    private static final List<String> FORMATS = List.of("fits", "votable", "csv", "ecsv");
    private static TestService service;
    private static StarTable generated;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        dir = Files.createDirectories(service.dataDir().resolve("catalogues"));
        generated = DemoCatalogue.table(ROWS, List.of(new double[] {10, -5}, new double[] {20, 0}));
        List<StarTableWriter> writers = DemoCatalogue.writers();
        for (int i = 0; i < FORMATS.size(); i++) {
            String f = FORMATS.get(i);
            DemoCatalogue.write(generated, dir.resolve("cat." + f), writers.get(i));
            Path yaml = write("cat_" + f + ".yaml", definition("cat_" + f, "cat." + f, f.equals("csv")));
            CatalogueReport r = load(yaml);
            assertEquals(ROWS, r.rows(), f);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** The definition of a test catalogue; CSV declares types and metadata the file cannot. */
    private static String definition(String table, String source, boolean csv) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, """
                kind: catalogue
                schema: test
                table: %s
                description: Test catalogue %s
                schema_description: Test catalogues
                sources: [%s]
                primary_key: source_id
                position: {ra: ra, dec: dec}
                indexes: [bp_rp]
                columns:
                  class: {name: src_class, principal: true%s}
                  gmag: {indexed: true, description: G magnitude (overridden)%s}
                """, table, table, source, csv ? ", datatype: char, arraysize: '6*', ucd: src.class, description: 'Source class: star, galaxy or qso'" : "",
                csv ? ", datatype: float, unit: mag, ucd: 'phot.mag;em.opt.V'" : ""));
        if (csv) {
            for (int i = 0; i < generated.getColumnCount(); i++) {
                ColumnInfo c = generated.getColumnInfo(i);
                if (c.getName().equals("class") || c.getName().equals("gmag")) {
                    continue;
                }
                String type = datatype(c);
                sb.append(String.format(Locale.ROOT, "  %s: {datatype: %s, description: '%s'%s%s}%n", c.getName(),
                        type, c.getDescription(), c.getUnitString() == null ? "" : ", unit: '" + c.getUnitString() + "'",
                        ", ucd: '" + c.getUCD() + "'"));
            }
        }
        return sb.toString();
    }

    private static String datatype(ColumnInfo c) {
        Class<?> k = c.getContentClass();
        return k == Long.class ? "long" : k == Double.class ? "double" : k == Float.class ? "float" : "char";
    }

    private static Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static CatalogueReport load(Path yaml) throws Exception {
        return new CatalogueLoader(service.archive().database()).load(CatalogueDefinition.load(yaml), false, n -> { });
    }

    private static StarTable query(String adql) throws IOException {
        Response r = given().baseUri(service.baseUrl()).formParam("LANG", "ADQL").formParam("MAXREC", "100000")
                .formParam("QUERY", adql).post("/tap/sync");
        assertEquals(200, r.statusCode(), adql + ": " + r.asString());
        return VoTables.table(r.asByteArray());
    }

    private static List<Object[]> rows(String adql) throws IOException {
        return VoTables.rows(query(adql));
    }

    @Test
    void everyValueOfEveryFormatComesBackThroughTap() throws Exception {
        List<Object[]> expected = VoTables.rows(generated);
        for (String f : FORMATS) {
            StarTable t = query("SELECT * FROM test.cat_" + f + " ORDER BY source_id");
            assertEquals(generated.getColumnCount(), t.getColumnCount(), f);
            List<Object[]> got = VoTables.rows(t);
            assertEquals(ROWS, got.size(), f);
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < t.getColumnCount(); c++) {
                    assertSame(expected.get(r)[c], got.get(r)[c],
                            f + " row " + r + " column " + generated.getColumnInfo(c).getName());
                }
            }
        }
    }

    private static void assertSame(Object expected, Object got, String where) {
        if (missing(expected) || missing(got)) {
            assertTrue(missing(expected) && missing(got), where + ": " + expected + " vs " + got);
        } else if (expected instanceof Float e) {
            assertEquals(e, ((Number) got).floatValue(), where);
        } else if (expected instanceof Number e) {
            assertEquals(e.doubleValue(), ((Number) got).doubleValue(), where);
        } else {
            assertEquals(expected.toString(), got.toString(), where);
        }
    }

    private static boolean missing(Object v) {
        return v == null || (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN())
                || (v instanceof String s && s.isEmpty());
    }

    @Test
    void everyMetadataFieldIsInTapSchemaAndResults() throws Exception {
        for (String f : FORMATS) {
            String table = "test.cat_" + f;
            List<Object[]> tables = rows("SELECT description FROM TAP_SCHEMA.tables WHERE table_name = '" + table + "'");
            assertEquals("Test catalogue cat_" + f, tables.get(0)[0], f);
            Map<String, Object[]> cols = new HashMap<>();
            for (Object[] row : rows("SELECT column_name, datatype, unit, ucd, description, principal, indexed, std"
                    + " FROM TAP_SCHEMA.columns WHERE table_name = '" + table + "'")) {
                cols.put((String) row[0], row);
            }
            assertEquals(generated.getColumnCount(), cols.size(), f);
            for (int i = 0; i < generated.getColumnCount(); i++) {
                ColumnInfo c = generated.getColumnInfo(i);
                String name = c.getName().equals("class") ? "src_class" : c.getName();
                Object[] row = cols.get(name);
                String where = f + " " + name;
                assertEquals(datatype(c), row[1], where);
                assertEquals(c.getUnitString(), blankToNull(row[2]), where);
                assertEquals(c.getUCD(), blankToNull(row[3]), where);
                assertEquals(name.equals("gmag") ? "G magnitude (overridden)" : c.getDescription(), row[4], where);
                assertEquals(name.equals("src_class") ? 1 : 0, ((Number) row[5]).intValue(), where);
                boolean indexed = Set.of("source_id", "gmag", "bp_rp").contains(name);
                assertEquals(name.equals("gmag") || name.equals("bp_rp") ? 1 : 0, ((Number) row[6]).intValue(), where);
                assertTrue(indexed || ((Number) row[6]).intValue() == 0, where);
                assertEquals(0, ((Number) row[7]).intValue(), where);
            }
            // result FIELDs carry the same metadata
            StarTable t = query("SELECT TOP 1 gmag, ra FROM " + table);
            assertEquals("mag", t.getColumnInfo(0).getUnitString(), f);
            assertEquals("pos.eq.ra;meta.main", t.getColumnInfo(1).getUCD(), f);
        }
        String vosi = given().baseUri(service.baseUrl()).get("/tap/tables/test.cat_fits").asString();
        assertTrue(vosi.contains("src_class") && vosi.contains("Test catalogue cat_fits"), vosi);
    }

    private static Object blankToNull(Object o) {
        return o == null || o.toString().isEmpty() ? null : o;
    }

    @Test
    void conesAndCrossMatchesUseTheCatalogue() throws Exception {
        Set<Long> expected = new TreeSet<>();
        for (Object[] row : VoTables.rows(generated)) {
            if (SphericalGeometry.distance(10, -5, (Double) row[1], (Double) row[2]) < 0.05) {
                expected.add((Long) row[0]);
            }
        }
        assertFalse(expected.isEmpty());
        for (String f : FORMATS) {
            Set<Long> got = new TreeSet<>();
            for (Object[] row : rows("SELECT source_id FROM test.cat_" + f
                    + " WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, -5, 0.05)) = 1")) {
                got.add(((Number) row[0]).longValue());
            }
            assertEquals(expected, got, f);
        }
        // every ObsCore row at (10, -5) and (20, 0) has a counterpart within an arcsecond
        List<Object[]> matches = rows("SELECT o.obs_id, s.source_id FROM ivoa.obscore AS o JOIN test.cat_fits AS s"
                + " ON DISTANCE(POINT('ICRS', o.s_ra, o.s_dec), POINT('ICRS', s.ra, s.dec)) < 0.0003");
        assertEquals(2, matches.size());
    }

    @Test
    void aReaderDuringReloadsSeesTheOldOrTheNewTable() throws Exception {
        Path data = dir.resolve("swap.csv");
        Path yaml = write("swap.yaml", "kind: catalogue\nschema: test\ntable: swap\nsources: [swap.csv]\n"
                + "primary_key: id\nposition: {ra: ra, dec: dec}\n");
        writeSwap(data, 1000, 1);
        load(yaml);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> wrong = new AtomicReference<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            while (!stop.get() && wrong.get() == null) {
                try {
                    Object[] r = rows("SELECT COUNT(*), MIN(v), MAX(v) FROM test.swap").get(0);
                    String s = ((Number) r[0]).longValue() + "/" + r[1] + "/" + r[2];
                    seen.add(s);
                    if (!s.equals("1000/1/1") && !s.equals("2000/2/2")) {
                        wrong.set(s);
                    }
                } catch (Throwable e) {
                    wrong.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 4; i++) {
            int rows = i % 2 == 0 ? 2000 : 1000;
            writeSwap(data, rows, i % 2 == 0 ? 2 : 1);
            load(yaml);
            assertEquals(rows, ((Number) rows("SELECT COUNT(*) FROM test.swap").get(0)[0]).intValue(), "load " + i);
        }
        stop.set(true);
        reader.join();
        assertNull(wrong.get(), "a reader saw " + wrong.get());
        assertFalse(seen.isEmpty());
        assertEquals(1000L, ((Number) rows("SELECT COUNT(*) FROM test.swap").get(0)[0]).longValue());
    }

    private static void writeSwap(Path file, int rows, int value) throws IOException {
        StringBuilder sb = new StringBuilder("id,ra,dec,v\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i % 360).append(',').append(i % 90).append(',').append(value).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void awkwardValuesSurviveDerbysBulkImport() throws Exception {
        // quotes, delimiters, line breaks and edge spaces in text; NULLs; booleans; timestamps;
        // doubles that need all 17 digits; NaN (NULL); the sky cell still computed
        write("odd.csv", "id,ra,dec,name,ok,t,x,f\n"
                + "1,10.123456789012345,-20.5,\"say \"\"hi\"\", then, go\",true,2020-01-02T03:04:05.5,0.1,1.5\n"
                + "2,11,21,\"two\nlines\",false,2021-12-31,1e-300,NaN\n"
                + "3,12,22,\"  padded  \",,,NaN,\n"
                + "4,13,23,,true,,-0.30000000000000004,3.4e38\n");
        Path yaml = write("odd.yaml", "kind: catalogue\nschema: test\ntable: odd\nsources: [odd.csv]\n"
                + "primary_key: id\nposition: {ra: ra, dec: dec}\ncolumns:\n  id: {datatype: int}\n"
                + "  ra: {datatype: double}\n  dec: {datatype: double}\n  name: {datatype: char, arraysize: '*'}\n"
                + "  ok: {datatype: boolean}\n  t: {datatype: char, xtype: timestamp}\n  x: {datatype: double}\n"
                + "  f: {datatype: float}\n");
        assertEquals(4, load(yaml).rows());
        List<Object[]> rows = rows("SELECT id, ra, name, ok, t, x, f FROM test.odd ORDER BY id");
        assertEquals(4, rows.size());
        assertEquals(10.123456789012345, ((Number) rows.get(0)[1]).doubleValue());
        assertEquals("say \"hi\", then, go", rows.get(0)[2]);
        assertEquals(Boolean.TRUE, rows.get(0)[3]);
        assertEquals("2020-01-02T03:04:05.500", rows.get(0)[4].toString());
        assertEquals(0.1, ((Number) rows.get(0)[5]).doubleValue());
        assertEquals(1.5f, ((Number) rows.get(0)[6]).floatValue());
        assertEquals("two\nlines", rows.get(1)[2]);
        assertEquals(Boolean.FALSE, rows.get(1)[3]);
        assertEquals(1e-300, ((Number) rows.get(1)[5]).doubleValue());
        assertTrue(missing(rows.get(1)[6]), String.valueOf(rows.get(1)[6]));
        assertEquals("  padded  ", rows.get(2)[2]);
        for (int c = 3; c <= 6; c++) {
            assertTrue(missing(rows.get(2)[c]), c + ": " + rows.get(2)[c]);
        }
        assertTrue(missing(rows.get(3)[2]), String.valueOf(rows.get(3)[2]));
        assertEquals(-0.30000000000000004, ((Number) rows.get(3)[5]).doubleValue());
        assertEquals(3.4e38f, ((Number) rows.get(3)[6]).floatValue());
        // the generated sky cell was filled: a cone finds the row
        assertEquals(1, rows("SELECT id FROM test.odd WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                + " CIRCLE('ICRS', 10.12, -20.5, 0.01))").size());
        // infinity does not fit: reported before anything is written
        write("odd.csv", "id,ra,dec,name,ok,t,x,f\n1,10,20,a,true,,Infinity,1\n");
        CatalogueLoadException e = assertThrows(CatalogueLoadException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains("odd.csv: row 1, column x"), e.getMessage());
        assertEquals(4, rows("SELECT id FROM test.odd").size());
    }

    @Test
    void guessedCsvNumbersArePublishedWideSoThatLaterFilesFit() throws Exception {
        write("wide1.csv", "id,mag\n1,12.5\n2,13.5\n");
        write("wide2.csv", "id,mag\n5000000000,14.5\n");
        Path yaml = write("wide.yaml", "kind: catalogue\nschema: test\ntable: wide\nsources: [wide1.csv, wide2.csv]\n"
                + "primary_key: id\n");
        load(yaml);
        List<Object[]> types = rows("SELECT column_name, datatype FROM TAP_SCHEMA.columns"
                + " WHERE table_name = 'test.wide' ORDER BY column_name");
        assertEquals("id long", types.get(0)[0] + " " + types.get(0)[1]);
        assertEquals("mag double", types.get(1)[0] + " " + types.get(1)[1]);
        assertEquals(5_000_000_000L, ((Number) rows("SELECT MAX(id) FROM test.wide").get(0)[0]).longValue());
        // a datatype the definition gives is kept, and a value beyond it stops the load, named
        Path narrow = write("narrow.yaml", "kind: catalogue\nschema: test\ntable: narrow\n"
                + "sources: [wide1.csv, wide2.csv]\nprimary_key: id\ncolumns:\n  id: {datatype: int}\n");
        CatalogueLoadException e = assertThrows(CatalogueLoadException.class, () -> load(narrow));
        assertTrue(e.getMessage().contains("wide2.csv: row 1, column id: 5000000000 does not fit int"), e.getMessage());
    }

    @Test
    void badDataIsReportedWithFileRowAndColumnAndTheOldTableStays() throws Exception {
        write("err.csv", "id,ra,dec,name\n1,10,20,a\n2,11,21,b\n");
        Path yaml = write("err.yaml", "kind: catalogue\nschema: test\ntable: err\nsources: [err.csv]\n"
                + "primary_key: id\ncolumns:\n  id: {datatype: int}\n  name: {arraysize: '3*'}\n");
        load(yaml);
        // a value that does not fit the declared type
        write("err.csv", "id,ra,dec,name\n1,10,20,a\n2,11,21,b\n3,12,22,c\nx4,13,23,d\n");
        CatalogueLoadException e = assertThrows(CatalogueLoadException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains("err.csv: row 4, column id: 'x4' is not an integer"), e.getMessage());
        assertEquals(4, e.row());
        // text longer than its arraysize
        write("err.csv", "id,ra,dec,name\n1,10,20,abcd\n");
        e = assertThrows(CatalogueLoadException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains("row 1, column name"), e.getMessage());
        // a duplicate key
        write("err.csv", "id,ra,dec,name\n1,10,20,a\n2,11,21,b\n3,12,22,c\n2,13,23,d\n");
        e = assertThrows(CatalogueLoadException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains("err.csv: row 4, column id: duplicate primary key"), e.getMessage());
        // a second file without a column of the first
        write("err.csv", "id,ra,dec,name\n1,10,20,a\n");
        write("err2.csv", "id,ra,name\n2,11,b\n");
        Path two = write("err2.yaml", "kind: catalogue\nschema: test\ntable: err\nsources: [err.csv, err2.csv]\n"
                + "primary_key: id\n");
        e = assertThrows(CatalogueLoadException.class, () -> load(two));
        assertTrue(e.getMessage().contains("err2.csv, column dec: missing column"), e.getMessage());
        // a column the definition describes but the file lacks
        Path missing = write("err3.yaml", "kind: catalogue\nschema: test\ntable: err\nsources: [err.csv]\n"
                + "columns:\n  mag: {unit: mag}\n");
        CollectionDefinitionException d = assertThrows(CollectionDefinitionException.class, () -> load(missing));
        assertTrue(d.getMessage().contains("columns.mag") && d.getMessage().contains("has no column mag"),
                d.getMessage());
        // through all of it, the first version stayed published
        List<Object[]> rows = rows("SELECT id, name FROM test.err ORDER BY id");
        assertEquals(2, rows.size());
        assertEquals("b", rows.get(1)[1]);
    }

    @Test
    void aRowOnlyTheDatabaseRefusesIsReportedWithItsFileAndRow() throws Exception {
        // Java checks every value it can; a timestamp beyond the database's range (PostgreSQL:
        // 294276 AD, Derby: 9999) reaches the bulk load (COPY, Derby's import), which names the line
        write("late1.csv", "id,ra,dec,t\n1,10,20,2020-01-01\n2,11,21,2021-01-01\n");
        write("late2.csv", "id,ra,dec,t\n3,12,22,2022-01-01\n4,13,23,2023-01-01\n5,14,24,+300000-01-01T00:00:00\n");
        Path yaml = write("late.yaml", "kind: catalogue\nschema: test\ntable: late\nsources: [late1.csv, late2.csv]\n"
                + "primary_key: id\nposition: {ra: ra, dec: dec}\ncolumns:\n  id: {datatype: int}\n"
                + "  t: {datatype: char, xtype: timestamp}\n");
        CatalogueLoadException e = assertThrows(CatalogueLoadException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains("late2.csv: row 3: the database refused this row"), e.getMessage());
        assertEquals(3, e.row());
        assertTrue(service.archive().database().model().table("test.late").isEmpty());
    }

    @Test
    void aTimestampBeforeChristKeepsItsEraOrIsRefused() throws Exception {
        write("bc.csv", "id,ra,dec,t\n1,10,20,-0100-03-01T12:00:00\n2,11,21,0999-01-01T00:00:00.25\n");
        Path yaml = write("bc.yaml", "kind: catalogue\nschema: test\ntable: bc\nsources: [bc.csv]\n"
                + "primary_key: id\ncolumns:\n  id: {datatype: int}\n  t: {datatype: char, xtype: timestamp}\n");
        if (!TestDatabases.postgres()) {
            // Derby stores years 1 to 9999: refused, not stored as 101 AD
            CatalogueLoadException e = assertThrows(CatalogueLoadException.class, () -> load(yaml));
            assertTrue(e.getMessage().contains("bc.csv: row 1: the database refused this row"), e.getMessage());
            return;
        }
        load(yaml);
        List<String> got = new ArrayList<>();
        try (var c = service.archive().database().connection(); var st = c.createStatement();
             var names = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'test'"
                     + " AND tablename LIKE 'bc%'")) {
            assertTrue(names.next());
            String table = names.getString(1);
            try (var st2 = c.createStatement(); var rs = st2.executeQuery("SELECT to_char(t, 'YYYY-MM-DD HH24:MI:SS.MS BC')"
                    + " FROM test.\"" + table + "\" ORDER BY id")) {
                while (rs.next()) {
                    got.add(rs.getString(1));
                }
            }
        }
        // ISO year -100 is 101 BC
        assertEquals(List.of("0101-03-01 12:00:00.000 BC", "0999-01-01 00:00:00.250 AD"), got);
    }

    @Test
    void foreignKeysAreDeclaredInTapSchema() throws Exception {
        write("fk.csv", "obs_id,score\nobs-00,1.5\nobs-01,2.5\n");
        Path yaml = write("fk.yaml", "kind: catalogue\nschema: test\ntable: scores\nsources: [fk.csv]\n"
                + "foreign_keys:\n  - {target: ivoa.obscore, columns: {obs_id: obs_id}, description: scored product}\n");
        load(yaml);
        List<Object[]> keys = rows("SELECT k.target_table, kc.from_column, kc.target_column FROM TAP_SCHEMA.keys AS k"
                + " JOIN TAP_SCHEMA.key_columns AS kc ON k.key_id = kc.key_id WHERE k.from_table = 'test.scores'");
        assertEquals(1, keys.size());
        assertEquals("ivoa.obscore", keys.get(0)[0]);
        assertEquals(2, rows("SELECT s.score FROM test.scores AS s JOIN ivoa.obscore AS o ON o.obs_id = s.obs_id")
                .size());
        Path bad = write("fk2.yaml", "kind: catalogue\nschema: test\ntable: scores2\nsources: [fk.csv]\n"
                + "foreign_keys:\n  - {target: ivoa.nothing, columns: {obs_id: obs_id}}\n");
        assertThrows(CollectionDefinitionException.class, () -> load(bad));
    }

    @Test
    void catalogueTablesSurviveARestart() throws Exception {
        write("keep.csv", "id,ra,dec\n1,10,-5\n2,200,30\n");
        load(write("keep.yaml", "kind: catalogue\nschema: kept\ntable: things\ndescription: kept across restarts\n"
                + "sources: [keep.csv]\nprimary_key: id\nposition: {ra: ra, dec: dec}\n"));
        load(dir.resolve("keep.yaml")); // a second version, so a retired table exists too
        service.restart(() -> null);
        assertEquals("kept across restarts", rows("SELECT description FROM TAP_SCHEMA.tables"
                + " WHERE table_name = 'kept.things'").get(0)[0]);
        List<Object[]> cone = rows("SELECT id FROM kept.things"
                + " WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, -5, 0.1)) = 1");
        assertEquals(1, cone.size());
        assertEquals(ROWS, ((Number) rows("SELECT COUNT(*) FROM test.cat_fits").get(0)[0]).intValue());
        List<String> stored = new ArrayList<>();
        try (var c = service.archive().database().connection();
             var rs = c.getMetaData().getTables(null, "kept", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                stored.add(rs.getString("TABLE_NAME"));
            }
        }
        if (TestDatabases.postgres()) {
            // a shared database: a server elsewhere may still read it until the grace period ends
            assertEquals(Set.of("things_v1", "things_v2"), Set.copyOf(stored));
        } else {
            assertEquals(List.of("things_v2"), stored, "the replaced version was dropped when the archive opened");
        }
    }

    @Test
    void reservedWordsArePublishedAsDelimitedIdentifiers() throws Exception {
        write("words.csv", "id,ra,dec,size,date,value,order,Group\n"
                + "1,10,-5,1.5,2020-01-02,7,3,a\n2,11,-4,2.5,2021-02-03,8,1,b\n3,12,-3,3.5,2022-03-04,9,2,c\n");
        load(write("words.yaml", "kind: catalogue\nschema: test\ntable: words\nsources: [words.csv]\n"
                + "primary_key: order\nposition: {ra: ra, dec: dec}\nindexes: [value]\n"
                + "columns:\n  size: {unit: arcsec, description: Source size}\n  date: {datatype: char}\n"
                + "  value: {datatype: int}\n  order: {datatype: short}\n"));
        // TAP_SCHEMA: delimited, as TAP 1.1 section 4.3 (and TAP_SCHEMA.columns."size") has them
        Map<String, Object[]> cols = new HashMap<>();
        for (Object[] row : rows("SELECT column_name, unit, indexed FROM TAP_SCHEMA.columns"
                + " WHERE table_name = 'test.words'")) {
            cols.put((String) row[0], row);
        }
        assertEquals(Set.of("id", "ra", "dec", "\"size\"", "\"date\"", "\"value\"", "\"order\"", "\"Group\""),
                cols.keySet());
        assertEquals("arcsec", cols.get("\"size\"")[1]);
        assertEquals(1, ((Number) cols.get("\"value\"")[2]).intValue());
        String vosi = given().baseUri(service.baseUrl()).get("/tap/tables/test.words").asString();
        assertTrue(vosi.contains("<name>&quot;size&quot;</name>"), vosi);
        // ADQL: quoted they are columns; results name them as the file did
        StarTable t = query("SELECT \"size\", \"date\", \"value\", \"order\", \"Group\" FROM test.words"
                + " WHERE \"order\" >= 2 AND \"value\" > 7 ORDER BY \"order\"");
        assertEquals("size", t.getColumnInfo(0).getName());
        assertEquals("arcsec", t.getColumnInfo(0).getUnitString());
        List<Object[]> got = VoTables.rows(t);
        assertEquals(1, got.size());
        assertEquals(3.5, ((Number) got.get(0)[0]).doubleValue());
        assertTrue(got.get(0)[1].toString().startsWith("2022-03-04"), String.valueOf(got.get(0)[1]));
        assertEquals(2, ((Number) got.get(0)[3]).intValue());
        assertEquals("c", got.get(0)[4]);
        assertEquals(3, rows("SELECT w.\"size\" FROM test.words AS w WHERE 1 = CONTAINS(POINT('ICRS', w.ra, w.dec),"
                + " CIRCLE('ICRS', 11, -4, 2))").size());
        // unquoted, a reserved word is a syntax error: a 400 naming it, not a 500
        Response r = given().baseUri(service.baseUrl()).formParam("LANG", "ADQL")
                .formParam("QUERY", "SELECT size FROM test.words").post("/tap/sync");
        assertEquals(400, r.statusCode(), r.asString());
        assertTrue(r.asString().toLowerCase(Locale.ROOT).contains("size"), r.asString());
    }

    @Test
    void arrayColumnsArePublishedWithTheirArraysize() throws Exception {
        write("arrays.vot", """
                <?xml version="1.0"?>
                <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
                <FIELD name="id" datatype="int"/><FIELD name="flux" datatype="float" arraysize="3" unit="Jy"/>
                <FIELD name="mags" datatype="double" arraysize="*"/><FIELD name="counts" datatype="long" arraysize="2"/>
                <FIELD name="flags" datatype="boolean" arraysize="2"/><FIELD name="grid" datatype="short" arraysize="2x2"/>
                <FIELD name="label" datatype="char" arraysize="*"/>
                <DATA><TABLEDATA>
                <TR><TD>1</TD><TD>1.5 NaN 0.1</TD><TD>12.5 13.25</TD><TD>9007199254740993 -1</TD><TD>T F</TD>
                <TD>1 2 3 4</TD><TD>a</TD></TR>
                <TR><TD>2</TD><TD>4 5 6</TD><TD></TD><TD>3 4</TD><TD>F F</TD><TD>5 6 7 8</TD><TD>b</TD></TR>
                </TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>
                """);
        CatalogueReport r = load(write("arrays.yaml", "kind: catalogue\nschema: test\ntable: arrays\n"
                + "sources: [arrays.vot]\nprimary_key: id\n"));
        assertEquals(2, r.rows());
        assertEquals(List.of("grid (short[2x2]): arrays of more than one dimension are not published"), r.skipped());
        assertTrue(r.summary().contains("skipped column grid (short[2x2])"), r.summary());
        Map<String, Object[]> cols = new HashMap<>();
        for (Object[] row : rows("SELECT column_name, datatype, arraysize, unit FROM TAP_SCHEMA.columns"
                + " WHERE table_name = 'test.arrays'")) {
            cols.put((String) row[0], row);
        }
        assertEquals(Set.of("id", "flux", "mags", "counts", "flags", "label"), cols.keySet());
        assertEquals(List.of("float", "3", "Jy"), List.of(cols.get("flux")[1], cols.get("flux")[2], cols.get("flux")[3]));
        assertEquals("*", cols.get("mags")[2]);
        assertEquals("long", cols.get("counts")[1]);
        assertEquals("boolean", cols.get("flags")[1]);
        // values come back as arrays of their type, in VOTable and CSV
        StarTable t = query("SELECT id, flux, mags, counts, flags FROM test.arrays ORDER BY id");
        assertEquals(float[].class, t.getColumnInfo(1).getContentClass());
        assertEquals(3, t.getColumnInfo(1).getShape()[0]);
        assertEquals("Jy", t.getColumnInfo(1).getUnitString());
        List<Object[]> got = VoTables.rows(t);
        float[] flux = (float[]) got.get(0)[1];
        assertEquals(1.5f, flux[0]);
        assertTrue(Float.isNaN(flux[1]));
        assertEquals(0.1f, flux[2]);
        assertEquals(13.25, ((double[]) got.get(0)[2])[1]);
        assertEquals(9007199254740993L, ((long[]) got.get(0)[3])[0], "longs keep every digit");
        assertTrue(((boolean[]) got.get(0)[4])[0]);
        assertTrue(got.get(1)[2] == null || ((double[]) got.get(1)[2]).length == 0, "an empty array is NULL");
        String csv = given().baseUri(service.baseUrl()).formParam("LANG", "ADQL").formParam("RESPONSEFORMAT", "csv")
                .formParam("QUERY", "SELECT id, flux FROM test.arrays ORDER BY id").post("/tap/sync").asString();
        assertTrue(csv.contains("4.0"), csv);
        // describing a skipped column is a mistake the load names; arrays cannot be keys
        CollectionDefinitionException d = assertThrows(CollectionDefinitionException.class, () -> load(write(
                "arrays2.yaml", "kind: catalogue\nschema: test\ntable: arrays2\nsources: [arrays.vot]\n"
                        + "columns:\n  grid: {unit: Jy}\n")));
        assertTrue(d.getMessage().contains("arrays2.yaml") && d.getMessage().contains("columns.grid: grid holds"
                + " arrays of more than one dimension (short[2x2])"), d.getMessage());
        d = assertThrows(CollectionDefinitionException.class, () -> load(write("arrays4.yaml",
                "kind: catalogue\nschema: test\ntable: arrays4\nsources: [arrays.vot]\nprimary_key: flux\n")));
        assertTrue(d.getMessage().contains("column flux holds arrays"), d.getMessage());
    }
}
