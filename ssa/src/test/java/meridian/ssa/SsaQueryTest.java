package meridian.ssa;

import static meridian.ssa.SsaParametersTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SsaQueryTest {

    private static final Set<String> OBSCORE = Set.of("s_ra", "s_dec", "em_min");

    private static String where(SsaParameters p, Set<String> names, Set<String> columns) {
        String adql = SsaQuery.adql(p, names, columns, SsaFields.of("Test", columns));
        return adql.substring(adql.indexOf(" WHERE ") + 7, adql.indexOf(" ORDER BY "));
    }

    @Test
    void onlySpectra() {
        assertEquals("dataproduct_type = 'spectrum'", where(parse(), Set.of(), OBSCORE));
    }

    @Test
    void coneUsesTheRadiusHalfOfSize() {
        assertEquals("dataproduct_type = 'spectrum' AND CONTAINS(POINT('ICRS', s_ra, s_dec),"
                + " CIRCLE('ICRS', 187.25, -2.5, 0.25)) = 1", where(parse("POS", "187.25,-2.5", "SIZE", "0.5"),
                Set.of(), OBSCORE));
    }

    @Test
    void bandsOverlapAndAlternativesAreOred() {
        assertTrue(where(parse("BAND", "5e-7/6e-7"), Set.of(), OBSCORE)
                .endsWith("(em_max >= 0.0000005 AND em_min <= 0.0000006)"));
        assertTrue(where(parse("BAND", "5e-7/,/1e-7"), Set.of(), OBSCORE)
                .endsWith("((em_max >= 0.0000005) OR (em_min <= 0.0000001))"));
    }

    @Test
    void timeIsMjdOverlap() {
        assertTrue(where(parse("TIME", "1858-11-17/1858-11-18"), Set.of(), OBSCORE)
                .endsWith("(t_max >= 0 AND t_min <= 2)"), where(parse("TIME", "1858-11-17/1858-11-18"), Set.of(), OBSCORE));
    }

    @Test
    void stringsAreQuotedLiterals() {
        String w = where(parse("COLLECTION", "x' OR '1'='1", "PUBDID", "a'b"), Set.of(), OBSCORE);
        assertTrue(w.contains("obs_collection IN ('x'' OR ''1''=''1')"), w);
        assertTrue(w.contains("obs_publisher_did = 'a''b'"), w);
    }

    @Test
    void targetNamesComeFromTheResolver() {
        assertTrue(where(parse("TARGETNAME", "nowhere"), Set.of(), OBSCORE).endsWith("1 = 0"));
        assertTrue(where(parse("TARGETNAME", "tau cet"), Set.of("HD 10700"), OBSCORE)
                .endsWith("target_name IN ('HD 10700')"));
    }

    @Test
    void resolutionLimits() {
        String w = where(parse("SPECRP", "1000", "SPATRES", "0.001", "TIMERES", "10"), Set.of(), OBSCORE);
        assertTrue(w.contains("em_res_power >= 1000"), w);
        assertTrue(w.contains("s_resolution <= 3.6"), w);
        assertTrue(w.contains("t_resolution <= 10"), w);
    }

    @Test
    void parametersWithoutObscoreColumnsAreRefusedClearly() {
        for (String[] p : new String[][] {{"REDSHIFT", "0/1"}, {"BANDREST", "5e-7/6e-7"}, {"SNR", "10"},
                {"FLUXCALIB", "absolute"}, {"WAVECALIB", "relative"}}) {
            String m = assertThrows(SsaException.class, () -> SsaQuery.adql(parse(p), Set.of(), OBSCORE,
                    SsaFields.of("Test", OBSCORE))).getMessage();
            assertTrue(m.startsWith(p[0] + " is not supported"), m);
        }
        assertFalse(where(parse("FLUXCALIB", "any"), Set.of(), OBSCORE).contains("flux_calib"));
    }

    @Test
    void restFrameBandUsesEachSpectrumsRedshift() {
        String w = where(parse("BANDREST", "6.5e-7/6.6e-7", "REDSHIFT", "0.1/"), Set.of(),
                Set.of(SsaQuery.REDSHIFT));
        assertTrue(w.contains("(em_max >= 0.00000065 * (1 + redshift) AND em_min <= 0.00000066 * (1 + redshift))"), w);
        assertTrue(w.contains("(redshift >= 0.1)"), w);
    }

    @Test
    void formatsConstrainTheAccessFormat() {
        assertTrue(where(parse("FORMAT", "fits"), Set.of(), OBSCORE).contains("LOWER(access_format) LIKE 'application/fits%'"));
        assertTrue(where(parse("FORMAT", "text/csv"), Set.of(), OBSCORE)
                .contains("(LOWER(access_format) = 'text/csv' OR LOWER(access_format) LIKE 'text/csv;%')"));
    }

    @Test
    void simplifiedFindsFitsSpectraAndSelectsTheDidAsAccessReference() {
        for (String spelling : new String[] {"simplified", "application/fits; content=simplified"}) {
            SsaParameters p = parse("FORMAT", spelling);
            assertTrue(p.format().simplified());
            String adql = SsaQuery.adql(p, Set.of(), OBSCORE, SsaFields.of("Test", OBSCORE));
            assertTrue(adql.contains("obs_publisher_did AS ssa_access"), adql);
            assertTrue(adql.contains("'application/fits;content=simplified' AS ssa_format"), adql);
            assertTrue(where(p, Set.of(), OBSCORE).contains("LOWER(access_format) LIKE '%fits%'"), adql);
        }
        SsaParameters plain = parse("FORMAT", "fits");
        assertFalse(plain.format().simplified());
        assertTrue(SsaQuery.adql(plain, Set.of(), OBSCORE, SsaFields.of("Test", OBSCORE)).contains("access_url AS ssa_access"));
    }

    @Test
    void numbersArePlainDecimals() {
        assertEquals("0.0000001", AdqlLiterals.number(1e-7));
        assertEquals("-12.5", AdqlLiterals.number(-12.5));
        assertThrows(IllegalArgumentException.class, () -> AdqlLiterals.number(Double.NaN));
    }
}
