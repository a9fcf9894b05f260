package meridian.datalink;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import meridian.ingest.mapping.Units;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;

/**
 * A spectrum as Data Central's simplified 1D FITS file: one primary HDU whose data is the flux
 * ({@code NAXIS = 1}), a linear vacuum-wavelength WCS in Angstrom ({@code CTYPE1 = 'WAVE'},
 * {@code CRVAL1}, {@code CDELT1}, {@code CRPIX1 = 1}, {@code CUNIT1}), {@code BUNIT}, and a
 * fixed keyword set filled from ObsCore ({@code RA}, {@code DEC}, {@code OBJECT}, {@code SURVEY},
 * {@code Z}, {@code TMIN}, {@code TMAX}, {@code TMID}, {@code EXPTIME}, {@code FOV}) and from the
 * axis written ({@code WMIN}, {@code WMAX}, {@code WMID} and, when z is known, their rest-frame
 * {@code ...REST} values), plus HISTORY cards saying where it came from. A keyword whose ObsCore
 * value is null is left out.
 *
 * <p>A wavelength array that is not linear (a table's arbitrary array, a log-linear WCS) is
 * resampled onto a linear grid from its first to its last wavelength with its finest step (never
 * more than {@link #MAX_OVERSAMPLING} times its number of points), by linear interpolation of the
 * flux density between neighbouring points; a HISTORY card says so. Stateless.
 */
public final class SimplifiedSpectrum {

    /** The MIME type (SODA RESPONSEFORMAT, DataLink content_type, SSA FORMAT) of the format. */
    public static final String MIME = "application/fits;content=simplified";
    /** The short RESPONSEFORMAT / FORMAT alias of {@link #MIME}. */
    public static final String ALIAS = "simplified";
    /** A resampled axis has at most this many times the original's points. */
    static final int MAX_OVERSAMPLING = 4;
    /** An array is linear when no point is further than this fraction of a step from the line. */
    static final double LINEAR_TOLERANCE = 0.01;
    /** Free characters of a HISTORY or COMMENT card. */
    private static final int CARD_TEXT = 70;

    private SimplifiedSpectrum() {
    }

    /**
     * A linear wavelength axis and the flux on it.
     *
     * @param start     wavelength of the first pixel (Angstrom)
     * @param step      wavelength step (Angstrom, positive)
     * @param flux      one value per pixel
     * @param resampled null when the original axis was linear, else how it was resampled
     */
    record LinearAxis(double start, double step, double[] flux, String resampled) {

        double last() {
            return start + step * (flux.length - 1);
        }
    }

    /**
     * The spectrum on a linear axis in Angstrom: its own when linear, else resampled.
     *
     * @throws DatalinkFault (usage) when the wavelength unit is not a length or no wavelength is finite
     */
    static LinearAxis linearAxis(SpectrumData s) {
        double f = Units.factor(s.waveUnit(), "Angstrom").orElseThrow(() -> DatalinkFault.usage(
                "the spectrum's wavelength unit " + s.waveUnit() + " cannot be written as a simplified spectrum"));
        int n = 0;
        Integer[] order = new Integer[s.wave().length];
        for (int i = 0; i < s.wave().length; i++) {
            if (Double.isFinite(s.wave()[i])) {
                order[n++] = i;
            }
        }
        if (n == 0) {
            throw DatalinkFault.usage("the spectrum has no finite wavelength");
        }
        Integer[] kept = Arrays.copyOf(order, n);
        Arrays.sort(kept, (a, b) -> Double.compare(s.wave()[a], s.wave()[b]));
        double[] w = new double[n];
        double[] flux = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = s.wave()[kept[i]] * f;
            flux[i] = s.flux()[kept[i]];
        }
        if (n == 1) {
            return new LinearAxis(w[0], 1, flux, null);
        }
        double step = (w[n - 1] - w[0]) / (n - 1);
        double worst = 0;
        double finest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(w[i] - (w[0] + i * step)));
            if (i > 0 && w[i] > w[i - 1]) {
                finest = Math.min(finest, w[i] - w[i - 1]);
            }
        }
        if (step > 0 && worst <= LINEAR_TOLERANCE * step) {
            return new LinearAxis(w[0], step, flux, null);
        }
        if (!(finest < Double.POSITIVE_INFINITY)) {
            throw DatalinkFault.usage("the spectrum's wavelengths are all equal: it has no spectral axis");
        }
        double span = w[n - 1] - w[0];
        double newStep = Math.max(finest, span / ((double) MAX_OVERSAMPLING * (n - 1)));
        int m = (int) Math.floor(span / newStep + 1e-9) + 1;
        double[] out = new double[m];
        int j = 0;
        for (int k = 0; k < m; k++) {
            double x = w[0] + k * newStep;
            while (j < n - 2 && w[j + 1] < x) {
                j++;
            }
            double dx = w[j + 1] - w[j];
            double t = dx == 0 ? 0 : Math.min(1, Math.max(0, (x - w[j]) / dx));
            out[k] = flux[j] + t * (flux[j + 1] - flux[j]);
        }
        String how = String.format(Locale.ROOT, "Resampled from %d unevenly spaced points onto a linear grid of %d"
                + " points, step %.6g Angstrom (%s), by linear interpolation of the flux density", n, m, newStep,
                newStep == finest ? "the finest step of the original sampling"
                        : "the original span over " + MAX_OVERSAMPLING + " times its points; the finest step, "
                        + String.format(Locale.ROOT, "%.6g", finest) + " Angstrom, would need more");
        return new LinearAxis(w[0], newStep, out, how);
    }

    /**
     * Writes the simplified file; {@code out} is not closed.
     *
     * @param s          the spectrum (already cut when a band was asked)
     * @param p          its ObsCore row
     * @param provenance HISTORY lines saying where the data came from (file, cut)
     */
    public static void write(SpectrumData s, Product p, List<String> provenance, OutputStream out)
            throws IOException {
        LinearAxis axis = linearAxis(s);
        try {
            BasicHDU<?> hdu = Fits.makeHDU(axis.flux());
            Header h = hdu.getHeader();
            h.addValue("CTYPE1", "WAVE", "Vacuum wavelength, linear");
            h.addValue("CUNIT1", "Angstrom", "Unit of the spectral axis");
            h.addValue("CRPIX1", 1.0, "Reference pixel (the first)");
            h.addValue("CRVAL1", axis.start(), "[Angstrom] Wavelength at the reference pixel");
            h.addValue("CDELT1", axis.step(), "[Angstrom] Wavelength step per pixel");
            if (s.fluxUnit() != null) {
                h.addValue("BUNIT", s.fluxUnit(), "Unit of the flux");
            }
            text(h, "OBJECT", p.targetName(), "Target name (ObsCore target_name)");
            number(h, "RA", p.sRa(), "[deg] ICRS right ascension (ObsCore s_ra)");
            number(h, "DEC", p.sDec(), "[deg] ICRS declination (ObsCore s_dec)");
            text(h, "SURVEY", p.collection(), "Collection (ObsCore obs_collection)");
            number(h, "Z", p.redshift(), "Redshift of the source (ObsCore redshift)");
            number(h, "TMIN", p.tMin(), "[d] Start of the observation, MJD (ObsCore t_min)");
            number(h, "TMAX", p.tMax(), "[d] End of the observation, MJD (ObsCore t_max)");
            number(h, "TMID", p.tMin() == null || p.tMax() == null ? null : (p.tMin() + p.tMax()) / 2,
                    "[d] Mid-point of the observation, MJD");
            number(h, "EXPTIME", p.tExptime(), "[s] Exposure time (ObsCore t_exptime)");
            double mid = (axis.start() + axis.last()) / 2;
            number(h, "WMIN", axis.start(), "[Angstrom] Shortest wavelength of this file");
            number(h, "WMAX", axis.last(), "[Angstrom] Longest wavelength of this file");
            number(h, "WMID", mid, "[Angstrom] Middle of the wavelength range");
            if (p.redshift() != null) {
                double z1 = 1 + p.redshift();
                number(h, "WMINREST", axis.start() / z1, "[Angstrom] WMIN in the rest frame, WMIN / (1 + Z)");
                number(h, "WMAXREST", axis.last() / z1, "[Angstrom] WMAX in the rest frame, WMAX / (1 + Z)");
                number(h, "WMIDREST", mid / z1, "[Angstrom] WMID in the rest frame, WMID / (1 + Z)");
            }
            number(h, "FOV", p.sFov() == null ? null : p.sFov() * 3600, "[arcsec] Aperture diameter (ObsCore s_fov)");
            h.addValue("ORIGIN", "Meridian", "Written by the Meridian data server");
            h.addValue("DATE", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""),
                    "UTC date the file was written");
            List<String> history = new ArrayList<>();
            history.add("Simplified 1D spectrum (Data Central layout, " + MIME + ") of " + p.id());
            history.addAll(provenance);
            history.add(axis.resampled() == null
                    ? "Wavelength axis: the original's, which is linear (to 1% of a step)" : axis.resampled());
            for (String line : history) {
                cards(h, "HISTORY", line);
            }
            cards(h, "COMMENT", "The flux is the data array; wavelength of pixel i (1-based) = CRVAL1 + (i - 1)"
                    + " * CDELT1. WMIN, WMAX, WMID describe this file's axis; RA, DEC, OBJECT, SURVEY, Z, TMIN,"
                    + " TMAX, EXPTIME and FOV come from the ObsCore record of the product.");
            Fits fits = new Fits();
            fits.addHDU(hdu);
            FitsOutputStream fos = new FitsOutputStream(out);
            fits.write(fos);
            fos.flush();
        } catch (FitsException e) {
            throw new IOException("the simplified spectrum cannot be written: " + e.getMessage(), e);
        }
    }

    private static void number(Header h, String key, Double value, String comment) throws FitsException {
        if (value != null && Double.isFinite(value)) {
            h.addValue(key, value, comment);
        }
    }

    private static void text(Header h, String key, String value, String comment) throws FitsException {
        if (value != null && !value.isBlank()) {
            String v = value.replaceAll("[^\\x20-\\x7e]", "?");
            h.addValue(key, v.length() > 60 ? v.substring(0, 60) : v, comment);
        }
    }

    /** Long text as consecutive commentary cards of printable ASCII. */
    private static void cards(Header h, String key, String text) {
        String t = text.replaceAll("[^\\x20-\\x7e]", "?").trim();
        while (!t.isEmpty()) {
            int cut = t.length() <= CARD_TEXT ? t.length() : t.lastIndexOf(' ', CARD_TEXT);
            if (cut <= 0) {
                cut = Math.min(t.length(), CARD_TEXT);
            }
            String part = t.substring(0, cut);
            t = t.substring(cut).trim();
            if ("HISTORY".equals(key)) {
                h.insertHistory(part);
            } else {
                h.insertComment(part);
            }
        }
    }
}
