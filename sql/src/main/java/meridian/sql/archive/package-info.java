/**
 * The tables every Meridian archive has: {@code ivoa.obscore} (ObsCore 1.1), the archive's
 * {@code product_files} and {@code collections}, and TAP_SCHEMA 1.1, all as metadata-model
 * definitions. {@link meridian.sql.archive.ArchiveModel#create} assembles them.
 * {@link meridian.sql.archive.AccessReferences} says how links to the service are stored in them
 * (relative, made absolute when served); {@link meridian.sql.archive.StoredCollections} keeps
 * each published collection's definition beside its row.
 */
package meridian.sql.archive;
