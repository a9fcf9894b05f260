package meridian.ingest.fits;

import meridian.ingest.CollectionDefinition;
import meridian.ingest.LoaderKind;

/**
 * Turns one opened FITS file into product drafts. Implementations are stateless and
 * thread-safe; one per {@link LoaderKind}.
 */
public interface FitsLoader {

    /**
     * The products of {@code content}, in file order, never empty.
     *
     * @throws LoadException when the file has no product of this kind or lacks what the loader needs
     */
    java.util.List<ProductDraft> load(FitsContent content, CollectionDefinition.LoaderOptions options)
            throws LoadException;

    /** The loader of a kind. */
    static FitsLoader of(LoaderKind kind) {
        return switch (kind) {
            case SPECTRUM_IMAGE -> new SpectrumImageLoader();
            case SPECTRUM_TABLE -> new SpectrumTableLoader();
            case IMAGE -> new ImageLoader(false);
            case CUBE -> new ImageLoader(true);
        };
    }
}
