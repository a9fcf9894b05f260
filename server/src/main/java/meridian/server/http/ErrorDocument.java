package meridian.server.http;

import java.io.IOException;
import java.io.Writer;

/**
 * The DALI error document: a VOTable whose results RESOURCE holds
 * {@code <INFO name="QUERY_STATUS" value="ERROR">message</INFO>}. The only place that
 * writes one; also escapes text for every other XML document Meridian writes.
 */
public final class ErrorDocument {

    /** The content type of VOTable documents. */
    public static final String CONTENT_TYPE = "application/x-votable+xml";

    private ErrorDocument() {
    }

    /** Writes the whole error document for {@code message}. */
    public static void write(Writer out, String message) throws IOException {
        write(out, message, java.util.Map.of());
    }

    /** Writes the error document with more INFO elements (name → value) after the status. */
    public static void write(Writer out, String message, java.util.Map<String, String> infos) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.ivoa.net/xml/VOTable/v1.3"
                + " http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE type=\"results\">\n");
        out.write(statusInfo("ERROR", message));
        for (var info : infos.entrySet()) {
            out.write("<INFO name=\"" + escape(info.getKey()) + "\" value=\"" + escape(info.getValue()) + "\"/>\n");
        }
        out.write("</RESOURCE>\n</VOTABLE>\n");
        out.flush();
    }

    /** An {@code INFO name="QUERY_STATUS"} element with a value and optional text. */
    public static String statusInfo(String value, String message) {
        return "<INFO name=\"QUERY_STATUS\" value=\"" + escape(value) + "\">"
                + (message == null ? "" : escape(message)) + "</INFO>\n";
    }

    /** Escapes text for XML element content and attribute values; drops characters XML 1.0 forbids. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\r' || ch == '\t') {
                        if (!Character.isSurrogate(ch) || validSurrogate(s, i)) {
                            sb.append(ch);
                        }
                    } else {
                        sb.append('?');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char ch = s.charAt(i);
        if (Character.isHighSurrogate(ch)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
