package meridian.ingest.fits;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.NullDataHDU;

/** Writes small FITS fixtures of every layout the loaders read, and breaks them on request. */
public final class TestFits {

    private TestFits() {
    }

    /** Ordered header cards. */
    public static Map<String, Object> cards(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The keywords of a typical observation (target, position, time). */
    public static Map<String, Object> observation(String object, double ra, double dec) {
        return cards("OBJECT", object, "RA", ra, "DEC", dec, "MJD-OBS", 59000.5, "EXPTIME", 864.0,
                "INSTRUME", "TESTSPEC", "TELESCOP", "TEST-1m");
    }

    /** A flux array, flat with a dip. */
    public static float[] flux(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = 1 - 0.5f * (float) Math.exp(-0.5 * Math.pow((i - n / 2.0) / 3, 2));
        }
        return f;
    }

    public static float[] wave(double start, double step, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (start + step * i);
        }
        return w;
    }

    /** A 1D spectrum in the primary array with a linear WCS (CRVAL1 = start, CDELT1 = step). */
    public static Path primarySpectrum(Path file, Map<String, Object> cards, int n, double start, double step,
                                       String unit) throws IOException {
        ImageHDU hdu = image(flux(n));
        Header h = hdu.getHeader();
        put(h, cards("CTYPE1", "WAVE", "CUNIT1", unit, "CRPIX1", 1.0, "CRVAL1", start, "CDELT1", step));
        put(h, cards);
        return write(file, hdu);
    }

    /** An ESO SDP spectrum: empty primary, one table row with WAVE/FLUX/ERR arrays. */
    public static Path sdpSpectrum(Path file, Map<String, Object> primaryCards, int n, double start, double step,
                                   String unit) throws IOException {
        BasicHDU<?> primary = primary(primaryCards);
        BinaryTableHDU t = table(new Object[] {new float[][] {wave(start, step, n)}, new float[][] {flux(n)},
            new float[][] {flux(n)}}, new String[] {"WAVE", "FLUX", "ERR"}, unit);
        return write(file, primary, t);
    }

    /** A column-per-point spectrum: one row per wavelength. */
    public static Path columnSpectrum(Path file, Map<String, Object> primaryCards, int n, double start, double step,
                                      String unit) throws IOException {
        BinaryTableHDU t = table(new Object[] {wave(start, step, n), flux(n)}, new String[] {"WAVE", "FLUX"}, unit);
        return write(file, primary(primaryCards), t);
    }

    /** A multi-object table: one spectrum per row, with OBJECT/RA/DEC columns. */
    public static Path multiRowSpectra(Path file, Map<String, Object> primaryCards, int rows, int n) throws IOException {
        String[] obj = new String[rows];
        double[] ra = new double[rows];
        double[] dec = new double[rows];
        float[][] w = new float[rows][];
        float[][] f = new float[rows][];
        for (int r = 0; r < rows; r++) {
            obj[r] = "STAR-" + (r + 1);
            ra[r] = 10 + r;
            dec[r] = -20 - r;
            w[r] = wave(4000 + 100 * r, 1, n);
            f[r] = flux(n);
        }
        BinaryTableHDU t = table(new Object[] {obj, ra, dec, w, f}, new String[] {"OBJECT", "RA", "DEC", "WAVE", "FLUX"},
                "Angstrom");
        return write(file, primary(primaryCards), t);
    }

    /** Several 1D spectra, one per image extension with EXTNAME SPEC1..n. */
    public static Path extensionSpectra(Path file, Map<String, Object> primaryCards, int count, int n) throws IOException {
        BasicHDU<?>[] hdus = new BasicHDU<?>[count + 1];
        hdus[0] = primary(primaryCards);
        for (int k = 1; k <= count; k++) {
            ImageHDU e = image(flux(n));
            put(e.getHeader(), cards("EXTNAME", "SPEC" + k, "OBJECT", "OBJ-" + k, "CTYPE1", "WAVE", "CUNIT1", "nm",
                    "CRPIX1", 1.0, "CRVAL1", 500.0 + k, "CDELT1", 0.1));
            hdus[k] = e;
        }
        return write(file, hdus);
    }

    /** An image with a TAN WCS given by a CD matrix (north up, east left, {@code scaleArcsec} pixels). */
    public static Path tanImage(Path file, Map<String, Object> cards, int nx, int ny, double ra, double dec,
                                double scaleArcsec) throws IOException {
        ImageHDU hdu = image(new float[ny][nx]);
        Header h = hdu.getHeader();
        put(h, cards("CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRPIX1", (nx + 1) / 2.0, "CRPIX2", (ny + 1) / 2.0,
                "CRVAL1", ra, "CRVAL2", dec, "CD1_1", -scaleArcsec / 3600, "CD1_2", 0.0, "CD2_1", 0.0,
                "CD2_2", scaleArcsec / 3600));
        put(h, cards);
        return write(file, hdu);
    }

    /** A cube: TAN celestial axes and a linear wavelength axis 3 in um. */
    public static Path cube(Path file, Map<String, Object> cards, int nx, int ny, int nz) throws IOException {
        ImageHDU hdu = image(new float[nz][ny][nx]);
        Header h = hdu.getHeader();
        put(h, cards("CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CTYPE3", "WAVE", "CUNIT3", "um",
                "CRPIX1", 1.0, "CRPIX2", 1.0, "CRPIX3", 1.0, "CRVAL1", 150.0, "CRVAL2", 2.0, "CRVAL3", 1.5,
                "CDELT1", -0.0001, "CDELT2", 0.0001, "CDELT3", 0.01));
        put(h, cards);
        return write(file, hdu);
    }

    /** Cuts the file to {@code bytes}. */
    public static void truncate(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }

    private static ImageHDU image(Object data) throws IOException {
        return (ImageHDU) Fits.makeHDU(data);
    }

    private static BasicHDU<?> primary(Map<String, Object> cards) {
        NullDataHDU p = new NullDataHDU();
        p.getHeader().addValue("EXTEND", Boolean.TRUE, null);
        put(p.getHeader(), cards);
        return p;
    }

    private static BinaryTableHDU table(Object[] columns, String[] names, String waveUnit) {
        BinaryTableHDU t = BinaryTable.fromColumnMajor(columns).toHDU();
        for (int i = 0; i < names.length; i++) {
            t.setColumnName(i, names[i], null);
            if ("WAVE".equals(names[i])) {
                t.setColumnMeta(i, "TUNIT", waveUnit, null);
            }
        }
        return t;
    }

    private static void put(Header h, Map<String, Object> cards) {
        cards.forEach((k, v) -> {
            if (v == null) {
                h.deleteKey(k);
            } else if (v instanceof String s) {
                h.addValue(k, s, null);
            } else if (v instanceof Integer i) {
                h.addValue(k, i, null);
            } else if (v instanceof Boolean b) {
                h.addValue(k, b, null);
            } else {
                h.addValue(k, ((Number) v).doubleValue(), null);
            }
        });
    }

    private static Path write(Path file, BasicHDU<?>... hdus) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try (Fits f = new Fits()) {
            for (BasicHDU<?> h : hdus) {
                f.addHDU(h);
            }
            f.write(file.toFile());
        }
        return file;
    }
}
