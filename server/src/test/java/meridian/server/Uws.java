package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * UWS helpers for tests: the UWS 1.1 schema (read from the Debian stilts package's
 * starlink-ttools.jar, which ships it for taplint, so no copy lives in this repository) and
 * small request shortcuts.
 */
final class Uws {

    static final String JAR = "/usr/share/java/starlink-ttools.jar";
    private static final String DIR = "uk/ac/starlink/ttools/taplint/";
    private static Schema schema;

    private Uws() {
    }

    private static synchronized Schema schema() throws Exception {
        if (schema == null) {
            ZipFile jar = new ZipFile(JAR);
            SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Map<String, String> byNamespace = Map.of("http://www.w3.org/1999/xlink", "xlink.xsd",
                    "http://www.w3.org/XML/1998/namespace", "xmlnamespace.xsd");
            sf.setResourceResolver(new LSResourceResolver() {
                @Override
                public LSInput resolveResource(String type, String ns, String publicId, String systemId, String base) {
                    String file = byNamespace.get(ns);
                    if (file == null) {
                        return null;
                    }
                    try {
                        byte[] bytes = jar.getInputStream(jar.getEntry(DIR + file)).readAllBytes();
                        return input(bytes, systemId);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            try (InputStream in = jar.getInputStream(jar.getEntry(DIR + "UWS-v1.1.xsd"))) {
                schema = sf.newSchema(new StreamSource(in, "jar:" + DIR + "UWS-v1.1.xsd"));
            }
        }
        return schema;
    }

    private static LSInput input(byte[] bytes, String systemId) {
        org.w3c.dom.ls.DOMImplementationLS ls;
        try {
            ls = (org.w3c.dom.ls.DOMImplementationLS) javax.xml.parsers.DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder().getDOMImplementation().getFeature("LS", "3.0");
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        LSInput in = ls.createLSInput();
        in.setByteStream(new ByteArrayInputStream(bytes));
        in.setSystemId(systemId);
        return in;
    }

    /** Validates a UWS document against the UWS 1.1 schema and parses it. */
    static Document valid(byte[] xml) {
        try {
            schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
            return VoTables.dom(xml);
        } catch (Exception e) {
            throw new AssertionError("not valid UWS 1.1: " + e.getMessage() + "\n"
                    + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    /** The text of the first element with this local name in the UWS namespace, or null. */
    static String text(Document d, String local) {
        NodeList n = d.getElementsByTagNameNS("http://www.ivoa.net/xml/UWS/v1.0", local);
        if (n.getLength() == 0) {
            return null;
        }
        Element e = (Element) n.item(0);
        return "true".equals(e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil")) ? null
                : e.getTextContent();
    }

    /** Creates a job by POST (form) and returns its URL from the 303 Location. */
    static String create(String listUrl, Map<String, ?> params) {
        Response r = given().redirects().follow(false).formParams(params).post(listUrl);
        assertEquals(303, r.statusCode(), r.asString());
        return r.header("Location");
    }

    /** The job document, validated. */
    static Document job(String jobUrl) {
        Response r = given().get(jobUrl);
        assertEquals(200, r.statusCode(), r.asString());
        return valid(r.asByteArray());
    }

    static String phase(String jobUrl) {
        return given().get(jobUrl + "/phase").asString();
    }

    /** Waits (blocking WAIT, then polling) until the job has left the active phases. */
    static Document awaitEnd(String jobUrl, int seconds) {
        long end = System.currentTimeMillis() + seconds * 1000L;
        Document d;
        do {
            d = valid(given().queryParam("WAIT", 5).get(jobUrl).asByteArray());
            String p = text(d, "phase");
            if (!p.equals("PENDING") && !p.equals("QUEUED") && !p.equals("EXECUTING")) {
                return d;
            }
        } while (System.currentTimeMillis() < end);
        throw new AssertionError("job " + jobUrl + " still " + text(d, "phase") + " after " + seconds + " s");
    }
}
