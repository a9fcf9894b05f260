/**
 * TAP table uploads: the {@code UPLOAD} parameter ({@link meridian.server.upload.UploadSpec}),
 * fetching from the request's multipart parts or guarded http(s) URLs
 * ({@link meridian.server.upload.UrlFetcher}), reading VOTable, FITS, CSV and ECSV with STIL
 * ({@link meridian.server.upload.UploadReader}) and loading each into a per-request database table
 * that ADQL names {@code TAP_UPLOAD.name} ({@link meridian.server.upload.UploadLoader}). No servlet
 * API here: the endpoints hand in {@link meridian.server.upload.UploadSource}s.
 */
package meridian.server.upload;
