/**
 * The tables every Meridian archive has: {@code ivoa.obscore} (ObsCore 1.1), the archive's
 * {@code product_files} and {@code collections}, and TAP_SCHEMA 1.1, all as metadata-model
 * definitions. {@link meridian.sql.archive.ArchiveModel#create} assembles them.
 */
package meridian.sql.archive;
