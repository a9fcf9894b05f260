package meridian.datalink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SODA parameter parsing as SODA 1.0 section 3 and DALI 1.1 read. */
class SodaParametersTest {

    private static SodaParameters parse(Map<String, List<String>> m) {
        return SodaParameters.parse(name -> m.getOrDefault(name, List.of()));
    }

    @Test
    void circleBandTimeAndFormat() {
        SodaParameters p = parse(Map.of("ID", List.of("ivo://a/b?c"), "CIRCLE", List.of("10 20 0.5"),
                "BAND", List.of("4e-7 +Inf"), "TIME", List.of("-Inf 60000"), "RESPONSEFORMAT", List.of("fits")));
        assertEquals("CIRCLE", p.region().kind());
        assertArrayEquals(new double[] {10, 20}, p.region().centre());
        assertEquals(4e-7, p.band()[0]);
        assertEquals(Double.POSITIVE_INFINITY, p.band()[1]);
        assertEquals(Double.NEGATIVE_INFINITY, p.time()[0]);
        assertEquals("fits", p.responseFormat());
    }

    @Test
    void circleBoundaryLiesAtTheRadius() {
        SkyRegion c = SkyRegion.circle(new double[] {120, 60, 2});
        for (double[] b : c.boundary()) {
            double cos = Math.sin(Math.toRadians(60)) * Math.sin(Math.toRadians(b[1]))
                    + Math.cos(Math.toRadians(60)) * Math.cos(Math.toRadians(b[1])) * Math.cos(Math.toRadians(b[0] - 120));
            assertEquals(2, Math.toDegrees(Math.acos(cos)), 1e-9);
        }
    }

    @Test
    void posShapes() {
        assertEquals("RANGE", parse(Map.of("ID", List.of("x"), "POS", List.of("RANGE 1 2 3 4"))).region().kind());
        assertEquals("POLYGON", parse(Map.of("ID", List.of("x"), "POS", List.of("polygon 1 1 2 1 2 2"))).region()
                .kind());
        assertNull(parse(Map.of("ID", List.of("x"))).region());
        assertTrue(parse(Map.of("ID", List.of("x"))).wholeProduct());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CIRCLE|1 2",
        "CIRCLE|a b c",
        "CIRCLE|1 2 -1",
        "POLYGON|1 2 3 4",
        "POS|BOX 1 2 3 4",
        "POS|RANGE 2 1 3 4",
        "BAND|2e-7 1e-7",
        "BAND|1e-7",
        "TIME|NaN 2"})
    void badValuesAreUsageFaults(String name, String value) {
        DatalinkFault f = assertThrows(DatalinkFault.class, () -> parse(Map.of("ID", List.of("x"), name,
                List.of(value))));
        assertEquals(DatalinkFault.Type.USAGE, f.type());
        assertTrue(f.document().startsWith("UsageFault: "));
    }

    @Test
    void oneCutoutPerRequest() {
        DatalinkFault f = assertThrows(DatalinkFault.class, () -> parse(Map.of("ID", List.of("x"),
                "CIRCLE", List.of("1 2 3"), "POLYGON", List.of("1 1 2 1 2 2"))));
        assertEquals("MultiValuedParamNotSupported", f.type().label());
        assertThrows(DatalinkFault.class, () -> parse(Map.of("ID", List.of("x"), "BAND", List.of("1 2", "3 4"))));
        assertThrows(DatalinkFault.class, () -> parse(Map.of("CIRCLE", List.of("1 2 3"))));
    }
}
