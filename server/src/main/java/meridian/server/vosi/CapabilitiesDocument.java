package meridian.server.vosi;

import java.util.List;

/** The VOSI 1.0 {@code vosi:capabilities} document around a service's capability fragments. */
public final class CapabilitiesDocument {

    private CapabilitiesDocument() {
    }

    /** The whole document for the capabilities {@code source} gives at {@code serviceUrl}. */
    public static String of(ServiceCapabilities source, String serviceUrl) {
        return of(source.capabilities(serviceUrl));
    }

    /** The whole document around these capability fragments. */
    public static String of(List<String> capabilities) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<vosi:capabilities xmlns:vosi=\"").append(Namespaces.VOSI_CAPABILITIES).append('"')
                .append(Namespaces.declarations()).append(">\n");
        capabilities.forEach(sb::append);
        sb.append("</vosi:capabilities>\n");
        return sb.toString();
    }
}
