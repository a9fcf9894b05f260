package meridian.ingest.fits;

import java.io.IOException;
import java.util.List;
import meridian.ingest.CollectionDefinition;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.image.StandardImageTiler;

/**
 * 2D images and 3D cubes with a celestial TAN WCS on axes 1 and 2 (and, for cubes, a linear
 * wavelength axis 3): the first image HDU of the right dimension is the product. The footprint
 * is the polygon of the four outer pixel corners. The preview of a cube is its mean over the
 * spectral axis. Only headers are read, and for previews a subsampled plane, row by row.
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

    /** Longest side of a preview picture: larger images are subsampled while they are read. */
    static final int PREVIEW_SIDE = 512;

    /**
     * The preview plane: the image, or the mean over a cube's spectral axis, read row by row
     * through the tiler and subsampled to at most {@link #PREVIEW_SIDE} pixels a side, so memory
     * stays bounded however large the file (the data are never held whole).
     */
    static float[][] plane(ImageHDU hdu, int index, int n1, int n2, int n3) throws LoadException {
        Header h = hdu.getHeader();
        double bscale = h.getDoubleValue("BSCALE", 1);
        double bzero = h.getDoubleValue("BZERO", 0);
        int step = Math.max(1, (Math.max(n1, n2) + PREVIEW_SIDE - 1) / PREVIEW_SIDE);
        int w = Math.max(1, n1 / step);
        int rows = Math.max(1, n2 / step);
        float[][] out = new float[rows][w];
        try {
            StandardImageTiler tiler = hdu.getTiler();
            boolean cube = h.getIntValue("NAXIS") >= 3;
            for (int r = 0; r < rows; r++) {
                int y = r * step;
                double[] sum = new double[w];
                int[] count = new int[w];
                for (int z = 0; z < n3; z++) {
                    Object tile = cube ? tiler.getTile(new int[] {z, y, 0}, new int[] {1, 1, n1})
                            : tiler.getTile(new int[] {y, 0}, new int[] {1, n1});
                    double[] row = DataArrays.toDoubles(tile, bscale, bzero);
                    for (int x = 0; x < w; x++) {
                        double v = row[x * step];
                        if (Double.isFinite(v)) {
                            sum[x] += v;
                            count[x]++;
                        }
                    }
                }
                for (int x = 0; x < w; x++) {
                    out[r][x] = count[x] == 0 ? Float.NaN : (float) (sum[x] / count[x]);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new LoadException("cannot read the data of HDU " + index + ": " + e.getMessage(), e);
        }
    }
}
