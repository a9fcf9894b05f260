/**
 * The metadata model: schemas, tables, columns and foreign keys with all their VO metadata.
 * This is the single source from which DDL, TAP_SCHEMA, VOSI tables, the ADQL checker and
 * result FIELDs are generated. Nothing here talks to a database.
 */
package meridian.sql.model;
