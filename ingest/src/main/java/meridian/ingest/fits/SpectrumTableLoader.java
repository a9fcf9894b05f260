package meridian.ingest.fits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import meridian.ingest.CollectionDefinition;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Header;

/**
 * Spectra in binary tables, in either layout:
 * <ul>
 *   <li>array per row (ESO Phase 3 SDP): each row holds WAVE, FLUX, ERR arrays; a table of one
 *       row is one spectrum, a table of several rows is a multi-spectrum file whose scalar
 *       columns (OBJECT, RA, DEC...) act as per-spectrum keywords;</li>
 *   <li>column per point: each row is one wavelength point; each table is one spectrum.</li>
 * </ul>
 * Every table with the configured wavelength and flux columns yields products. The wavelength
 * array is read for the spectral coverage; fluxes only for previews.
 */
final class SpectrumTableLoader implements FitsLoader {

    private record Found(int hdu, BinaryTableHDU table, int wave, int flux, boolean arrays) {
    }

    @Override
    public List<ProductDraft> load(FitsContent content, CollectionDefinition.LoaderOptions o) throws LoadException {
        Header primary = content.hdus().get(0).getHeader();
        List<Found> tables = new ArrayList<>();
        int total = 0;
        for (int i = 1; i < content.hdus().size(); i++) {
            BasicHDU<?> b = content.hdus().get(i);
            if (!(b instanceof BinaryTableHDU t)) {
                continue;
            }
            int wave = column(t, o.waveColumn());
            int flux = column(t, o.fluxColumn());
            if (wave < 0 || flux < 0 || t.getNRows() == 0) {
                continue;
            }
            boolean arrays = switch (o.layout()) {
                case "array" -> true;
                case "columns" -> false;
                default -> isArray(t, wave, i);
            };
            tables.add(new Found(i, t, wave, flux, arrays));
            total += arrays ? t.getNRows() : 1;
            if ("first".equals(o.extensions())) {
                break;
            }
        }
        if (tables.isEmpty()) {
            throw new LoadException("no binary table with columns " + o.waveColumn() + " and " + o.fluxColumn());
        }
        List<ProductDraft> out = new ArrayList<>();
        int n = 0;
        for (Found f : tables) {
            Header h = f.table.getHeader();
            HeaderView view = HeaderView.of(h, primary);
            String waveUnit = unit(h, f.wave, o.spectralUnit());
            String extname = h.getStringValue("EXTNAME");
            int rows = f.arrays ? f.table.getNRows() : 1;
            for (int r = 0; r < rows; r++) {
                n++;
                HeaderView rowView = f.arrays && f.table.getNRows() > 1 ? view.withRow(scalars(f, r)) : view;
                double[] wave = f.arrays ? doubles(f, r, f.wave) : column(f, f.wave);
                int row = r;
                String title = rowView.string("OBJECT") == null ? content.file().getFileName().toString()
                        : rowView.string("OBJECT");
                String fragment = total == 1 ? null
                        : (extname != null ? extname : Integer.toString(f.hdu)) + (f.arrays && f.table.getNRows() > 1
                        ? "[" + (r + 1) + "]" : "");
                ProductDraft d = new ProductDraft(rowView, total > 1 ? Naming.suffix(o, n, extname) : "", fragment,
                        () -> new PreviewData.Spectrum(wave,
                                f.arrays ? doubles(f, row, f.flux) : column(f, f.flux), waveUnit, title));
                SpectralAxis axis = SpectralAxis.fromArray(wave, waveUnit, f.hdu);
                d.put("em_min", axis.minMetres()).put("em_max", axis.maxMetres()).put("em_xel", axis.count());
                CommonKeywords.apply(d, f.hdu);
                d.values().putIfAbsent("em_res_power", axis.resolvingPowerEstimate());
                d.put("s_xel1", 1L).put("s_xel2", 1L);
                d.put("o_unit", unit(h, f.flux, null));
                out.add(d);
            }
        }
        return out;
    }

    private static int column(BinaryTableHDU t, String name) {
        for (int c = 0; c < t.getNCols(); c++) {
            String n = t.getColumnName(c);
            if (n != null && n.trim().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    private static boolean isArray(BinaryTableHDU t, int col, int hdu) throws LoadException {
        BinaryTable.ColumnDesc desc;
        try {
            desc = BinaryTable.getDescriptor(t.getHeader(), col);
        } catch (RuntimeException e) {
            throw new LoadException("bad column " + (col + 1) + " in HDU " + hdu + ": " + e.getMessage(), e);
        }
        return desc.getElementCount() > 1 || desc.isVariableSize();
    }

    private static String unit(Header h, int col, String dflt) {
        String u = h.getStringValue("TUNIT" + (col + 1));
        return u == null || u.isBlank() ? dflt : u.trim();
    }

    private static double[] doubles(Found f, int row, int col) throws LoadException {
        try {
            Object e = f.table.getData().getElement(row, col);
            return DataArrays.toDoubles(e, scale(f, col), zero(f, col));
        } catch (RuntimeException e) {
            throw new LoadException("cannot read row " + (row + 1) + " of HDU " + f.hdu + ": " + e.getMessage(), e);
        }
    }

    private static double[] column(Found f, int col) throws LoadException {
        try {
            Object c = f.table.getData().getColumn(col);
            return DataArrays.toDoubles(c, scale(f, col), zero(f, col));
        } catch (RuntimeException e) {
            throw new LoadException("cannot read column " + (col + 1) + " of HDU " + f.hdu + ": " + e.getMessage(), e);
        }
    }

    private static double scale(Found f, int col) {
        return f.table.getHeader().getDoubleValue("TSCAL" + (col + 1), 1);
    }

    private static double zero(Found f, int col) {
        return f.table.getHeader().getDoubleValue("TZERO" + (col + 1), 0);
    }

    /** The scalar numeric and text columns of one row, as keywords. */
    private static Map<String, Object> scalars(Found f, int row) throws LoadException {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            for (int c = 0; c < f.table.getNCols(); c++) {
                if (c == f.wave || c == f.flux) {
                    continue;
                }
                Object v = f.table.getData().getElement(row, c);
                String name = f.table.getColumnName(c);
                if (name == null) {
                    continue;
                }
                if (v instanceof Number x) {
                    m.put(name.trim().toUpperCase(Locale.ROOT), x);
                } else if (v instanceof String s) {
                    m.put(name.trim().toUpperCase(Locale.ROOT), s.trim());
                } else if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 1) {
                    Object x = java.lang.reflect.Array.get(v, 0);
                    if (x instanceof Number || x instanceof String) {
                        m.put(name.trim().toUpperCase(Locale.ROOT), x instanceof String s ? s.trim() : x);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new LoadException("cannot read row " + (row + 1) + " of HDU " + f.hdu + ": " + e.getMessage(), e);
        }
        return m;
    }
}
