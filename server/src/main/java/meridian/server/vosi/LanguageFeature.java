package meridian.server.vosi;

/**
 * An optional ADQL feature the service supports, as TAPRegExt declares it.
 *
 * @param type        the feature type IVOID, e.g. {@code ivo://ivoa.net/std/TAPRegExt#features-adql-geo}
 * @param form        the form, e.g. {@code POINT} or {@code ILIKE}
 * @param description free text or null
 */
public record LanguageFeature(String type, String form, String description) {
}
