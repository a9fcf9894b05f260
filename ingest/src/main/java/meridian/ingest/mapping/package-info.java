/**
 * The closed vocabulary that maps FITS header keywords to ObsCore columns in a collection
 * definition: {@link meridian.ingest.mapping.FieldRule} (keyword, constant, expression,
 * template, unit conversion, lookup, default), {@link meridian.ingest.mapping.Expression}
 * (arithmetic only) and {@link meridian.ingest.mapping.Units}. No scripting, by design.
 */
package meridian.ingest.mapping;
