/**
 * The {@code /ssa} endpoint: SSA 1.1 queryData over the spectra of {@code ivoa.obscore}. The
 * servlet reads parameters under the DALI rules, lets the {@code ssa} module parse them and build
 * the ADQL, plans it with the TAP planner (the same index rewrites), runs it with the TAP
 * {@link meridian.server.tap.QueryExecutor} and writes an SSA VOTable through the shared result
 * writers. {@link meridian.server.ssa.ArchiveTargets} keeps the names TARGETNAME resolves against.
 */
package meridian.server.ssa;
