/**
 * SIA 2.0 ({@code /sia/query}) over the images and cubes of {@code ivoa.obscore}: parameters
 * parsed by {@link meridian.ssa.SiaParameters}, ADQL built by {@link meridian.ssa.SiaQuery}, run
 * through the TAP planner and executor with the caller's row filter, written as an ObsCore VOTable
 * with the DataLink service descriptor. VOSI capabilities and availability beside it.
 */
package meridian.server.sia;
