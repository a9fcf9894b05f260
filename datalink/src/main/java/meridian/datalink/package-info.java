/**
 * DataLink 1.1 and SODA 1.0 without HTTP: which files and services each product has (read from
 * ObsCore and {@code <archive>.product_files}, the same rows TAP and SSA serve), the links
 * document and service descriptors, FITS cutouts and spectrum conversion, and bundles of
 * product files. The server's thin servlets parse requests and hand the results to these classes.
 */
package meridian.datalink;
