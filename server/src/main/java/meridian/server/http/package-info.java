/**
 * HTTP plumbing shared by every endpoint: DALI parameters and the DALI servlet (GET and POST
 * alike), the single error boundary and error document, the container error handler, CORS,
 * cacheable metadata responses and the service's public URL.
 */
package meridian.server.http;
