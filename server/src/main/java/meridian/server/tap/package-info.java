/**
 * TAP 1.1 queries: parameters ({@link meridian.server.tap.TapParameters}), planning through the
 * {@code adql} module ({@link meridian.server.tap.QueryPlanner}), execution on a streaming cursor
 * ({@link meridian.server.tap.QueryExecutor}) and the sync endpoint.
 */
package meridian.server.tap;
