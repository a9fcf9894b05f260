/**
 * Spherical geometry for ADQL: {@link meridian.sql.geom.Shape}s (point, circle, box, polygon),
 * their STC-S text form ({@link meridian.sql.geom.Stcs}, the form geometry columns are stored in),
 * the operations ADQL defines ({@link meridian.sql.geom.SphericalGeometry}: distance, contains,
 * intersects, area, centroid) and the Derby stored functions over them
 * ({@link meridian.sql.geom.GeometryFunctions}, installed by its {@code derbyInstaller()}).
 * Angles are degrees, areas square degrees; polygons are smaller than a hemisphere with
 * great-circle edges. Nothing here knows about ADQL syntax.
 */
package meridian.sql.geom;
