package meridian.server.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import meridian.server.http.ErrorDocument;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * VOTable 1.4 results in TABLEDATA, BINARY or BINARY2, framed as DALI asks:
 * {@code RESOURCE type="results"} with {@code QUERY_STATUS=OK} before the table and
 * {@code QUERY_STATUS=OVERFLOW} after it when MAXREC cut the result. If reading the cursor
 * fails after the document has started, a trailing {@code QUERY_STATUS=ERROR} says so.
 */
public final class VoTableResultWriter implements ResultWriter {

    private final DataFormat format;

    public VoTableResultWriter(DataFormat format) {
        this.format = format;
    }

    @Override
    public void write(QueryResultTable table, ResultContext context, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.ivoa.net/xml/VOTable/v1.3"
                + " http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE type=\"results\">\n");
        w.write(ErrorDocument.statusInfo("OK", null));
        for (ResultContext.Info info : context.infos()) {
            w.write("<INFO name=\"" + ErrorDocument.escape(info.name()) + "\" value=\""
                    + ErrorDocument.escape(info.value()) + "\">"
                    + ErrorDocument.escape(info.content()) + "</INFO>\n");
        }
        try {
            VOSerializer serializer = VOSerializer.makeSerializer(format, VOTableVersion.V14, table);
            serializer.writeInlineTableElement(w);
        } catch (IOException | RuntimeException e) {
            w.write("\n");
            w.write(ErrorDocument.statusInfo("ERROR", "the result was cut short: " + e.getMessage()));
            w.write("</RESOURCE>\n</VOTABLE>\n");
            w.flush();
            throw e;
        }
        if (table.overflowed()) {
            w.write(ErrorDocument.statusInfo("OVERFLOW", "the result was truncated at MAXREC="
                    + table.rowsDelivered() + " rows"));
        }
        w.write("</RESOURCE>\n");
        for (String xml : context.trailingXml()) {
            w.write(xml);
        }
        w.write("</VOTABLE>\n");
        w.flush();
    }
}
