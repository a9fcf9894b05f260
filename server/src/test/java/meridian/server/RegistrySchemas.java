package meridian.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;

/**
 * The IVOA and OAI XML schemas every XML document Meridian emits is checked against, read from
 * the Debian package {@code python3-gavo} (DaCHS ships them; {@code ./meridian test} installs it),
 * so no copy lives in this repository. Their imports point at web addresses; they are resolved to
 * the package's files by namespace, so validation runs offline.
 *
 * <p>One schema holds OAI-PMH 2.0, oai_dc, Registry Interfaces 1.0 (the {@code ri:Resource}
 * element, unchanged in 1.1), VOResource 1.1, VODataService 1.2 (namespace v1.1), VORegistry 1.1
 * (namespace v1.0), TAPRegExt 1.0, SSA (namespace v1.1), VOSI 1.1 capabilities, availability and
 * tables, UWS 1.1 (namespace v1.0) and VOTable 1.4 (namespace v1.3); {@code xsi:type}
 * extensions are validated strictly, as OAI-PMH's {@code metadata} and {@code description}
 * wildcards require.
 *
 * <p>VOResource is taken as published (at most one {@code securityMethod} per interface), the
 * stricter reading: a document valid here is valid with its Erratum 1 (which allows several) too.
 */
final class RegistrySchemas {

    static final Path DIR = Path.of("/usr/lib/python3/dist-packages/gavo/resources/schemata");

    /** Namespace to file in {@link #DIR}. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("http://www.openarchives.org/OAI/2.0/", "OAI-PMH.xsd"),
            Map.entry("http://www.openarchives.org/OAI/2.0/oai_dc/", "oai_dc.xsd"),
            Map.entry("http://purl.org/dc/elements/1.1/", "simpledc20021212.xsd"),
            Map.entry("http://www.ivoa.net/xml/RegistryInterface/v1.0", "RegistryInterface.xsd"),
            Map.entry("http://www.ivoa.net/xml/VOResource/v1.0", "VOResource.xsd"),
            Map.entry("http://www.ivoa.net/xml/VODataService/v1.1", "VODataService.xsd"),
            Map.entry("http://www.ivoa.net/xml/VORegistry/v1.0", "VORegistry.xsd"),
            Map.entry("http://www.ivoa.net/xml/TAPRegExt/v1.0", "TAPRegExt.xsd"),
            Map.entry("http://www.ivoa.net/xml/SSA/v1.1", "SSA.xsd"),
            Map.entry("http://www.ivoa.net/xml/ConeSearch/v1.0", "ConeSearch.xsd"),
            Map.entry("http://www.ivoa.net/xml/VOSICapabilities/v1.0", "VOSICapabilities.xsd"),
            Map.entry("http://www.ivoa.net/xml/VOSIAvailability/v1.0", "VOSIAvailability.xsd"),
            Map.entry("http://www.ivoa.net/xml/VOSITables/v1.0", "VOSITables.xsd"),
            Map.entry("http://www.ivoa.net/xml/UWS/v1.0", "UWS.xsd"),
            Map.entry("http://www.ivoa.net/xml/VOTable/v1.3", "VOTable.xsd"),
            Map.entry("http://www.ivoa.net/xml/STC/stc-v1.30.xsd", "stc.xsd"),
            Map.entry("http://www.w3.org/1999/xlink", "xlink.xsd"),
            Map.entry("http://www.w3.org/XML/1998/namespace", "xml.xsd"));

    /** Loaded as the top-level documents; the rest come in through their imports. */
    private static final List<String> ROOTS = List.of("OAI-PMH.xsd", "oai_dc.xsd", "RegistryInterface.xsd",
            "VORegistry.xsd", "TAPRegExt.xsd", "SSA.xsd", "ConeSearch.xsd", "VOSICapabilities.xsd", "VOSIAvailability.xsd",
            "VOSITables.xsd", "UWS.xsd", "VOTable.xsd");

    private static Schema schema;

    private RegistrySchemas() {
    }

    static synchronized Schema schema() throws Exception {
        if (schema == null) {
            if (!Files.isDirectory(DIR)) {
                throw new AssertionError(DIR + " is missing: install the Debian package python3-gavo"
                        + " (./meridian test does)");
            }
            SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            DOMImplementationLS ls = (DOMImplementationLS) javax.xml.parsers.DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder().getDOMImplementation().getFeature("LS", "3.0");
            sf.setResourceResolver((type, ns, publicId, systemId, base) -> {
                LSInput in = ls.createLSInput();
                if (ns == null && systemId != null && systemId.endsWith(".dtd")) {
                    // xml.xsd names the XML Schema DTD, which only serves DTD validation: never fetched
                    in.setByteStream(new ByteArrayInputStream(new byte[0]));
                    in.setSystemId(systemId);
                    return in;
                }
                String file = ns == null ? null : FILES.get(ns);
                if (file == null) {
                    throw new IllegalStateException("no local schema for namespace " + ns + " (" + systemId + ")");
                }
                try {
                    in.setByteStream(new ByteArrayInputStream(Files.readAllBytes(DIR.resolve(file))));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                in.setSystemId(DIR.resolve(file).toUri().toString());
                return in;
            });
            List<Source> roots = new ArrayList<>();
            for (String f : ROOTS) {
                roots.add(new StreamSource(DIR.resolve(f).toFile()));
            }
            schema = sf.newSchema(roots.toArray(new Source[0]));
        }
        return schema;
    }

    /** Validates a document and parses it. */
    static Document valid(byte[] xml) {
        try {
            schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
            return VoTables.dom(xml);
        } catch (Exception e) {
            throw new AssertionError("not schema-valid: " + e.getMessage() + "\n"
                    + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    static Document valid(String xml) {
        return valid(xml.getBytes(StandardCharsets.UTF_8));
    }
}
