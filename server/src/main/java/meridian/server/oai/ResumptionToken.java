package meridian.server.oai;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where an incomplete list continues. The token is stateless: it carries the original request's
 * selection and the identifier of the last record sent, so the next page starts after that
 * identifier (records are listed by identifier). A record added or removed during a harvest thus
 * never makes another one be skipped or sent twice. Tokens do not expire.
 *
 * @param format the metadata format
 * @param from   lower datestamp bound, or null
 * @param until  upper datestamp bound, or null
 * @param set    the set, or null
 * @param after  identifier of the last record already sent
 * @param cursor number of records already sent
 */
public record ResumptionToken(MetadataFormat format, Instant from, Instant until, String set, String after,
                              int cursor) {

    private static final String VERSION = "1";

    /** The opaque text of the token (URL-safe). */
    public String encode() {
        String plain = String.join("\n", VERSION, format.name(), from == null ? "" : from.toString(),
                until == null ? "" : until.toString(), set == null ? "" : set, Integer.toString(cursor), after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token this repository issued.
     *
     * @throws OaiException badResumptionToken for anything else
     */
    public static ResumptionToken decode(String token) throws OaiException {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] f = plain.split("\n", -1);
            if (f.length != 7 || !f[0].equals(VERSION) || f[6].isEmpty()) {
                throw new IllegalArgumentException("malformed");
            }
            MetadataFormat format = MetadataFormat.forPrefix(f[1])
                    .orElseThrow(() -> new IllegalArgumentException("format"));
            int cursor = Integer.parseInt(f[5]);
            if (cursor < 0) {
                throw new IllegalArgumentException("cursor");
            }
            return new ResumptionToken(format, f[2].isEmpty() ? null : Instant.parse(f[2]),
                    f[3].isEmpty() ? null : Instant.parse(f[3]), f[4].isEmpty() ? null : f[4], f[6], cursor);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new OaiException(OaiErrorCode.badResumptionToken, "the resumptionToken is not one this"
                    + " repository issued; start the list again without it");
        }
    }
}
