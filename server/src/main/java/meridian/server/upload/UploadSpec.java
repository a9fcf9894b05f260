package meridian.server.upload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import meridian.server.http.Fault;

/**
 * One table named by the TAP {@code UPLOAD} parameter: {@code name,param:part} (a part of the
 * multipart request) or {@code name,http(s)://...} (fetched by the service).
 *
 * @param name   the table name; ADQL calls the table {@code TAP_UPLOAD.name}
 * @param source the URI as given: {@code param:part} or an http(s) URL
 */
public record UploadSpec(String name, String source) {

    /** Longest upload table name. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** True when the table comes from a part of the request. */
    public boolean isInline() {
        return source.startsWith("param:");
    }

    /** The multipart part name of an inline upload. */
    public String partName() {
        return source.substring("param:".length());
    }

    /**
     * Parses every UPLOAD value; each may hold several {@code name,uri} pairs separated by
     * {@code ;}.
     *
     * @throws Fault (usage) for a malformed pair, a name that is not an ADQL identifier, a
     *         duplicate name or a URI that is neither {@code param:} nor http(s)
     */
    public static List<UploadSpec> parseAll(List<String> values) {
        List<UploadSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            for (String pair : value.split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                int comma = pair.indexOf(',');
                if (comma < 0) {
                    throw Fault.usage("UPLOAD=" + pair + " is malformed; write UPLOAD=name,param:part or"
                            + " UPLOAD=name,http://...");
                }
                String name = pair.substring(0, comma).trim();
                String uri = pair.substring(comma + 1).trim();
                if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
                    throw Fault.usage("UPLOAD table name '" + name + "' is not allowed; use a letter followed by"
                            + " letters, digits or _ (at most " + MAX_NAME_LENGTH + " characters)");
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw Fault.usage("UPLOAD names the table " + name + " twice; give each upload its own name");
                }
                String lower = uri.toLowerCase(Locale.ROOT);
                if (lower.startsWith("param:")) {
                    if (uri.length() == "param:".length()) {
                        throw Fault.usage("UPLOAD " + name + ": param: needs the name of a multipart part");
                    }
                    uri = "param:" + uri.substring("param:".length());
                } else if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                    throw Fault.usage("UPLOAD " + name + ": " + uri + " is not supported; give param:part (a part of"
                            + " this multipart request) or an http(s) URL");
                }
                out.add(new UploadSpec(name, uri));
            }
        }
        return List.copyOf(out);
    }
}
