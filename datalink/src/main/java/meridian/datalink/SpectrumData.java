package meridian.datalink;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Locale;
import meridian.ingest.fits.HeaderView;
import meridian.ingest.fits.SpectralAxis;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.util.FitsOutputStream;
import uk.ac.starlink.ecsv.EcsvTableWriter;
import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.formats.CsvTableWriter;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * A 1D spectrum in memory (wavelength, flux, optional error), read from either layout the
 * archive ingests: a 1D image with a linear spectral WCS, or a binary table with WAVE and FLUX
 * columns (one row of arrays, or one row per point). Spectra are small (thousands of points),
 * so holding one is fine. Converts to the Spectrum-DM VOTable, CSV, ECSV and a simplified
 * 1D FITS binary table. Immutable.
 *
 * @param wave     wavelengths in {@code waveUnit}
 * @param flux     fluxes in {@code fluxUnit}
 * @param error    flux errors, or null
 */
public record SpectrumData(double[] wave, double[] flux, double[] error, String waveUnit, String fluxUnit) {

    private static final java.util.Map<String, Double> METRES = java.util.Map.of("m", 1.0, "nm", 1e-9,
            "angstrom", 1e-10, "um", 1e-6, "micron", 1e-6);

    /** Reads the spectrum of a FITS file (the first 1D image, else the first table with WAVE and FLUX). */
    public static SpectrumData read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads one spectrum of a FITS file.
     *
     * @param part where the spectrum is in a file holding several, as ingestion names it
     *             ({@link ProductFileRef#part()}): the HDU's EXTNAME or 0-based number, with
     *             {@code [row]} (1-based) for a table holding one spectrum per row; null for the
     *             first spectrum of the file
     * @throws DatalinkFault (not found) when the file has no spectrum at {@code part}
     */
    public static SpectrumData read(Path file, String part) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*?)(?:\\[(\\d+)])?").matcher(
                part == null ? "" : part.trim());
        m.matches();
        String hdu = part == null ? null : m.group(1);
        Integer row = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        try (Fits fits = new Fits(file.toFile())) {
            Header primary = null;
            int index = 0;
            for (BasicHDU<?> b = fits.readHDU(); b != null; b = fits.readHDU(), index++) {
                if (primary == null) {
                    primary = b.getHeader();
                }
                if (hdu != null && !hdu.equals(Integer.toString(index))
                        && !hdu.equalsIgnoreCase(b.getHeader().getStringValue("EXTNAME", "").trim())) {
                    continue;
                }
                if (row == null && b instanceof ImageHDU img && img.getHeader().getIntValue("NAXIS", 0) == 1) {
                    return fromImage(img, primary);
                }
                if (b instanceof BinaryTableHDU t && column(t, "WAVE") >= 0 && column(t, "FLUX") >= 0) {
                    return fromTable(t, row);
                }
            }
        } catch (FitsException e) {
            throw new DatalinkFault(DatalinkFault.Type.FATAL, "the spectrum cannot be read: " + e.getMessage(), e);
        }
        if (part != null) {
            throw DatalinkFault.notFound("the product's file holds no 1D spectrum at " + part);
        }
        throw DatalinkFault.usage("the product's file holds no 1D spectrum Meridian can convert");
    }

    private static SpectrumData fromImage(ImageHDU img, Header primary) throws FitsException, IOException {
        Header h = img.getHeader();
        int n = h.getIntValue("NAXIS1");
        double[] wave = SpectralAxis.wavelengths(HeaderView.of(h, primary), 1, n);
        double[] flux = doubles(img.getKernel());
        return new SpectrumData(wave, flux, null, unit(h.getStringValue("CUNIT1"), "Angstrom"),
                unit(h.getStringValue("BUNIT"), null));
    }

    /** @param row the 1-based row of a table with a spectrum per row, null for a table holding one */
    private static SpectrumData fromTable(BinaryTableHDU t, Integer row) throws FitsException {
        BinaryTable table = t.getData();
        int w = column(t, "WAVE");
        int f = column(t, "FLUX");
        int e = column(t, "ERR");
        int rows = table.getNRows();
        if (rows == 0) {
            throw DatalinkFault.usage("the spectrum table is empty");
        }
        if (row != null && (row < 1 || row > rows)) {
            throw DatalinkFault.notFound("the spectrum table has no row " + row);
        }
        double[] wave;
        double[] flux;
        double[] err = null;
        if (row != null || rows == 1 || doubles(table.getElement(0, w)).length > 1) {
            int r = row == null ? 0 : row - 1;
            wave = doubles(table.getElement(r, w));
            flux = doubles(table.getElement(r, f));
            err = e < 0 ? null : doubles(table.getElement(r, e));
        } else {
            wave = new double[rows];
            flux = new double[rows];
            err = e < 0 ? null : new double[rows];
            for (int r = 0; r < rows; r++) {
                wave[r] = doubles(table.getElement(r, w))[0];
                flux[r] = doubles(table.getElement(r, f))[0];
                if (err != null) {
                    err[r] = doubles(table.getElement(r, e))[0];
                }
            }
        }
        Header h = t.getHeader();
        return new SpectrumData(wave, flux, err, unit(h.getStringValue("TUNIT" + (w + 1)), "Angstrom"),
                unit(h.getStringValue("TUNIT" + (f + 1)), null));
    }

    private static int column(BinaryTableHDU t, String name) {
        for (int i = 0; i < t.getNCols(); i++) {
            String c = t.getColumnName(i);
            if (c != null && c.trim().toUpperCase(Locale.ROOT).startsWith(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String unit(String u, String fallback) {
        return u == null || u.isBlank() ? fallback : u.trim();
    }

    /** Any primitive number array (or scalar) as doubles. */
    static double[] doubles(Object a) {
        if (a instanceof double[] d) {
            return d.clone();
        }
        if (a instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        int n = Array.getLength(a);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(a, i)).doubleValue();
        }
        return out;
    }

    /** The points whose wavelength lies in {@code band} (metres); NoOverlap when there are none. */
    public SpectrumData cut(double[] band) {
        Double f = METRES.get(waveUnit.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw DatalinkFault.usage("the spectrum's wavelength unit " + waveUnit + " is not supported for BAND");
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < wave.length; i++) {
            double m = wave[i] * f;
            if (m >= band[0] && m <= band[1]) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            throw new DatalinkFault(DatalinkFault.Type.NO_OVERLAP, "BAND " + band[0] + " " + band[1]
                    + " m does not overlap the spectrum");
        }
        int to = last + 1;
        return new SpectrumData(java.util.Arrays.copyOfRange(wave, first, to),
                java.util.Arrays.copyOfRange(flux, first, to),
                error == null ? null : java.util.Arrays.copyOfRange(error, first, to), waveUnit, fluxUnit);
    }

    /** The spectrum as a STIL table with Spectrum-DM utypes, as the Gaia archive labels sampled spectra. */
    public StarTable table(String title) {
        ColumnStarTable t = ColumnStarTable.makeTableWithRows(wave.length);
        t.setName(title);
        t.addColumn(ArrayColumn.makeColumn(info("WAVE", waveUnit, "em.wl",
                "spec:Spectrum.Data.SpectralAxis.Value", "Vacuum wavelength"), wave));
        t.addColumn(ArrayColumn.makeColumn(info("FLUX", fluxUnit, "phot.flux.density;em.wl",
                "spec:Spectrum.Data.FluxAxis.Value", "Flux"), flux));
        if (error != null) {
            t.addColumn(ArrayColumn.makeColumn(info("ERR", fluxUnit, "stat.error;phot.flux.density;em.wl",
                    "spec:Spectrum.Data.FluxAxis.Accuracy.StatError", "Flux error"), error));
        }
        return t;
    }

    private static ColumnInfo info(String name, String unit, String ucd, String utype, String description) {
        ColumnInfo c = new ColumnInfo(name, Double.class, description);
        c.setUnitString(unit);
        c.setUCD(ucd);
        c.setUtype(utype);
        return c;
    }

    /** Writes the spectrum in one of {@link ServiceDescriptors#SPECTRUM_FORMATS}; {@code out} is not closed. */
    public void write(String format, String title, OutputStream out) throws IOException {
        if ("application/fits".equals(format)) {
            writeFits(title, out);
            return;
        }
        StarTableWriter w = switch (format) {
            case "application/x-votable+xml" -> new VOTableWriter(DataFormat.TABLEDATA, true);
            case "text/csv" -> new CsvTableWriter();
            case "text/x-ecsv" -> new EcsvTableWriter();
            default -> throw DatalinkFault.usage("RESPONSEFORMAT " + format + " is not offered for spectra; use one of "
                    + ServiceDescriptors.SPECTRUM_FORMATS);
        };
        w.writeStarTable(table(title), out);
        out.flush();
    }

    /** A simplified 1D FITS file: an empty primary HDU and one binary table row of arrays. */
    private void writeFits(String title, OutputStream out) throws IOException {
        try {
            Object[] cols = error == null ? new Object[] {new double[][] {wave}, new double[][] {flux}}
                    : new Object[] {new double[][] {wave}, new double[][] {flux}, new double[][] {error}};
            BinaryTableHDU hdu = BinaryTable.fromColumnMajor(cols).toHDU();
            String[] names = {"WAVE", "FLUX", "ERR"};
            String[] units = {waveUnit, fluxUnit, fluxUnit};
            for (int i = 0; i < cols.length; i++) {
                hdu.setColumnName(i, names[i], null);
                if (units[i] != null) {
                    hdu.getHeader().addValue("TUNIT" + (i + 1), units[i], "");
                }
            }
            hdu.getHeader().addValue("EXTNAME", "SPECTRUM", "");
            Fits f = new Fits();
            BasicHDU<?> primary = Fits.makeHDU(new int[0]);
            primary.getHeader().addValue("OBJECT", title.length() > 60 ? title.substring(0, 60) : title, "");
            f.addHDU(primary);
            f.addHDU(hdu);
            FitsOutputStream fos = new FitsOutputStream(out);
            f.write(fos);
            fos.flush();
        } catch (FitsException e) {
            throw new IOException("the spectrum cannot be written as FITS: " + e.getMessage(), e);
        }
    }
}
