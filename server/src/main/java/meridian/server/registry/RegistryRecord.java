package meridian.server.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One VOResource 1.1 resource record, as the metadata every record has plus the type-specific
 * elements after {@code content}.
 *
 * @param identifier the IVOA identifier, {@code ivo://<authority>/...}
 * @param type       the {@code xsi:type} of the resource, e.g. {@code vs:CatalogService}
 *                   (prefixes from {@link meridian.server.vosi.Namespaces})
 * @param title      the title
 * @param shortName  at most 16 characters, or null
 * @param curation   publisher and contact
 * @param content    subjects, description, reference URL...
 * @param tail       the XML of the elements that follow {@code content} for this type, in schema
 *                   order ({@code rights}, {@code capability}, {@code facility}, {@code coverage},
 *                   {@code tableset}... for a service; {@code managingOrg} for an authority);
 *                   unqualified element names, may be empty
 * @param updated    when what the record describes last changed (a collection's ingestion), or
 *                   null when the provider does not know: {@link PublishedRecords} then dates the
 *                   record by when its content last changed
 */
public record RegistryRecord(String identifier, String type, String title, String shortName, Curation curation,
                             Content content, String tail, Instant updated) {

    public RegistryRecord {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(curation, "curation");
        Objects.requireNonNull(content, "content");
        tail = tail == null ? "" : tail;
    }

    /**
     * {@code curation}: publisher, creator, contact.
     *
     * @param publisher      the organisation publishing the resource
     * @param creator        who made it, or null
     * @param contactName    the contact's name
     * @param contactAddress postal address, or null
     * @param contactEmail   e-mail, or null
     */
    public record Curation(String publisher, String creator, String contactName, String contactAddress,
                           String contactEmail) {
    }

    /**
     * {@code content}.
     *
     * @param subjects      at least one subject keyword
     * @param description   what the resource is
     * @param referenceUrl  a page describing it
     * @param types         VOResource content types ({@code Archive}, {@code Catalog}...)
     * @param contentLevels {@code Research}, {@code General}...
     * @param relationships relations to other resources
     */
    public record Content(List<String> subjects, String description, String referenceUrl, List<String> types,
                          List<String> contentLevels, List<Relationship> relationships) {

        public Content {
            subjects = List.copyOf(subjects);
            types = List.copyOf(types);
            contentLevels = List.copyOf(contentLevels);
            relationships = List.copyOf(relationships);
        }
    }

    /**
     * A {@code relationship}.
     *
     * @param type  from the vocabulary http://www.ivoa.net/rdf/voresource/relationship_type
     *              ({@code IsServedBy}, {@code IsServiceFor}...)
     * @param ivoid the related resource's identifier
     * @param name  its title
     */
    public record Relationship(String type, String ivoid, String name) {
    }
}
