package meridian.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsaParametersTest {

    static final SsaParameters.Limits LIMITS = new SsaParameters.Limits(0.1, 1000, 5000);

    /** Parses name=value pairs (names case-insensitive, as DaliParameters gives them). */
    static SsaParameters parse(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i].toUpperCase(Locale.ROOT), pairs[i + 1]);
        }
        return SsaParameters.parse(n -> Optional.ofNullable(m.get(n)), LIMITS);
    }

    static String error(String... pairs) {
        return assertThrows(SsaException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void sizeIsTheDiameterWithAConfiguredDefault() {
        SsaParameters.Cone c = parse("POS", "187.25,2.05", "SIZE", "0.5").cone().orElseThrow();
        assertEquals(187.25, c.ra());
        assertEquals(2.05, c.dec());
        assertEquals(0.25, c.radius());
        assertEquals(0.05, parse("POS", "10,20;ICRS").cone().orElseThrow().radius());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POS|10|is not ra,dec",
            "POS|10,abc|is not a number",
            "POS|400,0|outside 0..360",
            "POS|10,-91|outside -90..90",
            "POS|10,20;GALACTIC|frame 'GALACTIC' is not supported",
            "POS|10,20;FK4|not supported",
            "BAND|7e-7/5e-7|inverted",
            "BAND|/|neither",
            "BAND|-1e-7/5e-7|positive",
            "BAND|blue|is not a number",
            "TIME|2020-13-01|ISO 8601",
            "TIME|2021-01-01/2020-01-01|inverted",
            "FORMAT|excel|not a format",
            "FORMAT|metadata,fits|cannot be combined",
            "FORMAT|simplified,votable|cannot be combined",
            "FORMAT|all,simplified|cannot be combined",
            "MAXREC|-1|non-negative integer",
            "MAXREC|lots|non-negative integer",
            "TOP|0|at least 1",
            "SPECRP|-5|negative",
            "FLUXCALIB|perfect|not one of",
            "REDSHIFT|2/1|inverted",
            "MTIME|yesterday|ISO 8601"})
    void badValuesAreNamed(String name, String value, String message) {
        String m = error(name, value);
        assertTrue(m.startsWith(name), m);
        assertTrue(m.contains(message), m);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "181", "1e400"})
    void sizeOutOfRange(String size) {
        assertTrue(error("POS", "10,10", "SIZE", size).startsWith("SIZE"));
    }

    @Test
    void bandsAreRangesListsOrNames() {
        assertEquals(List.of(new Range(5e-7, null)), parse("BAND", "5e-7/").bands());
        assertEquals(List.of(new Range(null, 6e-7)), parse("BAND", "/6e-7").bands());
        assertEquals(List.of(Range.of(5.5e-7)), parse("BAND", "5.5e-7").bands());
        assertEquals(List.of(new Range(5e-7, 6e-7), new Range(1.1e-6, 1.4e-6)), parse("BAND", "V,J").bands());
        assertEquals(List.of(new Range(3e-7, 1e-6)), parse("band", "optical").bands());
    }

    @Test
    void timesAreIsoIntervalsInMjd() {
        TimeRange t = parse("TIME", "1858-11-17/1858-11-18T12:00:00").time().orElseThrow();
        assertEquals(0.0, t.mjd().lo(), 1e-9);
        assertEquals(1.5, t.mjd().hi(), 1e-9);
        TimeRange day = parse("TIME", "2020-01-01").time().orElseThrow();
        assertEquals(Instant.parse("2020-01-02T00:00:00Z"), day.end());
        assertNull(parse("TIME", "2020-01-01T00:00:00Z/").time().orElseThrow().end());
    }

    @Test
    void maxrecIsCappedAndTopLimitsIt() {
        assertEquals(1000, parse().maxrec());
        assertEquals(5000, parse("MAXREC", "99999999").maxrec());
        assertEquals(0, parse("MAXREC", "0").maxrec());
        assertEquals(3, parse("MAXREC", "10", "TOP", "3").maxrec());
    }

    @Test
    void formatKeywordsAndMimeTypes() {
        assertTrue(parse("FORMAT", "all").format().any());
        assertTrue(parse("FORMAT", "native").format().any());
        assertTrue(parse("FORMAT", "METADATA").format().metadata());
        DatasetFormat f = parse("FORMAT", "fits, application/x-votable+xml").format();
        assertFalse(f.any());
        assertEquals(List.of("fits", "application/x-votable+xml"), f.terms());
    }

    @Test
    void listsAndIdentifiers() {
        SsaParameters p = parse("COLLECTION", "a, b", "TARGETCLASS", "star,QSO", "PUBDID", "ivo://x/y?z",
                "RUNID", "run-1", "WAVECALIB", "any", "unknownParameter", "ignored");
        assertEquals(List.of("a", "b"), p.collections());
        assertEquals(List.of("star", "QSO"), p.targetClasses());
        assertEquals("ivo://x/y?z", p.pubDid().orElseThrow());
        assertEquals("run-1", p.runId().orElseThrow());
        assertTrue(p.waveCalib().isEmpty());
    }

    @Test
    void requestIsQueryDataByDefault() {
        assertEquals(SsaParameters.Request.QUERY_DATA, SsaParameters.request(n -> Optional.empty()));
        assertEquals(SsaParameters.Request.QUERY_DATA, SsaParameters.request(n -> Optional.of("QUERYDATA")));
        assertEquals(SsaParameters.Request.GET_DATA, SsaParameters.request(n -> Optional.of("getData")));
        assertThrows(SsaException.class, () -> SsaParameters.request(n -> Optional.of("doQuery")));
    }

    @Test
    void controlCharactersAreRefused() {
        assertTrue(error("TARGETNAME", "a\u0000b").contains("control"));
    }
}
