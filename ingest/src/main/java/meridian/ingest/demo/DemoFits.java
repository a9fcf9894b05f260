package meridian.ingest.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.NullDataHDU;

/**
 * Small helpers that write the demo's FITS files with nom-tam-fits: synthetic spectra and
 * images from a caller-owned {@link Random}, headers with fixed values, files replaced whole.
 * Every file is standard FITS ({@code fitsverify} reports no errors).
 */
final class DemoFits {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private DemoFits() {
    }

    /** An MJD as FITS DATE-OBS text. */
    static String iso(double mjd) {
        Instant t = Instant.ofEpochMilli(Math.round((mjd - 40587.0) * 86_400_000.0));
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(ISO);
    }

    /** A stellar-looking spectrum: sloped continuum, Gaussian absorption lines, noise. */
    static float[] spectrum(Random r, double[] wave, double snr) {
        double lo = wave[0];
        double hi = wave[wave.length - 1];
        double slope = r.nextGaussian() * 0.5;
        int nLines = 8 + r.nextInt(12);
        double[] centre = new double[nLines];
        double[] depth = new double[nLines];
        double[] width = new double[nLines];
        for (int i = 0; i < nLines; i++) {
            centre[i] = lo + r.nextDouble() * (hi - lo);
            depth[i] = 0.1 + 0.6 * r.nextDouble();
            width[i] = (hi - lo) * (0.0005 + 0.002 * r.nextDouble());
        }
        double scale = Math.pow(10, -16 + r.nextDouble() * 2);
        float[] f = new float[wave.length];
        for (int i = 0; i < wave.length; i++) {
            double x = (wave[i] - lo) / (hi - lo);
            double v = 1 + slope * (x - 0.5);
            for (int k = 0; k < nLines; k++) {
                double z = (wave[i] - centre[k]) / width[k];
                v *= 1 - depth[k] * Math.exp(-0.5 * z * z);
            }
            v += r.nextGaussian() / snr;
            f[i] = (float) (v * scale);
        }
        return f;
    }

    /** A linear grid. */
    static double[] grid(double start, double step, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = start + step * i;
        }
        return w;
    }

    static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** The 1-sigma error of a spectrum at the given signal-to-noise ratio. */
    static float[] error(float[] flux, double snr) {
        float[] e = new float[flux.length];
        double mean = 0;
        for (float v : flux) {
            mean += Math.abs(v);
        }
        mean /= flux.length;
        for (int i = 0; i < flux.length; i++) {
            e[i] = (float) (mean / snr);
        }
        return e;
    }

    /** A sky image: background, noise and Gaussian stars; [row][column]. */
    static float[][] image(Random r, int nx, int ny, int stars) {
        float[][] img = new float[ny][nx];
        double bg = 100 + 50 * r.nextDouble();
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                img[y][x] = (float) (bg + 5 * r.nextGaussian());
            }
        }
        for (int s = 0; s < stars; s++) {
            double cx = r.nextDouble() * nx;
            double cy = r.nextDouble() * ny;
            double amp = 50 * Math.exp(r.nextDouble() * 5);
            double sig = 1.2 + r.nextDouble();
            int x0 = (int) Math.max(0, cx - 6 * sig);
            int x1 = (int) Math.min(nx - 1, cx + 6 * sig);
            int y0 = (int) Math.max(0, cy - 6 * sig);
            int y1 = (int) Math.min(ny - 1, cy + 6 * sig);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sig * sig);
                    img[y][x] += (float) (amp * Math.exp(-d2));
                }
            }
        }
        return img;
    }

    /** An empty primary HDU (NAXIS = 0) with EXTEND = T, for files whose data are in extensions. */
    static BasicHDU<?> emptyPrimaryWithExtend() {
        NullDataHDU hdu = new NullDataHDU();
        hdu.getHeader().addValue("EXTEND", Boolean.TRUE, "Extensions may be present");
        return hdu;
    }

    /** An image HDU of a primitive array ([row][column] for 2D). */
    static ImageHDU imageHdu(Object data) throws IOException {
        try {
            return (ImageHDU) Fits.makeHDU(data);
        } catch (FitsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A binary table HDU of the given columns (column-major), with names and units. */
    static BinaryTableHDU tableHdu(Object[] columns, String[] names, String[] units) throws FitsException {
        BinaryTableHDU hdu = BinaryTable.fromColumnMajor(columns).toHDU();
        for (int i = 0; i < names.length; i++) {
            hdu.setColumnName(i, names[i], null);
            if (units[i] != null) {
                hdu.setColumnMeta(i, "TUNIT", units[i], null);
            }
        }
        return hdu;
    }

    /** Writes the HDUs to {@code file}, replacing it. */
    static void write(Path file, BasicHDU<?>... hdus) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try (Fits f = new Fits()) {
            for (BasicHDU<?> h : hdus) {
                f.addHDU(h);
            }
            // nom-tam-fits stamps the SIMPLE card with the current time; the demo must be byte-identical
            nom.tam.fits.HeaderCard simple = hdus[0].getHeader().findCard("SIMPLE");
            if (simple != null) {
                simple.setComment("conforms to FITS standard");
            }
            f.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a card. */
    static void card(Header h, String key, Object value, String comment) {
        if (value instanceof String s) {
            h.addValue(key, s, comment);
        } else if (value instanceof Boolean b) {
            h.addValue(key, b, comment);
        } else if (value instanceof Integer i) {
            h.addValue(key, i, comment);
        } else if (value instanceof Long l) {
            h.addValue(key, l, comment);
        } else {
            h.addValue(key, ((Number) value).doubleValue(), comment);
        }
    }
}
