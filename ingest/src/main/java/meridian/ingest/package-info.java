/**
 * Ingestion of FITS collections into the archive: a collection is declared in YAML
 * ({@link meridian.ingest.CollectionDefinition#load}), the {@link meridian.ingest.Ingestor}
 * scans its files, runs the loader the definition names, builds ObsCore and product_files rows,
 * draws missing previews and writes each file in its own transaction, reporting progress to a
 * {@link meridian.ingest.ProgressListener} and the outcome in an {@link meridian.ingest.IngestReport}.
 * The CLI and the server call only this package; the sub-packages are its parts.
 */
package meridian.ingest;
