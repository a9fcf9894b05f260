/**
 * VOSI 1.1 and DALI metadata endpoints of the TAP service: availability, capabilities
 * (TAPRegExt), tables (generated from the metadata model) and examples.
 */
package meridian.server.vosi;
