package meridian.server.oai;

import static meridian.server.http.ErrorDocument.escape;

import meridian.server.registry.PublishedRecords;
import meridian.server.registry.RegistryRecord;
import meridian.server.registry.ResourceXml;

/** A record as unqualified Dublin Core ({@code oai_dc}), mapped from its VOResource metadata. */
final class DublinCore {

    private DublinCore() {
    }

    static String element(PublishedRecords.Published p) {
        RegistryRecord r = p.record();
        StringBuilder sb = new StringBuilder();
        sb.append("<oai_dc:dc xmlns:oai_dc=\"").append(MetadataFormat.oai_dc.namespace())
                .append("\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
        dc(sb, "title", r.title());
        dc(sb, "identifier", r.identifier());
        dc(sb, "identifier", r.content().referenceUrl());
        if (r.curation().creator() != null) {
            dc(sb, "creator", r.curation().creator());
        }
        r.content().subjects().forEach(s -> dc(sb, "subject", s));
        dc(sb, "description", r.content().description());
        dc(sb, "publisher", r.curation().publisher());
        dc(sb, "date", ResourceXml.timestamp(p.updated()));
        dc(sb, "type", r.type());
        r.content().types().forEach(t -> dc(sb, "type", t));
        sb.append("</oai_dc:dc>\n");
        return sb.toString();
    }

    private static void dc(StringBuilder sb, String name, String value) {
        sb.append("  <dc:").append(name).append('>').append(escape(value)).append("</dc:").append(name)
                .append(">\n");
    }
}
