package meridian.datalink;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a DataLink 1.1 links document: the results RESOURCE with the twelve standard FIELDs
 * (section 3.2) in TABLEDATA, then the service descriptors the rows reference. The caller
 * owns and closes the writer; it is flushed.
 */
public final class LinksDocument {

    /** The media type DataLink 1.1 gives links documents. */
    public static final String CONTENT_TYPE = "application/x-votable+xml;content=datalink";

    private static final String FIELDS = """
            <FIELD name="ID" datatype="char" arraysize="*" ucd="meta.id;meta.main">\
            <DESCRIPTION>The identifier the row answers</DESCRIPTION></FIELD>
            <FIELD name="access_url" datatype="char" arraysize="*" ucd="meta.ref.url">\
            <DESCRIPTION>The link</DESCRIPTION></FIELD>
            <FIELD name="service_def" datatype="char" arraysize="*" ucd="meta.ref">\
            <DESCRIPTION>Service descriptor to call</DESCRIPTION></FIELD>
            <FIELD name="error_message" datatype="char" arraysize="*" ucd="meta.code.error">\
            <DESCRIPTION>Why the ID has no links</DESCRIPTION></FIELD>
            <FIELD name="semantics" datatype="char" arraysize="*" ucd="meta.code">\
            <DESCRIPTION>What the link is, from http://www.ivoa.net/rdf/datalink/core</DESCRIPTION></FIELD>
            <FIELD name="description" datatype="char" arraysize="*" ucd="meta.note">\
            <DESCRIPTION>Human-readable description of the link</DESCRIPTION></FIELD>
            <FIELD name="content_type" datatype="char" arraysize="*" ucd="meta.code.mime">\
            <DESCRIPTION>MIME type of the linked resource</DESCRIPTION></FIELD>
            <FIELD name="content_length" datatype="long" unit="byte" ucd="phys.size;meta.file">\
            <DESCRIPTION>Size of the linked resource</DESCRIPTION></FIELD>
            <FIELD name="content_qualifier" datatype="char" arraysize="*" ucd="meta.code.class">\
            <DESCRIPTION>Product type of the linked resource</DESCRIPTION></FIELD>
            <FIELD name="local_semantics" datatype="char" arraysize="*" ucd="meta.code">\
            <DESCRIPTION>The file's category in product_files</DESCRIPTION></FIELD>
            <FIELD name="link_auth" datatype="char" arraysize="*" ucd="meta.code">\
            <DESCRIPTION>Whether the link requires authentication: false (anonymous access only),\
             optional (anonymous and authenticated access), true (authentication required)</DESCRIPTION></FIELD>
            <FIELD name="link_authorized" datatype="boolean" ucd="meta.code">\
            <DESCRIPTION>Whether the caller, as it authenticated, may use the link\
             (if not: 401 with a challenge when anonymous, else 403)</DESCRIPTION></FIELD>
            """;

    private LinksDocument() {
    }

    /** Writes the whole document. */
    public static void write(Links.Document doc, Writer w) throws IOException {
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.ivoa.net/xml/VOTable/v1.3"
                + " http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE type=\"results\">\n"
                + "<INFO name=\"QUERY_STATUS\" value=\"OK\"/>\n"
                + "<INFO name=\"standardID\" value=\"" + ServiceDescriptors.LINKS_STANDARD_ID + "\"/>\n"
                + "<TABLE name=\"links\">\n");
        w.write(FIELDS);
        w.write("<DATA><TABLEDATA>\n");
        for (LinkRow r : doc.rows()) {
            w.write("<TR>");
            td(w, r.id());
            td(w, r.accessUrl());
            td(w, r.serviceDef());
            td(w, r.errorMessage());
            td(w, r.semantics());
            td(w, r.description());
            td(w, r.contentType());
            td(w, r.contentLength() == null ? null : r.contentLength().toString());
            td(w, null);
            td(w, r.localSemantics());
            td(w, r.access() == null ? null : r.access().auth());
            td(w, r.access() == null ? null : r.access().authorized() ? "T" : "F");
            w.write("</TR>\n");
        }
        w.write("</TABLEDATA></DATA>\n</TABLE>\n</RESOURCE>\n");
        for (String d : doc.descriptors()) {
            w.write(d);
        }
        w.write("</VOTABLE>\n");
        w.flush();
    }

    private static void td(Writer w, String value) throws IOException {
        w.write(value == null ? "<TD/>" : "<TD>" + Xml.escape(value) + "</TD>");
    }
}
