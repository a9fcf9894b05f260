package meridian.server.vosi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The XML namespace prefixes Meridian's VOResource fragments use. Capability and resource
 * fragments are written as text with these prefixes ({@code xsi:type="tr:TableAccess"}), so every
 * document that embeds them (VOSI capabilities, OAI-PMH records) declares all of them on its root
 * element. A module adding a registry extension (SSA's {@code ssa:}) uses the prefix listed here.
 */
public final class Namespaces {

    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String VR = "http://www.ivoa.net/xml/VOResource/v1.0";
    /** VODataService 1.2 keeps the 1.1 namespace. */
    public static final String VS = "http://www.ivoa.net/xml/VODataService/v1.1";
    public static final String TR = "http://www.ivoa.net/xml/TAPRegExt/v1.0";
    public static final String VG = "http://www.ivoa.net/xml/VORegistry/v1.0";
    public static final String SSA = "http://www.ivoa.net/xml/SSA/v1.1";
    /** Simple Cone Search registry extension. */
    public static final String CS = "http://www.ivoa.net/xml/ConeSearch/v1.0";
    public static final String RI = "http://www.ivoa.net/xml/RegistryInterface/v1.0";
    public static final String VOSI_CAPABILITIES = "http://www.ivoa.net/xml/VOSICapabilities/v1.0";

    /** Prefix to namespace of everything a capability or resource fragment may use. */
    public static final Map<String, String> FRAGMENT_PREFIXES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("xsi", XSI);
        m.put("vr", VR);
        m.put("vs", VS);
        m.put("tr", TR);
        m.put("vg", VG);
        m.put("ssa", SSA);
        m.put("cs", CS);
        FRAGMENT_PREFIXES = java.util.Collections.unmodifiableMap(m);
    }

    private Namespaces() {
    }

    /** {@code xmlns:...} declarations of {@link #FRAGMENT_PREFIXES}, each preceded by a space. */
    public static String declarations() {
        StringBuilder sb = new StringBuilder();
        FRAGMENT_PREFIXES.forEach((prefix, ns) -> sb.append(" xmlns:").append(prefix).append("=\"").append(ns)
                .append('"'));
        return sb.toString();
    }
}
