/**
 * The thin HTTP side of DataLink, SODA and bundles: {@code /datalink/links},
 * {@code /soda/sync}, {@code /bundle} and {@code /datalink/capabilities}. Each servlet reads
 * DALI parameters, calls {@code meridian.datalink} and writes; the protocol logic lives there.
 */
package meridian.server.datalink;
