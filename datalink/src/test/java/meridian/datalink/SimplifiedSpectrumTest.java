package meridian.datalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimplifiedSpectrumTest {

    private static final Product PRODUCT = new Product("ivo://meridian.demo/x?a&b", "spectrum", "demo_x", "a",
            150.25, -2.5, 0.0004, 4e-7, 7e-7, 58000.0, 58000.5, 0.25, "NGC 1234", 900.0, List.of());

    @TempDir
    Path dir;

    private static double[] ramp(double start, double step, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = start + step * i;
        }
        return w;
    }

    @Test
    void aLinearAxisIsKeptEvenFromFloats() {
        double[] w = ramp(480.0, 0.01, 3000);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) w[i]; // as a table of float wavelengths stores it
        }
        SimplifiedSpectrum.LinearAxis a = SimplifiedSpectrum.linearAxis(new SpectrumData(w, ramp(1, 1, 3000), null,
                "nm", "adu"));
        assertNull(a.resampled());
        assertEquals(3000, a.flux().length);
        assertEquals(4800.0, a.start(), 1e-3);
        assertEquals(0.1, a.step(), 1e-6);
        assertEquals(3000.0, a.flux()[2999]);
    }

    @Test
    void aLogLinearAxisIsResampledAtItsFinestStepByLinearInterpolation() {
        int n = 500;
        double[] w = new double[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(10, Math.log10(4000) + i * 1e-4);
            f[i] = 3 + 0.002 * w[i]; // linear in wavelength: interpolation must reproduce it exactly
        }
        SimplifiedSpectrum.LinearAxis a = SimplifiedSpectrum.linearAxis(new SpectrumData(w, f, null, "Angstrom", null));
        assertNotNull(a.resampled());
        assertTrue(a.resampled().contains("finest step"), a.resampled());
        assertEquals(w[1] - w[0], a.step(), 1e-9);
        assertEquals(w[0], a.start());
        assertTrue(a.last() <= w[n - 1] + 1e-9 && a.last() > w[n - 1] - a.step());
        assertTrue(a.flux().length > n, "finer than the mean step: more points");
        for (int k = 0; k < a.flux().length; k++) {
            double x = a.start() + k * a.step();
            assertEquals(3 + 0.002 * x, a.flux()[k], 1e-9);
        }
    }

    @Test
    void unsortedArraysAreSortedAndOneTinyStepDoesNotExplodeTheGrid() {
        double[] w = {5000, 4000, 4500, 4500.0001, 6000};
        double[] f = {5, 4, 4.5, 4.5, 6};
        SimplifiedSpectrum.LinearAxis a = SimplifiedSpectrum.linearAxis(new SpectrumData(w, f, null, "Angstrom", null));
        assertEquals(4000, a.start());
        assertTrue(a.flux().length <= SimplifiedSpectrum.MAX_OVERSAMPLING * (w.length - 1) + 1, "" + a.flux().length);
        assertTrue(a.resampled().contains("times its points"), a.resampled());
        assertEquals(4.0, a.flux()[0]);
        assertEquals(6.0, a.flux()[a.flux().length - 1], 1e-9);
        assertThrows(DatalinkFault.class, () -> SimplifiedSpectrum.linearAxis(new SpectrumData(
                new double[] {1, 2}, new double[] {1, 2}, null, "adu", null)));
    }

    @Test
    void theFileHasTheFixedKeywordsAndPassesFitsverify() throws Exception {
        double[] w = ramp(4000, 2, 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimplifiedSpectrum.write(new SpectrumData(w, ramp(1, 0.5, 1000), null, "Angstrom", "erg/(s.cm**2.Angstrom)"),
                PRODUCT, List.of("From the file x.fits (SCIENCE.SPECTRUM)"), out);
        byte[] bytes = out.toByteArray();
        Header h;
        double[] data;
        try (Fits fits = new Fits(new ByteArrayInputStream(bytes))) {
            BasicHDU<?> hdu = fits.readHDU();
            h = hdu.getHeader();
            data = (double[]) hdu.getKernel();
            assertNull(fits.readHDU(), "one HDU only");
        }
        assertEquals(1, h.getIntValue("NAXIS"));
        assertEquals(1000, data.length);
        assertEquals(1.0, data[0]);
        assertEquals("WAVE", h.getStringValue("CTYPE1"));
        assertEquals("Angstrom", h.getStringValue("CUNIT1"));
        assertEquals(4000.0, h.getDoubleValue("CRVAL1"));
        assertEquals(2.0, h.getDoubleValue("CDELT1"));
        assertEquals(1.0, h.getDoubleValue("CRPIX1"));
        assertEquals("erg/(s.cm**2.Angstrom)", h.getStringValue("BUNIT"));
        assertEquals("NGC 1234", h.getStringValue("OBJECT"));
        assertEquals("demo_x", h.getStringValue("SURVEY"));
        assertEquals(150.25, h.getDoubleValue("RA"));
        assertEquals(-2.5, h.getDoubleValue("DEC"));
        assertEquals(0.25, h.getDoubleValue("Z"));
        assertEquals(58000.25, h.getDoubleValue("TMID"));
        assertEquals(900.0, h.getDoubleValue("EXPTIME"));
        assertEquals(4000.0, h.getDoubleValue("WMIN"));
        assertEquals(5998.0, h.getDoubleValue("WMAX"));
        assertEquals(4999.0, h.getDoubleValue("WMID"));
        assertEquals(4000.0 / 1.25, h.getDoubleValue("WMINREST"), 1e-9);
        assertEquals(4999.0 / 1.25, h.getDoubleValue("WMIDREST"), 1e-9);
        assertEquals(1.44, h.getDoubleValue("FOV"), 1e-9);
        String text = new String(bytes, 0, 2880 * 4, StandardCharsets.US_ASCII);
        assertTrue(text.matches("(?s).*HISTORY +From the file x\\.fits.*"), text);
        assertTrue(text.matches("(?s).*HISTORY +Wavelength axis: the original's, which is linear.*"), text);
        assertFitsverifyClean(bytes);
    }

    @Test
    void unknownObscoreValuesLeaveTheirKeywordsOut() throws Exception {
        Product bare = new Product("ivo://x/y", "spectrum", "c", "y", null, null, null, null, null, null, null, null,
                null, null, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimplifiedSpectrum.write(new SpectrumData(ramp(1, 1, 10), ramp(1, 1, 10), null, "um", null), bare, List.of(),
                out);
        try (Fits fits = new Fits(new ByteArrayInputStream(out.toByteArray()))) {
            Header h = fits.readHDU().getHeader();
            for (String k : List.of("RA", "DEC", "Z", "TMIN", "TMID", "EXPTIME", "FOV", "WMINREST", "OBJECT", "BUNIT")) {
                assertFalse(h.containsKey(k), k);
            }
            assertEquals(10000.0, h.getDoubleValue("CRVAL1"), 1e-9);
            assertEquals(10000.0, h.getDoubleValue("CDELT1"), 1e-9);
        }
        assertFitsverifyClean(out.toByteArray());
    }

    private void assertFitsverifyClean(byte[] bytes) throws Exception {
        Path fv = Path.of("/usr/bin/fitsverify");
        assertTrue(Files.isExecutable(fv), "/usr/bin/fitsverify is missing: install the Debian package fitsverify");
        Path file = dir.resolve("simplified.fits");
        Files.write(file, bytes);
        Process p = new ProcessBuilder(fv.toString(), "-q", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("verification OK"), "fitsverify: " + out);
    }
}
