package meridian.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The ADQL conformance suite: every {@code *.txt} file in the resource directory
 * {@code meridian/adql/conformance} is a list of queries over {@link ConformanceCatalogue} (and
 * {@link TestArchive}'s tables) with the rows each must return, run end to end on Derby or, with
 * {@code MERIDIAN_TEST_DB=postgresql}, on PostgreSQL. The file format is described in
 * {@code conformance/README.txt}; a new file there is picked up without any change here. Cases
 * whose expected rows are computed here rather than written by hand (every chain of arithmetic
 * operators, cone counts on the grid) are the other factories.
 */
class AdqlConformanceTest {

    @TempDir
    static Path dir;
    static TestArchive archive;

    @BeforeAll
    static void open() throws SQLException {
        archive = new TestArchive(dir, List.of(ConformanceCatalogue.schema()), ConformanceCatalogue::fill);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    static String backend() {
        return "postgresql".equals(System.getenv("MERIDIAN_TEST_DB")) ? "postgresql" : "derby";
    }

    // ---------------------------------------------------------------- the data files

    /** One query of a data file and what it must give. */
    record Case(String file, int line, String adql, List<String> rows, boolean unordered, String error,
                String xfail) {

        String name() {
            return file + ":" + line + "  " + adql.replaceAll("\\s+", " ");
        }
    }

    @TestFactory
    Stream<DynamicTest> dataFiles() throws IOException, URISyntaxException {
        Path directory = Path.of(AdqlConformanceTest.class.getResource("conformance").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt")
                    && !p.getFileName().toString().equals("README.txt")).sorted().toList();
        }
        assertTrue(files.size() > 0, "no conformance files in " + directory);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            for (Case c : parse(f.getFileName().toString(), Files.readAllLines(f, StandardCharsets.UTF_8))) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> run(c)));
            }
        }
        return tests.stream();
    }

    /** Parses a data file; see {@code conformance/README.txt}. */
    static List<Case> parse(String file, List<String> lines) {
        List<Case> cases = new ArrayList<>();
        StringBuilder adql = new StringBuilder();
        List<String> rows = new ArrayList<>();
        boolean unordered = false;
        boolean expectsRows = false;
        String error = null;
        String xfail = null;
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.isBlank()) {
                if (adql.length() > 0) {
                    if (!expectsRows && error == null) {
                        throw new IllegalArgumentException(file + ":" + start + ": no expected rows ('=' lines)"
                                + " nor !error for the query");
                    }
                    cases.add(new Case(file, start, adql.toString().strip(), List.copyOf(rows), unordered, error,
                            xfail));
                } else if (expectsRows || error != null || xfail != null || unordered) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected rows without a query");
                }
                adql.setLength(0);
                rows.clear();
                unordered = false;
                expectsRows = false;
                error = null;
                xfail = null;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("=")) {
                expectsRows = true;
                String row = line.substring(1).strip();
                if (!row.isEmpty()) {
                    rows.add(row);
                }
            } else if (line.startsWith("!")) {
                String[] option = line.substring(1).strip().split("\\s+", 2);
                String arg = option.length > 1 ? option[1] : "";
                switch (option[0]) {
                    case "unordered" -> unordered = true;
                    case "error" -> error = arg;
                    case "xfail" -> {
                        String[] on = arg.split("\\s+", 2);
                        if (on[0].equals("derby") || on[0].equals("postgresql")) {
                            if (on[0].equals(backend())) {
                                xfail = on.length > 1 ? on[1] : "(no reason given)";
                            }
                        } else {
                            xfail = arg.isEmpty() ? "(no reason given)" : arg;
                        }
                    }
                    default -> throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown option " + line);
                }
            } else {
                if (adql.length() == 0) {
                    start = i + 1;
                }
                if (expectsRows) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": query text after the expected rows");
                }
                adql.append(line).append('\n');
            }
        }
        return cases;
    }

    private static void run(Case c) throws Exception {
        if (c.xfail() == null) {
            check(c);
            return;
        }
        try {
            check(c);
        } catch (AssertionError | AdqlException | SQLException | RuntimeException wrong) {
            throw new TestAbortedException("known failure on " + backend() + " (" + c.xfail() + "): " + wrong, wrong);
        }
        fail("passes although marked '!xfail " + c.xfail() + "': remove the mark");
    }

    private static void check(Case c) throws Exception {
        if (c.error() != null) {
            try {
                List<String> rows = rows(c.adql());
                fail("expected an error containing '" + c.error() + "', got rows " + rows);
            } catch (AdqlException e) {
                assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(c.error().toLowerCase(Locale.ROOT)),
                        "error '" + e.getMessage() + "' should contain '" + c.error() + "'");
            }
            return;
        }
        List<String> expected = new ArrayList<>(c.rows());
        List<String> actual;
        try {
            actual = rows(c.adql());
        } catch (SQLException e) {
            throw new AssertionError(c.adql() + "\nSQL: " + sql(c.adql()) + "\n" + e, e);
        }
        if (c.unordered()) {
            expected.sort(null);
            actual.sort(null);
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                () -> c.adql() + "\nSQL: " + sql(c.adql()));
    }

    static List<String> rows(String adql) throws AdqlException, SQLException {
        return archive.rows(adql).stream()
                .map(r -> r.stream().map(TestArchive::show).collect(Collectors.joining("|")))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static String sql(String adql) {
        try {
            return archive.translator.translate(adql, AdqlVersion.V2_1, archive.model).sql();
        } catch (AdqlException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- computed expectations

    private static final String[] OPERATORS = {"+", "-", "*", "/"};

    /**
     * Every chain of four operands and three of {@code + - * /}: ADQL's grammar makes the
     * operators left-associative, {@code * /} binding tighter; an operation on two integers
     * gives an integer (division truncates), any other a floating-point number. The first operand is a literal, then an
     * integer column, then a double literal.
     */
    @TestFactory
    Stream<DynamicTest> arithmeticChains() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String first : List.of("100", "n", "100.0")) {
            for (String a : OPERATORS) {
                StringBuilder select = new StringBuilder();
                List<String> expected = new ArrayList<>();
                for (String b : OPERATORS) {
                    for (String c : OPERATORS) {
                        String expr = first + " " + a + " 7 " + b + " 3 " + c + " 2";
                        select.append(select.length() == 0 ? "" : ", ").append(expr);
                        expected.add(TestArchive.show(evaluate(first.equals("n") ? "10" : first, a, b, c)));
                    }
                }
                String adql = "SELECT " + select + " FROM conf.cat WHERE id = 3";
                tests.add(DynamicTest.dynamicTest(adql, () -> assertEquals(String.join("|", expected),
                        String.join("|", rows(adql)), () -> adql + "\nSQL: " + sql(adql))));
            }
        }
        return tests.stream();
    }

    /** {@code x a 7 b 3 c 2} evaluated by the precedence and associativity rules of ADQL (and SQL). */
    private static Object evaluate(String x, String a, String b, String c) {
        boolean integer = !x.contains(".");
        List<Object> values = new ArrayList<>();
        values.add(integer ? (Object) Long.parseLong(x) : (Object) Double.parseDouble(x));
        // 7, 3 and 2 are integers: each operation is typed by its own operands (3 / 2 is 1 in 100.0 + 3 / 2)
        values.addAll(List.of(7L, 3L, 2L));
        List<String> ops = new ArrayList<>(List.of(a, b, c));
        for (String level : List.of("*/", "+-")) {
            for (int i = 0; i < ops.size(); ) {
                if (level.contains(ops.get(i))) {
                    values.set(i, apply(values.get(i), ops.get(i), values.remove(i + 1)));
                    ops.remove(i);
                } else {
                    i++;
                }
            }
        }
        Object v = values.get(0);
        return v instanceof Long l ? (Object) l.doubleValue() : v;
    }

    private static Object apply(Object l, String op, Object r) {
        if (l instanceof Long x && r instanceof Long y) {
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                default -> x / y;
            };
        }
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            default -> x / y;
        };
    }

    /**
     * Cones on the 10&deg; grid around RA=0, the poles and across RA=360, written in the forms
     * ADQL allows (CONTAINS either way round, DISTANCE, a radius given as an arithmetic chain):
     * the rows must be those a direct computation of the angular distance selects.
     */
    @TestFactory
    Stream<DynamicTest> conesOnTheGrid() {
        double[][] cones = {{0, 0, 15.5}, {0, 90, 25.3}, {180, -90, 12}, {355, 10, 20.2}, {90, 45, 33}};
        List<DynamicTest> tests = new ArrayList<>();
        for (double[] k : cones) {
            List<double[]> grid = ConformanceCatalogue.grid();
            List<String> inside = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                if (distance(grid.get(i)[0], grid.get(i)[1], k[0], k[1]) < k[2]) {
                    inside.add(String.valueOf(i + 1));
                }
            }
            String centre = TestArchive.show(k[0]) + ", " + TestArchive.show(k[1]);
            String r = TestArchive.show(k[2]);
            for (String where : List.of(
                    "1 = CONTAINS(POINT(ra, dec), CIRCLE(" + centre + ", " + r + "))",
                    "CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', " + centre + ", " + r + ")) = 1",
                    "DISTANCE(POINT(ra, dec), POINT(" + centre + ")) < " + r,
                    "DISTANCE(POINT(" + centre + "), POINT(ra, dec)) < " + r + " + 10 - 4 - 6",
                    "INTERSECTS(CIRCLE(" + centre + ", " + r + "), POINT(ra, dec)) = 1")) {
                String adql = "SELECT gid FROM conf.grid WHERE " + where + " ORDER BY gid";
                tests.add(DynamicTest.dynamicTest(adql, () -> assertEquals(String.join(",", inside),
                        String.join(",", rows(adql)), () -> adql + "\nSQL: " + sql(adql))));
            }
        }
        return tests.stream();
    }

    /** Angular distance in degrees (haversine). */
    static double distance(double ra1, double dec1, double ra2, double dec2) {
        double p1 = Math.toRadians(dec1);
        double p2 = Math.toRadians(dec2);
        double h = Math.pow(Math.sin((p2 - p1) / 2), 2)
                + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(ra2 - ra1) / 2), 2);
        return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
    }
}
