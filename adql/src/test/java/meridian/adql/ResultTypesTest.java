package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import meridian.sql.model.Datatype;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Result types follow ADQL's typing of expressions ({@link ExpressionTypes}) and 64-bit integer
 * arithmetic stays exact, on Derby and (with {@code MERIDIAN_TEST_DB=postgresql}) PostgreSQL:
 * each case checks the declared VOTable datatype, the Java type of the value written and the
 * value itself. {@code test.stars.id} is an INTEGER column (1, 2, 3), {@code access_estsize} a
 * BIGINT (100, 2048, 7, NULL, 1, 0).
 */
class ResultTypesTest {

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

    private static void check(String select, String from, Datatype type, Object value) throws Exception {
        String adql = "SELECT " + select + " FROM " + from;
        TranslatedQuery q = archive.translator.translate(adql, AdqlVersion.V2_1, archive.model);
        assertEquals(type, q.columns().get(0).metadata().datatype(), adql);
        List<List<Object>> rows = archive.rows(q);
        assertEquals(1, rows.size(), adql);
        Object got = rows.get(0).get(0);
        assertEquals(value, got, adql + " -> " + (got == null ? null : got.getClass().getSimpleName()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            1                                  # INT    # 1
            2147483647                         # INT    # 2147483647
            2147483648                         # LONG   # 2147483648
            9007199254740993                   # LONG   # 9007199254740993
            -9007199254740993                  # LONG   # -9007199254740993
            9223372036854775807                # LONG   # 9223372036854775807
            1 + 2                              # LONG   # 3
            9007199254740993 - 1               # LONG   # 9007199254740992
            (2 * 3) / 4                        # LONG   # 1
            -7 / 2                             # LONG   # -3
            id * 2000000000                    # LONG   # 2000000000
            (id + 1) * 3037000499              # LONG   # 6074000998
            COALESCE(1, 2)                     # INT    # 1
            COALESCE(id, 9007199254740993)     # LONG   # 1
            CAST(id AS BIGINT) * 4611686018427387903 # LONG # 4611686018427387903
            """)
    void integerExpressionsAreExactIntegers(String expr, Datatype type, long value) throws Exception {
        Object expected = type == Datatype.INT ? (Object) (int) value : (Object) value;
        check(expr, "test.stars WHERE id = 1", type, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            1.5                     # 1.5
            1 + 0.5                 # 1.5
            id / 2.0                # 0.5
            COALESCE(1, 2.5)        # 1.0
            FLOOR(2.5)              # 2.0
            CEILING(id)             # 1.0
            ROUND(2.26, 1)          # 2.3
            ABS(-3)                 # 3.0
            MOD(7, 3)               # 1.0
            "size" * 2              # 3.0
            """)
    void floatingPointAndMathFunctionsAreDoubles(String expr, double value) throws Exception {
        check(expr, "test.stars WHERE id = 1", Datatype.DOUBLE, value);
    }

    @Test
    void aggregates() throws Exception {
        check("COUNT(*)", "test.stars", Datatype.LONG, 3L);
        check("SUM(id)", "test.stars", Datatype.LONG, 6L);
        check("SUM(id * 2000000000)", "test.stars", Datatype.LONG, 12_000_000_000L);
        check("AVG(id)", "test.stars", Datatype.DOUBLE, 2.0);
        check("SUM(\"size\")", "test.stars", Datatype.DOUBLE, 4.0);
        check("MAX(id)", "test.stars", Datatype.INT, 3);
        check("SUM(access_estsize)", "ivoa.obscore", Datatype.LONG, 2156L);
        check("SUM(access_estsize * 4000000000000000)", "ivoa.obscore WHERE obs_id IN ('a', 'e')",
                Datatype.LONG, 404_000_000_000_000_000L);
    }

    @Test
    void geometryPredicatesAreIntegers() throws Exception {
        check("CONTAINS(POINT(ra, dec), CIRCLE(10, 20, 1))", "test.stars WHERE id = 1", Datatype.INT, 1);
        check("INTERSECTS(CIRCLE(ra, dec, 1), CIRCLE(200, -30, 1))", "test.stars WHERE id = 1", Datatype.INT, 0);
    }

    @Test
    void textStaysText() throws Exception {
        check("COALESCE(\"Group\", 'none')", "test.stars WHERE id = 1", Datatype.CHAR, "x");
        check("'abc'", "test.stars WHERE id = 1", Datatype.CHAR, "abc");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', textBlock = """
            9223372036854775807 + id                 # 9223372036854775807 + id
            id * 9223372036854775807 * 2             # id * 9223372036854775807 * 2
            """)
    void overflowIsAnErrorNamingTheExpression(String expr, String named) throws Exception {
        String adql = "SELECT " + expr + " FROM test.stars WHERE id = 2";
        TranslatedQuery q = archive.translator.translate(adql, AdqlVersion.V2_1, archive.model);
        assertEquals(Datatype.LONG, q.columns().get(0).metadata().datatype());
        assertTrue(q.integerArithmetic().stream().anyMatch(e -> e.replaceAll("[() ]", "").equals(named.replace(" ", ""))),
                q.integerArithmetic().toString());
        SQLException e = assertThrows(SQLException.class, () -> archive.rows(q));
        assertEquals("22003", e.getSQLState(), e.getMessage());
    }

    @Test
    void overflowingSumIsAnError() throws Exception {
        TranslatedQuery q = archive.translator.translate(
                "SELECT SUM(access_estsize * 4611686018427387903) FROM ivoa.obscore", AdqlVersion.V2_1, archive.model);
        SQLException e = assertThrows(SQLException.class, () -> archive.rows(q));
        assertEquals("22003", e.getSQLState(), e.getMessage());
    }
}
