/**
 * Catalogue collections: table files (FITS binary tables, VOTable, CSV, ECSV) published as TAP
 * tables. The data flow is
 * {@code CatalogueDefinition -> CatalogueFiles (STIL) -> TableDesign (model table + converters)
 * -> CatalogueLoader (bulk insert into a new stored table, indexes, atomic switch through
 * meridian.sql.catalog.CatalogueStore) -> CatalogueReport}.
 */
package meridian.ingest.catalogue;
