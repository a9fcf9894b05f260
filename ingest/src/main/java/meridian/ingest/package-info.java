/**
 * Ingestion of FITS collections into the archive: a collection is declared in YAML
 * ({@link meridian.ingest.CollectionDefinition#load}), the {@link meridian.ingest.Ingestor}
 * scans its files, runs the loader the definition names, builds ObsCore and product_files rows,
 * draws missing previews and writes each file all or nothing, reporting progress to a
 * {@link meridian.ingest.ProgressListener} and the outcome in an {@link meridian.ingest.IngestReport}.
 * The CLI and the server call only this package; the sub-packages are its parts.
 *
 * <p>A command-line ingest, in full:
 * <pre>{@code
 * IngestSettings settings = new IngestSettings(authority, archiveSchema, List.of(dataDir), baseUrl);
 * CollectionDefinition def = CollectionDefinition.load(Path.of("conf/collections/uves.yaml"));
 * IngestReport report = new Ingestor(database, settings)
 *         .ingest(def, IngestOptions.defaults().withPrune(prune).withDryRun(dryRun),
 *                 TextProgressBar.onStandardError());
 * System.out.print(report.summary());
 * System.exit(report.succeeded() ? 0 : 1);
 * }</pre>
 * and the demo archive on a first start: {@code DemoArchive.generate(dataDir)} returns the YAMLs
 * to ingest the same way. {@link meridian.ingest.FileLocator} maps {@code /files/<collection>/<path>}
 * back to files for the file endpoint.
 */
package meridian.ingest;
