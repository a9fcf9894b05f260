/**
 * Published catalogues: tables an operator loads from files ({@code ./meridian ingest} of a
 * catalogue collection), as opposed to the standard tables built in code. Their model is
 * persisted in the database itself ({@link meridian.sql.catalog.CatalogueStore}), so that
 * recording a new version and switching TAP_SCHEMA happen in one transaction, and an archive
 * re-opens with its catalogues ({@link meridian.sql.catalog.CatalogueStore#opening}), and a
 * running server follows changes other processes make ({@link meridian.sql.catalog.CatalogueWatcher}).
 */
package meridian.sql.catalog;
