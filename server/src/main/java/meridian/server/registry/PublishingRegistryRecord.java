package meridian.server.registry;

import static meridian.server.http.ErrorDocument.escape;

import java.util.List;

/**
 * The record of the publishing registry itself ({@code vg:Registry}, Registry Interfaces 1.1):
 * its OAI-PMH harvesting capability and the authority it manages. Its identifier is
 * {@code ivo://<authority>/registry}.
 */
public final class PublishingRegistryRecord implements RecordProvider {

    /** The resource key of the registry's identifier. */
    public static final String KEY = "registry";

    private final RegistryMetadata meta;
    private final String oaiPath;
    private final int pageSize;

    /**
     * @param meta     shared metadata
     * @param oaiPath  the OAI-PMH endpoint under the base URL, e.g. {@code /oai}
     * @param pageSize records per list response (declared as {@code maxRecords})
     */
    public PublishingRegistryRecord(RegistryMetadata meta, String oaiPath, int pageSize) {
        this.meta = meta;
        this.oaiPath = oaiPath;
        this.pageSize = pageSize;
    }

    /** The registry's identifier. */
    public String identifier() {
        return meta.ivoid(KEY);
    }

    @Override
    public List<RegistryRecord> records(String baseUrl) {
        return List.of(record(baseUrl));
    }

    /** The record (the OAI-PMH Identify response embeds it). */
    public RegistryRecord record(String baseUrl) {
        String tail = "  <capability standardID=\"ivo://ivoa.net/std/Registry\" xsi:type=\"vg:Harvest\">\n"
                + "    <interface xsi:type=\"vg:OAIHTTP\" role=\"std\" version=\"1.0\">\n"
                + "      <accessURL use=\"base\">" + escape(baseUrl + oaiPath) + "</accessURL>\n"
                + "    </interface>\n"
                + "    <maxRecords>" + pageSize + "</maxRecords>\n"
                + "  </capability>\n"
                + "  <full>false</full>\n"
                + "  <managedAuthority>" + escape(meta.authority()) + "</managedAuthority>\n";
        return new RegistryRecord(identifier(), "vg:Registry", meta.title() + " publishing registry", null,
                meta.curation(),
                meta.content(baseUrl, "The OAI-PMH publishing registry of " + meta.title() + ": the VOResource"
                        + " records of its services and data collections, under the authority "
                        + meta.authority() + ".", List.of("Registry"), List.of()),
                tail, null);
    }
}
