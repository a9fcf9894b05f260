package meridian.server.registry;

import java.util.List;
import meridian.server.config.MeridianConfig;

/**
 * What all of Meridian's records share, from {@code conf/meridian.yaml} ({@code service:}): the
 * naming authority, curation, subjects, reference URL and rights.
 *
 * @param authority    the IVOA authority, e.g. {@code meridian.demo}
 * @param title        the service title
 * @param description  the service description
 * @param shortName    at most 16 characters, or null
 * @param curation     publisher, creator and contact
 * @param subjects     subject keywords
 * @param referenceUrl the configured reference URL, or null for the landing page
 * @param rights       terms of use of the services, or null
 */
public record RegistryMetadata(String authority, String title, String description, String shortName,
                               RegistryRecord.Curation curation, List<String> subjects, String referenceUrl,
                               String rights) {

    public RegistryMetadata {
        subjects = List.copyOf(subjects);
    }

    /** From the configuration, with its defaults. */
    public static RegistryMetadata from(MeridianConfig config) {
        MeridianConfig.Service s = config.service();
        return new RegistryMetadata(s.authority(), s.title(), blankToNull(s.description()),
                blankToNull(s.shortName()),
                new RegistryRecord.Curation(config.publisher(), blankToNull(s.creator()), config.contactName(),
                        blankToNull(s.contactAddress()), blankToNull(s.contactEmail())),
                config.subjects(), blankToNull(s.referenceUrl()), blankToNull(s.rights()));
    }

    /** {@code ivo://<authority>/<resourceKey>}; the authority itself for an empty key. */
    public String ivoid(String resourceKey) {
        return "ivo://" + authority + (resourceKey.isEmpty() ? "" : "/" + resourceKey);
    }

    /** The configured reference URL, or the landing page. */
    public String referenceUrl(String baseUrl) {
        return referenceUrl != null ? referenceUrl : baseUrl + "/";
    }

    /** Content with the configured subjects and reference URL. */
    public RegistryRecord.Content content(String baseUrl, String description, List<String> types,
                                          List<RegistryRecord.Relationship> relationships) {
        return new RegistryRecord.Content(subjects, description, referenceUrl(baseUrl), types, List.of("Research"),
                relationships);
    }

    /** The description, or the title when none is configured (VOResource requires one). */
    public String descriptionOrTitle() {
        return description != null ? description : title;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
