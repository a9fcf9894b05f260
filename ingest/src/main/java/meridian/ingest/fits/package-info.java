/**
 * FITS loaders on nom-tam-fits: {@link meridian.ingest.fits.FitsHeaderReader} opens and checks a
 * file (signature, truncation), a {@link meridian.ingest.fits.FitsLoader} per layout (1D spectra
 * in image HDUs, binary-table spectra in both layouts, images, cubes) turns it into
 * {@link meridian.ingest.fits.ProductDraft}s with the ObsCore values the file itself gives
 * (position and footprint from {@link meridian.ingest.fits.CelestialWcs}, spectral coverage from
 * {@link meridian.ingest.fits.SpectralAxis}, time from the common keywords). Nothing here knows
 * about databases or identifiers.
 */
package meridian.ingest.fits;
