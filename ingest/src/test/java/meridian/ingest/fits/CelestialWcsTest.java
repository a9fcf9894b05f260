package meridian.ingest.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;

class CelestialWcsTest {

    private static HeaderView header(Map<String, Object> cards) {
        Header h = new Header();
        cards.forEach((k, v) -> {
            if (v instanceof String s) {
                h.addValue(k, s, null);
            } else {
                h.addValue(k, ((Number) v).doubleValue(), null);
            }
        });
        return HeaderView.of(h, null);
    }

    private static Map<String, Object> base() {
        return TestFits.cards("CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRPIX1", 50.5, "CRPIX2", 50.5,
                "CRVAL1", 180.0, "CRVAL2", 30.0);
    }

    @Test
    void cdPcAndCrotaFormsAgree() throws Exception {
        double s = 1.0 / 3600;
        double rot = Math.toRadians(30);
        Map<String, Object> cd = base();
        // CROTA2 to CD and PC as in Calabretta & Greisen (2002), section 6.1, with CDELT1 = -CDELT2
        cd.putAll(TestFits.cards("CD1_1", -s * Math.cos(rot), "CD1_2", -s * Math.sin(rot), "CD2_1", -s * Math.sin(rot),
                "CD2_2", s * Math.cos(rot)));
        Map<String, Object> pc = base();
        pc.putAll(TestFits.cards("CDELT1", -s, "CDELT2", s, "PC1_1", Math.cos(rot), "PC1_2", Math.sin(rot),
                "PC2_1", -Math.sin(rot), "PC2_2", Math.cos(rot)));
        Map<String, Object> crota = base();
        crota.putAll(TestFits.cards("CDELT1", -s, "CDELT2", s, "CROTA2", 30.0));
        double[] a = CelestialWcs.read(header(cd), 0).toSky(1, 1);
        assertArrayEquals(a, CelestialWcs.read(header(pc), 0).toSky(1, 1), 1e-10);
        assertArrayEquals(a, CelestialWcs.read(header(crota), 0).toSky(1, 1), 1e-10);
    }

    @Test
    void referencePixelIsTheReferenceValueAndScaleIsKept() throws Exception {
        Map<String, Object> c = base();
        c.putAll(TestFits.cards("CDELT1", -0.001, "CDELT2", 0.001));
        CelestialWcs w = CelestialWcs.read(header(c), 0);
        assertArrayEquals(new double[] {180, 30}, w.toSky(50.5, 50.5), 1e-12);
        // one pixel north is 3.6 arcsec north
        assertEquals(0.001, CelestialWcs.distance(180, 30, w.toSky(50.5, 51.5)[0], w.toSky(50.5, 51.5)[1]), 1e-9);
        assertEquals(3.6, w.pixelScaleArcsec(), 1e-9);
    }

    @Test
    void footprintAcrossRaZero() throws Exception {
        Map<String, Object> c = base();
        c.putAll(TestFits.cards("CRVAL1", 0.0, "CRVAL2", 0.0, "CDELT1", -0.01, "CDELT2", 0.01));
        CelestialWcs.Footprint f = CelestialWcs.read(header(c), 0).footprint(100, 100);
        assertEquals(0.0, Math.min(f.ra(), 360 - f.ra()), 1e-9);
        assertEquals(Math.hypot(1, 1), f.fovDeg(), 1e-3);
        String[] v = f.region().substring("Polygon ICRS ".length()).split(" ");
        // corners on both sides of RA 0, all inside [0, 360)
        for (int i = 0; i < 8; i += 2) {
            double ra = Double.parseDouble(v[i]);
            assertEquals(true, ra >= 0 && ra < 360, f.region());
        }
        assertEquals(0.5, Double.parseDouble(v[0]), 1e-4);
        assertEquals(359.5, Double.parseDouble(v[2]), 1e-4);
    }
}
