/**
 * The archive database: opening it ({@link meridian.sql.Database}), creating its tables from the
 * metadata model and generating TAP_SCHEMA from the same model ({@link meridian.sql.TapSchemaWriter}).
 * Sub-packages: {@code model} (the metadata model), {@code archive} (the standard tables),
 * {@code backend} (per-database DDL and functions), {@code catalog} (published catalogues and their
 * persisted models).
 */
package meridian.sql;
