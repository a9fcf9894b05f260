package meridian.server.oai;

import java.util.Set;

/**
 * The six OAI-PMH verbs with the arguments each allows and requires (besides {@code verb}).
 * {@code resumptionToken}, where allowed, is exclusive: the request has no other argument.
 */
public enum OaiVerb {
    Identify(Set.of(), Set.of()),
    ListMetadataFormats(Set.of("identifier"), Set.of()),
    ListSets(Set.of("resumptionToken"), Set.of()),
    ListIdentifiers(Set.of("metadataPrefix", "from", "until", "set", "resumptionToken"), Set.of("metadataPrefix")),
    ListRecords(Set.of("metadataPrefix", "from", "until", "set", "resumptionToken"), Set.of("metadataPrefix")),
    GetRecord(Set.of("identifier", "metadataPrefix"), Set.of("identifier", "metadataPrefix"));

    private final Set<String> allowed;
    private final Set<String> required;

    OaiVerb(Set<String> allowed, Set<String> required) {
        this.allowed = allowed;
        this.required = required;
    }

    Set<String> allowed() {
        return allowed;
    }

    Set<String> required() {
        return required;
    }
}
