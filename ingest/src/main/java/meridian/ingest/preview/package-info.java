/**
 * PNG previews generated at ingest for products that have none: spectrum plots and grey
 * quick-looks of images and cube planes, with plain Java2D in headless mode (the ingestor sets
 * {@code java.awt.headless} once at start-up).
 */
package meridian.ingest.preview;
