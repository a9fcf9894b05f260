package meridian.ingest.fits;

import java.util.Locale;
import meridian.ingest.mapping.Units;

/**
 * The spectral coverage of a product in metres, from a linear WCS axis or from a wavelength
 * array. Immutable.
 *
 * @param minMetres em_min
 * @param maxMetres em_max
 * @param count     em_xel
 * @param resolvingPowerEstimate lambda / (2 delta-lambda) at the centre, i.e. the resolving power of
 *                  Nyquist-sampled data; used only when no keyword gives the resolving power
 * @param unit      the unit the file uses (for plot labels)
 */
public record SpectralAxis(double minMetres, double maxMetres, long count, double resolvingPowerEstimate,
                           String unit) {

    /**
     * A linear wavelength axis {@code i} of {@code n} pixels: CRVALi, CDELTi (or CDi_i), CRPIXi
     * (default 1), CUNITi (default {@code defaultUnit}); {@code DC-FLAG = 1} means log10 wavelengths.
     */
    public static SpectralAxis fromWcs(HeaderView h, int axis, long n, String defaultUnit, int hdu)
            throws LoadException {
        String type = h.string("CTYPE" + axis);
        if (type != null) {
            String t = type.toUpperCase(Locale.ROOT);
            if (t.startsWith("FREQ") || t.startsWith("ENER") || t.startsWith("VRAD") || t.startsWith("VELO")) {
                throw new LoadException("spectral axis " + axis + " of HDU " + hdu + " is " + type
                        + "; only wavelength axes are supported");
            }
        }
        double crval = h.required("CRVAL" + axis, hdu);
        Double cdelt = h.first("CDELT" + axis, "CD" + axis + "_" + axis);
        if (cdelt == null) {
            throw LoadException.missingKeyword("CDELT" + axis, hdu);
        }
        if (cdelt == 0) {
            throw new LoadException("CDELT" + axis + " of HDU " + hdu + " is zero");
        }
        Double crpix = h.number("CRPIX" + axis);
        double p0 = crpix == null ? 1 : crpix;
        String unit = h.string("CUNIT" + axis);
        if (unit == null || unit.isBlank()) {
            unit = defaultUnit;
        }
        double toM = Units.factor(unit, "m").orElseThrow(() -> new LoadException("CUNIT" + axis + " '"
                + h.string("CUNIT" + axis) + "' of HDU " + hdu + " is not a wavelength unit"));
        boolean log = Double.valueOf(1).equals(h.number("DC-FLAG"));
        double first = crval + cdelt * (1 - p0);
        double last = crval + cdelt * (n - p0);
        double mid = crval + cdelt * ((n + 1) / 2.0 - p0);
        double a = log ? Math.pow(10, first) : first;
        double b = log ? Math.pow(10, last) : last;
        double step = log ? Math.pow(10, mid) * Math.log(10) * Math.abs(cdelt) : Math.abs(cdelt);
        double centre = log ? Math.pow(10, mid) : mid;
        if (Math.min(a, b) <= 0) {
            throw new LoadException("the spectral axis of HDU " + hdu + " reaches non-positive wavelengths");
        }
        return new SpectralAxis(Math.min(a, b) * toM, Math.max(a, b) * toM, n, centre / (2 * step), unit);
    }

    /** The wavelengths of every pixel of a linear axis, in the file's unit (for plots). */
    public static double[] wavelengths(HeaderView h, int axis, int n) {
        double crval = h.number("CRVAL" + axis);
        Double cdelt = h.first("CDELT" + axis, "CD" + axis + "_" + axis);
        Double crpix = h.number("CRPIX" + axis);
        double p0 = crpix == null ? 1 : crpix;
        boolean log = Double.valueOf(1).equals(h.number("DC-FLAG"));
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double v = crval + cdelt * (i + 1 - p0);
            w[i] = log ? Math.pow(10, v) : v;
        }
        return w;
    }

    /** The coverage of a wavelength array in {@code unit}, ignoring NaNs; null when it has no finite value. */
    public static SpectralAxis fromArray(double[] wave, String unit, int hdu) throws LoadException {
        double toM = Units.factor(unit, "m").orElseThrow(() -> new LoadException("wavelength unit '" + unit
                + "' of HDU " + hdu + " is not a wavelength unit"));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double w : wave) {
            if (Double.isFinite(w)) {
                min = Math.min(min, w);
                max = Math.max(max, w);
                n++;
            }
        }
        if (n == 0) {
            throw new LoadException("the wavelength array of HDU " + hdu + " has no finite value");
        }
        if (min <= 0) {
            throw new LoadException("the wavelength array of HDU " + hdu + " has non-positive values");
        }
        double step = n > 1 ? (max - min) / (n - 1) : max;
        double centre = (min + max) / 2;
        return new SpectralAxis(min * toM, max * toM, wave.length, centre / (2 * step), unit);
    }
}
