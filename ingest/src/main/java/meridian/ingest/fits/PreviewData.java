package meridian.ingest.fits;

/** What a preview is drawn from: a spectrum or a 2D picture (an image, a cube's collapsed plane). */
public sealed interface PreviewData {

    /**
     * A spectrum.
     *
     * @param wave  wavelengths, in {@code unit}
     * @param flux  flux values, same length
     * @param unit  wavelength unit for the axis label
     * @param title plot title
     */
    record Spectrum(double[] wave, double[] flux, String unit, String title) implements PreviewData {
    }

    /**
     * A picture.
     *
     * @param pixels [row][column], row 0 at the bottom (FITS order)
     * @param title  caption
     */
    record Picture(float[][] pixels, String title) implements PreviewData {
    }

    /** Reads preview data on demand, so header-only ingests never touch the data. */
    @FunctionalInterface
    interface Source {
        PreviewData load() throws LoadException;
    }
}
