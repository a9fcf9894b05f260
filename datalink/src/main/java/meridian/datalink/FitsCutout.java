package meridian.datalink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import meridian.ingest.fits.CelestialWcs;
import meridian.ingest.fits.HeaderView;
import meridian.ingest.fits.LoadException;
import meridian.ingest.fits.SpectralAxis;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;
import nom.tam.util.ArrayFuncs;
import nom.tam.util.Cursor;
import nom.tam.util.FitsOutputStream;

/**
 * A SODA cutout of a FITS image, cube or 1D spectrum stored as an image: the pixel box that
 * bounds the sky region on the RA/Dec axes and the BAND interval on the spectral axis, read
 * with nom-tam-fits' tiler (only the box is read from the file, never the whole array) and
 * written as a primary HDU with the source's keywords and CRPIXn shifted so the WCS still
 * gives the same sky and wavelength for every pixel. Not thread-safe; one per request.
 */
public final class FitsCutout implements AutoCloseable {

    /** Keywords nom-tam writes itself for the new HDU, or that would be wrong after the cut. */
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND",
            "PCOUNT", "GCOUNT", "END", "CHECKSUM", "DATASUM", "");
    private static final Map<String, Double> METRES = Map.of("m", 1.0, "nm", 1e-9, "angstrom", 1e-10,
            "um", 1e-6, "micron", 1e-6, "cm", 1e-2, "mm", 1e-3);

    private final Fits fits;
    private final ImageHDU hdu;
    private final Header header;
    private final int[] naxis;
    private final long[] lo;
    private final long[] hi;

    private FitsCutout(Fits fits, ImageHDU hdu, int[] naxis) {
        this.fits = fits;
        this.hdu = hdu;
        this.header = hdu.getHeader();
        this.naxis = naxis;
        this.lo = new long[naxis.length];
        this.hi = new long[naxis.length];
        for (int i = 0; i < naxis.length; i++) {
            lo[i] = 1;
            hi[i] = naxis[i];
        }
    }

    /**
     * Computes the cutout box of the first image HDU of {@code file}. The returned object holds
     * the file open; the caller closes it after {@link #write}.
     *
     * @throws DatalinkFault NoOverlap when the constraints miss the data, usage when they do
     *                       not apply to it
     */
    public static FitsCutout plan(Path file, SodaParameters p) throws IOException {
        Fits fits;
        try {
            fits = new Fits(file.toFile());
        } catch (FitsException e) {
            throw new DatalinkFault(DatalinkFault.Type.FATAL, "the file cannot be read as FITS: " + e.getMessage(), e);
        }
        ImageHDU image;
        try {
            image = firstImage(fits);
        } catch (IOException | RuntimeException e) {
            fits.close();
            throw e;
        }
        Header h = image.getHeader();
        int n = h.getIntValue("NAXIS", 0);
        int[] naxis = new int[n];
        for (int i = 0; i < n; i++) {
            naxis[i] = h.getIntValue("NAXIS" + (i + 1), 0);
        }
        FitsCutout c = new FitsCutout(fits, image, naxis);
        try {
            if (p.region() != null) {
                c.cutSky(p.region());
            }
            if (p.band() != null) {
                c.cutBand(p.band());
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static ImageHDU firstImage(Fits fits) throws IOException {
        try {
            for (BasicHDU<?> b = fits.readHDU(); b != null; b = fits.readHDU()) {
                if (b instanceof ImageHDU img && img.getHeader().getIntValue("NAXIS", 0) > 0) {
                    return img;
                }
            }
        } catch (FitsException e) {
            throw new DatalinkFault(DatalinkFault.Type.FATAL, "the file cannot be read as FITS: " + e.getMessage(), e);
        }
        throw DatalinkFault.usage("the product's file has no image data to cut (binary-table data: only BAND"
                + " and format conversion apply)");
    }

    private int axisOf(String... prefixes) {
        for (int i = 0; i < naxis.length; i++) {
            String t = header.getStringValue("CTYPE" + (i + 1));
            if (t != null) {
                for (String pre : prefixes) {
                    if (t.toUpperCase(Locale.ROOT).startsWith(pre)) {
                        return i + 1;
                    }
                }
            }
        }
        return 0;
    }

    private void cutSky(SkyRegion region) {
        if (axisOf("RA--") != 1 || axisOf("DEC-") != 2) {
            throw DatalinkFault.usage("the data has no celestial axes 1 and 2: POS, CIRCLE and POLYGON do not apply");
        }
        CelestialWcs wcs;
        try {
            wcs = CelestialWcs.read(HeaderView.of(header, null), 0);
        } catch (LoadException e) {
            throw DatalinkFault.usage("the data's celestial WCS is not supported: " + e.getMessage());
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        java.util.List<double[]> points = new java.util.ArrayList<>(region.boundary());
        points.add(region.centre());
        for (double[] sky : points) {
            double[] px = toPixel(wcs, sky[0], sky[1]);
            if (px == null) {
                continue;
            }
            minX = Math.min(minX, px[0]);
            maxX = Math.max(maxX, px[0]);
            minY = Math.min(minY, px[1]);
            maxY = Math.max(maxY, px[1]);
        }
        clip(0, minX, maxX);
        clip(1, minY, maxY);
    }

    /** Narrows axis {@code i} (0-based) to the pixels whose centres lie in [min, max] (FITS pixel units). */
    private void clip(int i, double min, double max) {
        long a = Math.max(lo[i], (long) Math.ceil(min - 0.5));
        long b = Math.min(hi[i], (long) Math.floor(max + 0.5));
        if (!(min <= max) || a > b) {
            throw new DatalinkFault(DatalinkFault.Type.NO_OVERLAP, "the requested region does not overlap the data");
        }
        lo[i] = a;
        hi[i] = b;
    }

    /** The pixel position of a sky position, by Newton's method on the WCS; null far from the field. */
    static double[] toPixel(CelestialWcs wcs, double ra, double dec) {
        double x = 1;
        double y = 1;
        double[] ref = wcs.toSky(x, y);
        if (CelestialWcs.distance(ref[0], ref[1], ra, dec) > 60) {
            return null;
        }
        for (int it = 0; it < 50; it++) {
            double[] s = wcs.toSky(x, y);
            double fx = dra(s[0], ra) * Math.cos(Math.toRadians(dec));
            double fy = s[1] - dec;
            double[] sx = wcs.toSky(x + 1, y);
            double[] sy = wcs.toSky(x, y + 1);
            double a = dra(sx[0], s[0]) * Math.cos(Math.toRadians(dec));
            double b = dra(sy[0], s[0]) * Math.cos(Math.toRadians(dec));
            double c = sx[1] - s[1];
            double d = sy[1] - s[1];
            double det = a * d - b * c;
            if (det == 0) {
                return null;
            }
            double dx = (d * fx - b * fy) / det;
            double dy = (-c * fx + a * fy) / det;
            x -= dx;
            y -= dy;
            if (Math.abs(dx) < 1e-6 && Math.abs(dy) < 1e-6) {
                return new double[] {x, y};
            }
        }
        return new double[] {x, y};
    }

    private static double dra(double a, double b) {
        double d = a - b;
        while (d > 180) {
            d -= 360;
        }
        while (d < -180) {
            d += 360;
        }
        return d;
    }

    private void cutBand(double[] band) {
        int axis = axisOf("WAVE", "AWAV", "FREQ", "LAMBDA");
        if (axis == 0 || axisOf("FREQ") == axis) {
            throw DatalinkFault.usage("the data has no wavelength axis: BAND does not apply");
        }
        String unit = header.getStringValue("CUNIT" + axis);
        Double factor = METRES.get(unit == null ? "m" : unit.trim().toLowerCase(Locale.ROOT));
        if (factor == null) {
            throw DatalinkFault.usage("the spectral axis unit " + unit + " is not supported for BAND");
        }
        double[] w = SpectralAxis.wavelengths(HeaderView.of(header, null), axis, naxis[axis - 1]);
        long first = -1;
        long last = -1;
        for (int i = 0; i < w.length; i++) {
            double m = w[i] * factor;
            if (m >= band[0] && m <= band[1]) {
                if (first < 0) {
                    first = i + 1;
                }
                last = i + 1;
            }
        }
        if (first < 0) {
            throw new DatalinkFault(DatalinkFault.Type.NO_OVERLAP, "BAND " + band[0] + " " + band[1]
                    + " m does not overlap the data's wavelengths");
        }
        lo[axis - 1] = Math.max(lo[axis - 1], first);
        hi[axis - 1] = Math.min(hi[axis - 1], last);
    }

    /** The 1-based inclusive pixel box per FITS axis, {lo, hi}. */
    public long[][] box() {
        return new long[][] {lo.clone(), hi.clone()};
    }

    /** Bytes the cutout's data will take. */
    public long dataBytes() {
        long n = Math.abs(header.getIntValue("BITPIX", 8)) / 8;
        for (int i = 0; i < naxis.length; i++) {
            n *= hi[i] - lo[i] + 1;
        }
        return n;
    }

    /**
     * Writes the cutout as a single-HDU FITS file. {@code out} is flushed, not closed.
     *
     * @param note written as a HISTORY card (the request, for provenance)
     */
    public void write(OutputStream out, String note) throws IOException {
        int n = naxis.length;
        int[] corners = new int[n];
        int[] lengths = new int[n];
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            corners[n - 1 - i] = (int) (lo[i] - 1); // Java order: the last FITS axis first
            lengths[n - 1 - i] = (int) (hi[i] - lo[i] + 1);
            dims[n - 1 - i] = lengths[n - 1 - i];
        }
        try {
            Object flat = hdu.getTiler().getTile(corners, lengths);
            Object data = n == 1 ? flat : ArrayFuncs.curl(flat, dims);
            BasicHDU<?> cut = Fits.makeHDU(data);
            Header out0 = cut.getHeader();
            for (Cursor<String, HeaderCard> it = header.iterator(); it.hasNext(); ) {
                HeaderCard card = it.next();
                String key = card.getKey() == null ? "" : card.getKey().trim();
                if (STRUCTURAL.contains(key) || key.matches("NAXIS\\d+")) {
                    continue;
                }
                out0.addLine(card.copy());
            }
            for (int i = 0; i < n; i++) {
                String k = "CRPIX" + (i + 1);
                if (header.containsKey(k) && lo[i] > 1) {
                    out0.addValue(k, header.getDoubleValue(k) - (lo[i] - 1), "Reference pixel (shifted by the cutout)");
                }
            }
            out0.insertHistory("SODA cutout by Meridian: " + note);
            Fits f = new Fits();
            f.addHDU(cut);
            FitsOutputStream fos = new FitsOutputStream(out);
            f.write(fos);
            fos.flush();
        } catch (FitsException e) {
            throw new IOException("the cutout cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        fits.close();
    }
}
