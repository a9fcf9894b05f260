package meridian.server.registry;

import static meridian.server.http.ErrorDocument.escape;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import meridian.server.vosi.Namespaces;

/**
 * Writes a {@link RegistryRecord} as the {@code ri:Resource} element of Registry Interfaces 1.1
 * (VOResource 1.1 element order).
 */
public final class ResourceXml {

    private ResourceXml() {
    }

    /**
     * The children of the resource element: everything that describes the resource, without the
     * dates (so that it can be compared between versions).
     */
    public static String body(RegistryRecord r) {
        StringBuilder sb = new StringBuilder();
        element(sb, "  ", "title", r.title());
        if (r.shortName() != null) {
            element(sb, "  ", "shortName", r.shortName());
        }
        element(sb, "  ", "identifier", r.identifier());
        RegistryRecord.Curation c = r.curation();
        sb.append("  <curation>\n");
        element(sb, "    ", "publisher", c.publisher());
        if (c.creator() != null) {
            sb.append("    <creator><name>").append(escape(c.creator())).append("</name></creator>\n");
        }
        sb.append("    <contact>\n");
        element(sb, "      ", "name", c.contactName());
        if (c.contactAddress() != null) {
            element(sb, "      ", "address", c.contactAddress());
        }
        if (c.contactEmail() != null) {
            element(sb, "      ", "email", c.contactEmail());
        }
        sb.append("    </contact>\n  </curation>\n");
        RegistryRecord.Content t = r.content();
        sb.append("  <content>\n");
        t.subjects().forEach(s -> element(sb, "    ", "subject", s));
        element(sb, "    ", "description", t.description());
        element(sb, "    ", "referenceURL", t.referenceUrl());
        t.types().forEach(s -> element(sb, "    ", "type", s));
        t.contentLevels().forEach(s -> element(sb, "    ", "contentLevel", s));
        for (RegistryRecord.Relationship rel : t.relationships()) {
            sb.append("    <relationship>\n");
            element(sb, "      ", "relationshipType", rel.type());
            sb.append("      <relatedResource ivo-id=\"").append(escape(rel.ivoid())).append("\">")
                    .append(escape(rel.name())).append("</relatedResource>\n");
            sb.append("    </relationship>\n");
        }
        sb.append("  </content>\n");
        sb.append(r.tail());
        return sb.toString();
    }

    /**
     * The whole {@code ri:Resource} element, declaring every namespace of
     * {@link Namespaces#FRAGMENT_PREFIXES} and {@code ri:}.
     *
     * @param body    from {@link #body}
     * @param created creation date
     * @param updated last update
     */
    public static String element(RegistryRecord r, String body, Instant created, Instant updated) {
        return "<ri:Resource xmlns=\"\" xmlns:ri=\"" + Namespaces.RI + "\"" + Namespaces.declarations()
                + " xsi:type=\"" + escape(r.type()) + "\" created=\"" + timestamp(created) + "\" updated=\""
                + timestamp(updated) + "\" status=\"active\">\n" + body + "</ri:Resource>\n";
    }

    /** A UTC timestamp to the second, {@code 2024-05-01T12:00:00Z}, as VOResource and OAI-PMH write them. */
    public static String timestamp(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static void element(StringBuilder sb, String indent, String name, String text) {
        sb.append(indent).append('<').append(name).append('>').append(escape(text)).append("</").append(name)
                .append(">\n");
    }
}
