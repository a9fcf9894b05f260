/**
 * Simple Cone Search 1.03 ({@code /scs/<schema>.<table>}) for every table of the metadata model
 * that declares a position ({@link meridian.sql.model.Table#position()}): the published
 * catalogues and {@code ivoa.obscore}. A catalogue published while the server runs gets its cone
 * search (endpoint, VOSI capabilities, registry record) as soon as it is in the model. Requests
 * run through the TAP planner and executor with the caller's row filter.
 */
package meridian.server.scs;
