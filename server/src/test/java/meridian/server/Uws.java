package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * UWS helpers for tests: validation against the UWS 1.1 schema ({@link RegistrySchemas}) and
 * small request shortcuts.
 */
final class Uws {

    private Uws() {
    }

    /** Validates a UWS document against the UWS 1.1 schema ({@link RegistrySchemas}) and parses it. */
    static Document valid(byte[] xml) {
        return RegistrySchemas.valid(xml);
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
