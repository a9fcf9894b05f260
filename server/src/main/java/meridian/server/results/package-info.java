/**
 * Query results from the JDBC cursor to the response stream: the one-pass table
 * ({@link meridian.server.results.QueryResultTable}), the result-writer registry
 * ({@link meridian.server.results.ResultFormat}) and its writers (VOTable via STIL, FITS via
 * STIL, CSV/TSV).
 */
package meridian.server.results;
