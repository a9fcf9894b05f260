package meridian.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.votable.VOTableBuilder;

/** Reading and checking the VOTables the service returns, for tests. */
final class VoTables {

    private VoTables() {
    }

    /** Validates a VOTable document against the VOTable 1.4 schema ({@link RegistrySchemas}). */
    static void assertSchemaValid(byte[] votable) {
        RegistrySchemas.valid(votable);
    }

    /** The table of a VOTable response. */
    static StarTable table(byte[] votable) throws IOException {
        StarTableFactory f = new StarTableFactory(true);
        f.setStoragePolicy(StoragePolicy.PREFER_MEMORY);
        return f.makeStarTable(new ByteArrayInputStream(votable), new VOTableBuilder());
    }

    /** All rows, as object arrays. */
    static List<Object[]> rows(StarTable t) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                rows.add(rs.getRow().clone());
            }
        }
        return rows;
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The QUERY_STATUS INFO values in document order (OK then maybe OVERFLOW, or ERROR). */
    static List<String> statuses(byte[] votable) throws Exception {
        NodeList infos = dom(votable).getElementsByTagNameNS("*", "INFO");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < infos.getLength(); i++) {
            Element e = (Element) infos.item(i);
            if ("QUERY_STATUS".equals(e.getAttribute("name"))) {
                out.add(e.getAttribute("value"));
            }
        }
        return out;
    }

    /** The text of the QUERY_STATUS=ERROR INFO of an error document. */
    static String errorMessage(byte[] votable) throws Exception {
        assertSchemaValid(votable);
        NodeList infos = dom(votable).getElementsByTagNameNS("*", "INFO");
        for (int i = 0; i < infos.getLength(); i++) {
            Element e = (Element) infos.item(i);
            if ("QUERY_STATUS".equals(e.getAttribute("name"))) {
                assertEquals("ERROR", e.getAttribute("value"));
                return e.getTextContent();
            }
        }
        throw new AssertionError("no QUERY_STATUS INFO");
    }
}
