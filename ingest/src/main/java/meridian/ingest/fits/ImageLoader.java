package meridian.ingest.fits;

import java.util.List;
import meridian.ingest.CollectionDefinition;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;

/**
 * 2D images and 3D cubes with a celestial TAN WCS on axes 1 and 2 (and, for cubes, a linear
 * wavelength axis 3): the first image HDU of the right dimension is the product. The footprint
 * is the polygon of the four outer pixel corners. The preview of a cube is its mean over the
 * spectral axis.
 */
final class ImageLoader implements FitsLoader {

    private final boolean cube;

    ImageLoader(boolean cube) {
        this.cube = cube;
    }

    @Override
    public List<ProductDraft> load(FitsContent content, CollectionDefinition.LoaderOptions o) throws LoadException {
        Header primary = content.hdus().get(0).getHeader();
        int want = cube ? 3 : 2;
        for (int i = 0; i < content.hdus().size(); i++) {
            BasicHDU<?> b = content.hdus().get(i);
            if (!(b instanceof ImageHDU hdu) || dimensions(b.getHeader()) != want) {
                continue;
            }
            Header h = hdu.getHeader();
            HeaderView view = HeaderView.of(h, primary);
            int n1 = h.getIntValue("NAXIS1");
            int n2 = h.getIntValue("NAXIS2");
            int n3 = cube ? h.getIntValue("NAXIS3") : 1;
            String title = view.string("OBJECT") == null ? content.file().getFileName().toString() : view.string("OBJECT");
            int index = i;
            ProductDraft d = new ProductDraft(view, "", null, () -> new PreviewData.Picture(plane(hdu, index, n1, n2, n3),
                    title));
            CelestialWcs.Footprint fp = CelestialWcs.read(view, i).footprint(n1, n2);
            CommonKeywords.apply(d, i);
            d.put("s_ra", fp.ra()).put("s_dec", fp.dec()).put("s_fov", fp.fovDeg()).put("s_region", fp.region())
                    .put("s_pixel_scale", fp.pixelScaleArcsec()).put("s_xel1", (long) n1).put("s_xel2", (long) n2);
            if (cube) {
                SpectralAxis axis = SpectralAxis.fromWcs(view, 3, n3, o.spectralUnit(), i);
                d.put("em_min", axis.minMetres()).put("em_max", axis.maxMetres()).put("em_xel", axis.count());
                d.values().putIfAbsent("em_res_power", axis.resolvingPowerEstimate());
            } else {
                d.put("em_xel", 1L);
            }
            d.put("o_unit", view.string("BUNIT"));
            return List.of(d);
        }
        throw new LoadException(cube ? "no 3D image HDU (NAXIS = 3) in the file" : "no 2D image HDU (NAXIS = 2) in the file");
    }

    /** The number of axes longer than one pixel, for NAXIS3 = 1 images. */
    private static int dimensions(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        int dims = 0;
        for (int k = 1; k <= naxis; k++) {
            if (h.getIntValue("NAXIS" + k, 0) > 1 || k <= 2) {
                dims = k;
            }
        }
        return naxis == 0 ? 0 : dims;
    }

    private static float[][] plane(ImageHDU hdu, int index, int n1, int n2, int n3) throws LoadException {
        try {
            Header h = hdu.getHeader();
            double[] all = DataArrays.toDoubles(hdu.getKernel(), h.getDoubleValue("BSCALE", 1),
                    h.getDoubleValue("BZERO", 0));
            float[][] out = new float[n2][n1];
            int plane = n1 * n2;
            for (int y = 0; y < n2; y++) {
                for (int x = 0; x < n1; x++) {
                    double sum = 0;
                    int count = 0;
                    for (int z = 0; z < n3; z++) {
                        double v = all[z * plane + y * n1 + x];
                        if (Double.isFinite(v)) {
                            sum += v;
                            count++;
                        }
                    }
                    out[y][x] = count == 0 ? Float.NaN : (float) (sum / count);
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw new LoadException("cannot read the data of HDU " + index + ": " + e.getMessage(), e);
        }
    }
}
