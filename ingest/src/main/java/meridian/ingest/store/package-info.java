/**
 * Database side of ingestion: {@link meridian.ingest.store.ArchiveWriter} writes ObsCore,
 * product_files and collections rows with bound parameters on a caller-owned connection (one
 * transaction per file), and reads back what is stored so re-runs can tell changed files from
 * unchanged ones.
 */
package meridian.ingest.store;
