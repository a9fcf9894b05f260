package meridian.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    private static final Map<String, Double> KEYS = Map.of("EXPTIME", 100.0, "NCOMBINE", 3.0, "MJD-OBS", 59000.0,
            "CDELT1", 0.5);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EXPTIME * NCOMBINE | 300",
        "1 + 2 * 3 | 7",
        "(1 + 2) * 3 | 9",
        "-EXPTIME / 4 | -25",
        "[MJD-OBS] + EXPTIME / 86400 * 864 | 59001",
        "max(EXPTIME, 2 * CDELT1) | 100",
        "min(1, 2, -3) | -3",
        "sqrt(abs(-16)) | 4",
        "1.5e2 | 150",
    })
    void evaluates(String text, double expected) {
        assertEquals(expected, Expression.parse(text).evaluate(KEYS::get), 1e-9);
    }

    @Test
    void missingKeywordGivesNull() {
        assertNull(Expression.parse("EXPTIME * NOPE").evaluate(KEYS::get));
        assertNull(Expression.parse("EXPTIME / 0").evaluate(KEYS::get));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1 +", "(1", "exec(1)", "1 $ 2", "[MJD-OBS"})
    void rejectsWhatIsNotArithmetic(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse(text));
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void unitsConvert() {
        assertEquals(5e-7, Units.convert(5000, "Angstrom", "m"), 1e-20);
        assertEquals(5e-7, Units.convert(500, "nm", "m"), 1e-20);
        assertEquals(1e-6, Units.convert(1, "um", "m"), 1e-20);
        assertEquals(1.0, Units.convert(3600, "arcsec", "deg"), 1e-12);
        assertTrue(Units.factor("nm", "deg").isEmpty());
    }
}
