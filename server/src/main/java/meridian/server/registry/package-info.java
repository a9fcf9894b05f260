/**
 * The VOResource 1.1 records Meridian publishes about itself: the publishing registry, the naming
 * authority, each service (capabilities from the same {@link meridian.server.vosi.ServiceCapabilities}
 * as its VOSI endpoint) and each ingested collection. Records come from a list of
 * {@link meridian.server.registry.RecordProvider}s wired in {@code MeridianServer};
 * {@link meridian.server.registry.PublishedRecords} gives them stable created/updated dates.
 * No HTTP here: the OAI-PMH protocol ({@code meridian.server.oai}) serves these records.
 */
package meridian.server.registry;
