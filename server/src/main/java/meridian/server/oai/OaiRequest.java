package meridian.server.oai;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of an OAI-PMH request, checked as OAI-PMH 2.0 section 3.1 requires: exactly one
 * known verb, no repeated, unknown or missing arguments, {@code resumptionToken} exclusive, dates
 * in a supported granularity. Argument names are case-sensitive (unlike DALI's).
 *
 * @param verb      the verb
 * @param arguments the arguments besides {@code verb}, in request order
 * @param from      lower datestamp bound (inclusive), or null
 * @param until     upper datestamp bound (inclusive; a day means its end), or null
 */
public record OaiRequest(OaiVerb verb, Map<String, String> arguments, Instant from, Instant until) {

    /**
     * Checks request parameters.
     *
     * @param parameters name to values, as the HTTP request carries them (query string and form body)
     * @throws OaiException badVerb or badArgument
     */
    public static OaiRequest parse(Map<String, List<String>> parameters) throws OaiException {
        List<String> verbs = parameters.getOrDefault("verb", List.of());
        if (verbs.isEmpty()) {
            throw new OaiException(OaiErrorCode.badVerb, "the request has no verb argument");
        }
        if (verbs.size() > 1) {
            throw new OaiException(OaiErrorCode.badVerb, "the verb argument is repeated");
        }
        OaiVerb verb;
        try {
            verb = OaiVerb.valueOf(verbs.get(0));
        } catch (IllegalArgumentException e) {
            throw new OaiException(OaiErrorCode.badVerb, "unknown verb '" + verbs.get(0) + "'; the verbs are"
                    + " Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords and GetRecord");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            String name = e.getKey();
            if (name.equals("verb")) {
                continue;
            }
            if (!verb.allowed().contains(name)) {
                throw new OaiException(OaiErrorCode.badArgument, verb + " does not take the argument '" + name
                        + "'" + (verb.allowed().isEmpty() ? "" : "; it takes " + String.join(", ", verb.allowed())));
            }
            if (e.getValue().size() != 1) {
                throw new OaiException(OaiErrorCode.badArgument, "the argument " + name + " is repeated");
            }
            args.put(name, e.getValue().get(0));
        }
        if (args.containsKey("resumptionToken")) {
            if (args.size() > 1) {
                throw new OaiException(OaiErrorCode.badArgument, "resumptionToken is an exclusive argument: "
                        + "a request with it has no other argument than verb");
            }
            return new OaiRequest(verb, args, null, null);
        }
        for (String required : verb.required()) {
            if (!args.containsKey(required) || args.get(required).isEmpty()) {
                throw new OaiException(OaiErrorCode.badArgument, verb + " requires the argument " + required);
            }
        }
        Instant from = null;
        Instant until = null;
        if (args.containsKey("from")) {
            from = datestamp("from", args.get("from"), false);
        }
        if (args.containsKey("until")) {
            until = datestamp("until", args.get("until"), true);
        }
        if (from != null && until != null) {
            if (args.get("from").length() != args.get("until").length()) {
                throw new OaiException(OaiErrorCode.badArgument, "from and until have different granularities");
            }
            if (from.isAfter(until)) {
                throw new OaiException(OaiErrorCode.badArgument, "from is later than until");
            }
        }
        return new OaiRequest(verb, Map.copyOf(args), from, until);
    }

    /** An argument's value. */
    public Optional<String> argument(String name) {
        return Optional.ofNullable(arguments.get(name));
    }

    /**
     * A datestamp argument in either granularity this repository supports. A day as {@code until}
     * means the day's last second.
     */
    private static Instant datestamp(String name, String value, boolean endOfDay) throws OaiException {
        try {
            if (value.matches("\\d{4}-\\d\\d-\\d\\d")) {
                Instant day = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                return endOfDay ? day.plus(1, ChronoUnit.DAYS).minusSeconds(1) : day;
            }
            if (value.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")) {
                return Instant.parse(value);
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        throw new OaiException(OaiErrorCode.badArgument, name + "='" + value + "' is not a date in YYYY-MM-DD"
                + " or YYYY-MM-DDThh:mm:ssZ");
    }
}
