/**
 * The demo archive: {@link meridian.ingest.demo.DemoArchive#generate} writes a deterministic set
 * of FITS spectra (both binary-table layouts and primary-array spectra), images and a cube, with
 * ancillary files and collection YAMLs, so a fresh server has something to serve.
 */
package meridian.ingest.demo;
