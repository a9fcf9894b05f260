package meridian.server.registry;

import static meridian.server.http.ErrorDocument.escape;

import java.util.List;
import java.util.function.Supplier;
import meridian.server.vosi.ServiceCapabilities;
import meridian.server.vosi.TableSetDocument;
import meridian.sql.model.MetadataModel;

/**
 * The record of one service: its capabilities are exactly those of its VOSI {@code /capabilities}
 * endpoint (the same {@link ServiceCapabilities}), optionally with its tableset.
 *
 * <p>The TAP service is {@link #tap}; the SSA service would be
 * {@code new ServiceRecord(meta, "ssa", "vs:CatalogService", title, description, ssaCapabilities,
 * "/ssa", null)} with its capability of {@code xsi:type="ssa:SimpleSpectralAccess"}.
 *
 * @param meta         shared metadata
 * @param key          the resource key: the identifier is {@code ivo://<authority>/<key>}
 * @param type         {@code xsi:type} of the resource, e.g. {@code vs:CatalogService}
 * @param title        the record's title
 * @param description  what the service offers
 * @param capabilities the service's capabilities
 * @param servicePath  the service's path under the base URL, e.g. {@code /tap}
 * @param tables       the metadata model to publish as the {@code tableset}, or null for none
 */
public record ServiceRecord(RegistryMetadata meta, String key, String type, String title, String description,
                            ServiceCapabilities capabilities, String servicePath,
                            Supplier<MetadataModel> tables) implements RecordProvider {

    /** The resource key of the TAP service. */
    public static final String TAP_KEY = "tap";

    /** The TAP service: {@code vs:CatalogService} with its TAP capabilities and tableset. */
    public static ServiceRecord tap(RegistryMetadata meta, ServiceCapabilities capabilities,
                                    Supplier<MetadataModel> tables) {
        return new ServiceRecord(meta, TAP_KEY, "vs:CatalogService", meta.title() + " TAP service",
                meta.descriptionOrTitle() + " This TAP service serves ObsCore 1.1 (ivoa.obscore) and the"
                        + " archive's own tables (product files, collections) through ADQL.",
                capabilities, "/tap", tables);
    }

    /** The service's identifier. */
    public String identifier() {
        return meta.ivoid(key);
    }

    @Override
    public List<RegistryRecord> records(String baseUrl) {
        StringBuilder tail = new StringBuilder();
        if (meta.rights() != null) {
            tail.append("  <rights>").append(escape(meta.rights())).append("</rights>\n");
        }
        capabilities.capabilities(baseUrl + servicePath).forEach(tail::append);
        if (tables != null) {
            tail.append(TableSetDocument.tablesetElement(tables.get(), "  "));
        }
        return List.of(new RegistryRecord(identifier(), type, title, meta.shortName(), meta.curation(),
                meta.content(baseUrl, description, List.of("Archive"), List.of()), tail.toString(), null));
    }
}
