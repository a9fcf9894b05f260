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

    @Test
    void aBracketedUnitAtTheStartOfTheCommentIsTheValuesUnit() {
        Header h = new Header();
        h.addValue("APERTURE", 2.0, "[arcsec] fibre diameter");
        h.addValue("EXPTIME", 1.5, "[h]");
        h.addValue("WAVE", 5000.0, "[furlong] odd");
        h.addValue("PLAIN", 3.0, "no unit here [deg]");
        HeaderView v = HeaderView.of(h, null);
        assertEquals("arcsec", v.commentUnit("APERTURE"));
        assertNull(v.commentUnit("PLAIN"));
        assertEquals(2.0 / 3600, (Double) FieldRule.ofKeyword("APERTURE").evaluate(v, "deg"), 1e-15);
        assertEquals(5400.0, (Double) FieldRule.ofKeyword("EXPTIME").evaluate(v, "s"), 1e-9);
        // a rule's own unit wins over the comment's
        FieldRule stated = new FieldRule("APERTURE", null, null, null, null, "deg", null, null, null, false);
        assertEquals(2.0, stated.evaluate(v, "deg"));
        assertEquals(3.0, FieldRule.ofKeyword("PLAIN").evaluate(v, "deg"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FieldRule.ofKeyword("WAVE").evaluate(v, "m"));
        assertEquals("keyword WAVE has the unit [furlong] in its comment, which does not convert to m"
                + " (give the rule a unit: to override it)", e.getMessage());
    }
}
