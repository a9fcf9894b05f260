package meridian.bench;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One HTTP exchange as the harness saw it: status, body size, time to the last byte, and what
 * it kept of the body.
 *
 * @param status   HTTP status
 * @param bytes    body bytes read
 * @param seconds  from sending the request to reading the last body byte
 * @param body     the body when it was captured (small responses), else null
 * @param tail     the last few kilobytes of the body (where a trailing QUERY_STATUS=ERROR goes)
 * @param lines    newline bytes in the body
 * @param trRows   {@code <TR>} elements in the body (VOTable TABLEDATA rows)
 * @param location the {@code Location} header, or null
 */
public record HttpResult(int status, long bytes, double seconds, byte[] body, String tail, long lines, long trRows,
                         String location) {

    /** The captured body as text. */
    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The error a DALI service reported, when the status or a QUERY_STATUS says so. */
    public Optional<String> error() {
        String t = body != null ? text() : tail;
        if (t.contains("name=\"QUERY_STATUS\" value=\"ERROR\"")) {
            int i = t.indexOf("value=\"ERROR\"");
            String msg = t.substring(i, Math.min(t.length(), i + 300)).replaceAll("\\s+", " ");
            return Optional.of("HTTP " + status + ", QUERY_STATUS=ERROR: " + msg);
        }
        if (status >= 400) {
            String msg = t.substring(0, Math.min(t.length(), 300)).replaceAll("\\s+", " ");
            return Optional.of("HTTP " + status + ": " + msg);
        }
        return Optional.empty();
    }
}
