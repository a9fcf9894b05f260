/** Reading and validating {@code conf/meridian.yaml}. */
package meridian.server.config;
