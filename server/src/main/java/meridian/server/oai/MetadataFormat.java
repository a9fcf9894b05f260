package meridian.server.oai;

import java.util.Arrays;
import java.util.Optional;

/** The metadata formats every record is available in. */
public enum MetadataFormat {
    /** VOResource records, as Registry Interfaces requires. */
    ivo_vor("http://www.ivoa.net/xml/RegistryInterface/RegistryInterface-v1.0.xsd",
            "http://www.ivoa.net/xml/RegistryInterface/v1.0"),
    /** Unqualified Dublin Core, as OAI-PMH requires. */
    oai_dc("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/");

    private final String schema;
    private final String namespace;

    MetadataFormat(String schema, String namespace) {
        this.schema = schema;
        this.namespace = namespace;
    }

    public String schema() {
        return schema;
    }

    public String namespace() {
        return namespace;
    }

    /** The format with this {@code metadataPrefix}. */
    public static Optional<MetadataFormat> forPrefix(String prefix) {
        return Arrays.stream(values()).filter(f -> f.name().equals(prefix)).findFirst();
    }
}
