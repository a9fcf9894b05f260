package meridian.ingest.fits;

import java.util.ArrayList;
import java.util.List;
import meridian.ingest.CollectionDefinition;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;

/**
 * 1D spectra in image HDUs with a linear wavelength WCS on axis 1: the primary array, or several
 * extensions (one product each, addressed by obs_id suffix and HDU) as in multi-object files.
 * Reads headers only, unless a preview is drawn.
 */
final class SpectrumImageLoader implements FitsLoader {

    @Override
    public List<ProductDraft> load(FitsContent content, CollectionDefinition.LoaderOptions options)
            throws LoadException {
        Header primary = content.hdus().get(0).getHeader();
        List<Integer> spectra = new ArrayList<>();
        for (int i = 0; i < content.hdus().size(); i++) {
            BasicHDU<?> hdu = content.hdus().get(i);
            if (hdu instanceof ImageHDU && isSpectrum(hdu.getHeader())) {
                spectra.add(i);
                if ("first".equals(options.extensions())) {
                    break;
                }
            }
        }
        if (spectra.isEmpty()) {
            throw new LoadException("no 1D spectrum (image HDU with NAXIS = 1) in the file");
        }
        List<ProductDraft> out = new ArrayList<>();
        int n = 0;
        for (int i : spectra) {
            n++;
            ImageHDU hdu = (ImageHDU) content.hdus().get(i);
            Header h = hdu.getHeader();
            HeaderView view = HeaderView.of(h, primary);
            int naxis1 = h.getIntValue("NAXIS1");
            String extname = h.getStringValue("EXTNAME");
            boolean multi = spectra.size() > 1;
            String title = view.string("OBJECT") == null ? content.file().getFileName().toString() : view.string("OBJECT");
            ProductDraft d = new ProductDraft(view, multi ? Naming.suffix(options, n, extname) : "",
                    multi ? (extname != null ? extname : Integer.toString(i)) : null,
                    () -> new PreviewData.Spectrum(SpectralAxis.wavelengths(view, 1, naxis1),
                            readFlux(hdu, i), unit(view, options), title));
            SpectralAxis axis = SpectralAxis.fromWcs(view, 1, naxis1, options.spectralUnit(), i);
            d.put("em_min", axis.minMetres()).put("em_max", axis.maxMetres()).put("em_xel", axis.count());
            CommonKeywords.apply(d, i);
            d.values().putIfAbsent("em_res_power", axis.resolvingPowerEstimate());
            d.put("s_xel1", 1L).put("s_xel2", 1L);
            d.put("o_unit", view.string("BUNIT"));
            out.add(d);
        }
        return out;
    }

    private static boolean isSpectrum(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis < 1 || h.getIntValue("NAXIS1", 0) < 2) {
            return false;
        }
        for (int k = 2; k <= naxis; k++) {
            if (h.getIntValue("NAXIS" + k, 0) != 1) {
                return false;
            }
        }
        return true;
    }

    private static String unit(HeaderView h, CollectionDefinition.LoaderOptions o) {
        String u = h.string("CUNIT1");
        return u == null || u.isBlank() ? o.spectralUnit() : u;
    }

    private static double[] readFlux(ImageHDU hdu, int index) throws LoadException {
        try {
            Header h = hdu.getHeader();
            return DataArrays.toDoubles(hdu.getKernel(), h.getDoubleValue("BSCALE", 1), h.getDoubleValue("BZERO", 0));
        } catch (RuntimeException e) {
            throw new LoadException("cannot read the data of HDU " + index + ": " + e.getMessage(), e);
        }
    }
}
