/**
 * Serving the archive's files ({@code /files/...}) and knowing which collections exist: the
 * collection definitions, the ingestion settings derived from the configuration and the
 * HTTP side of file access.
 */
package meridian.server.files;
