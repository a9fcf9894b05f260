package meridian.ingest.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import meridian.ingest.mapping.FieldRule;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;

class HeaderViewTest {

    @Test
    void textCardsStayTextAndExtensionsInherit() {
        Header primary = new Header();
        primary.addValue("OBJECT", "1E5", null);
        primary.addValue("EXPTIME", 10.0, null);
        primary.addValue("RA", "12.5", null);
        Header ext = new Header();
        ext.addValue("EXPTIME", 20.0, null);
        HeaderView h = HeaderView.of(ext, primary);
        assertEquals("1E5", h.value("OBJECT"));
        assertEquals("1E5", FieldRule.ofKeyword("OBJECT").evaluate(h, null));
        assertEquals(20.0, h.value("EXPTIME"));
        // numbers written as text still work in arithmetic and unit conversion
        assertEquals(12.5, h.number("RA"));
        assertNull(h.value("MISSING"));
        HeaderView row = h.withRow(Map.of("object", "STAR-1", "ra", 3.0));
        assertEquals("STAR-1", row.value("OBJECT"));
        assertEquals(3.0, row.number("RA"));
        assertEquals(20.0, row.number("EXPTIME"));
    }
}
