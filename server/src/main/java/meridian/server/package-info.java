/** The HTTP face of Meridian: Jetty wiring, endpoint servlets, result writers and the CLI. */
package meridian.server;
