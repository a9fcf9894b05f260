package meridian.datalink;

/** XML text escaping for the documents this module writes. */
final class Xml {

    private Xml() {
    }

    /** Escapes element content and attribute values; characters XML 1.0 forbids become '?'. */
    static String escape(String s) {
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
                default -> sb.append(ch >= 0x20 || ch == '\n' || ch == '\r' || ch == '\t' ? ch : '?');
            }
        }
        return sb.toString();
    }

    /** {@code <PARAM .../>} of type char with a value. */
    static String charParam(String name, String value, String ucd) {
        return "<PARAM name=\"" + escape(name) + "\" datatype=\"char\" arraysize=\"*\""
                + (ucd == null ? "" : " ucd=\"" + escape(ucd) + "\"") + " value=\"" + escape(value) + "\"/>\n";
    }
}
