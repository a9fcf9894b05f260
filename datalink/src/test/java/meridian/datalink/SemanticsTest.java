package meridian.datalink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** product_files categories map onto the DataLink core vocabulary. */
class SemanticsTest {

    @ParameterizedTest
    @CsvSource({
        "SCIENCE.SPECTRUM, #this",
        "SCIENCE.IMAGE, #this",
        "ANCILLARY.PREVIEW, #preview",
        "ANCILLARY.EPOCH, #progenitor",
        "ANCILLARY.PROGENITOR, #progenitor",
        "ANCILLARY.WEIGHTMAP, #auxiliary",
        "ANCILLARY.LOG, #auxiliary",
        "AUXILIARY.CALIB, #auxiliary"})
    void categories(String category, String term) {
        assertEquals(term, Semantics.ofCategory(category).term());
    }
}
