package meridian.server.registry;

import static meridian.server.http.ErrorDocument.escape;

import java.util.List;

/**
 * The record of the naming authority ({@code vg:Authority}, identifier {@code ivo://<authority>}),
 * managed by the publisher; registries need it to accept the other records' identifiers.
 */
public final class AuthorityRecord implements RecordProvider {

    private final RegistryMetadata meta;

    public AuthorityRecord(RegistryMetadata meta) {
        this.meta = meta;
    }

    @Override
    public List<RegistryRecord> records(String baseUrl) {
        String tail = "  <managingOrg>" + escape(meta.curation().publisher()) + "</managingOrg>\n";
        return List.of(new RegistryRecord(meta.ivoid(""), "vg:Authority",
                "The " + meta.authority() + " naming authority", null, meta.curation(),
                meta.content(baseUrl, "The IVOA naming authority of the resources of " + meta.title() + ".",
                        List.of("Organisation"), List.of()),
                tail, null));
    }
}
