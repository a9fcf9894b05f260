/**
 * Database backends: SQL types, quoting, DDL and in-database functions per database.
 * Everything outside this package (and the ADQL dialect translators) is database-neutral.
 */
package meridian.sql.backend;
