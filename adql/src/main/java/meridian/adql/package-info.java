/**
 * ADQL text to checked query to dialect SQL plus result column metadata. {@link
 * meridian.adql.QueryTranslator} is the entry point: it parses ADQL 2.0/2.1 with ADQLlib,
 * checks every identifier against the {@link meridian.sql.model.MetadataModel}, rejects optional
 * features not listed in {@link meridian.adql.AdqlFeatures} and coordinate systems other than
 * ICRS, translates with the dialect's {@link meridian.adql.AdqlTranslator}
 * ({@link meridian.adql.DerbyTranslator} for Derby: geometry and numeric functions, Derby's row
 * limiting, WITH inlined, positional-index pre-filters found by the dialect-neutral
 * {@code PositionalConstraint}) and describes the result columns
 * ({@link meridian.adql.ResultColumn}: FIELD metadata and value converters for STIL). Nothing
 * here talks to a database or knows about HTTP; errors are {@link meridian.adql.AdqlException}s
 * meant for the user.
 */
package meridian.adql;
