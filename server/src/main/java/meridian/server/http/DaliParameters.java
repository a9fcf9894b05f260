package meridian.server.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters under the DALI rules: names are case-insensitive, values case-sensitive,
 * a parameter may repeat, and GET, POST form and POST multipart give the same parameters.
 * Immutable; the HTTP side builds it with {@link RequestParameters}.
 */
public final class DaliParameters {

    private final Map<String, List<String>> values;

    private DaliParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Builds parameters from raw name → values pairs, folding names to upper case. */
    public static DaliParameters of(Map<String, ? extends List<String>> raw) {
        Map<String, List<String>> folded = new LinkedHashMap<>();
        raw.forEach((name, vals) -> folded.computeIfAbsent(name.toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(vals));
        folded.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new DaliParameters(Collections.unmodifiableMap(folded));
    }

    /** Every value of a parameter, in request order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name.toUpperCase(Locale.ROOT), List.of());
    }

    /**
     * The single value of a parameter, or empty when absent.
     *
     * @throws Fault (usage) when the parameter is given more than once with different values
     */
    public Optional<String> single(String name) {
        List<String> v = all(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.stream().distinct().count() > 1) {
            throw Fault.usage("parameter " + name.toUpperCase(Locale.ROOT) + " was given " + v.size()
                    + " times with different values; give it once");
        }
        return Optional.of(v.get(0));
    }

    /** The value of a parameter that must be present and not blank. */
    public String required(String name) {
        return single(name).filter(s -> !s.isBlank()).orElseThrow(() -> Fault.usage(
                "missing parameter " + name.toUpperCase(Locale.ROOT)));
    }

    /** True when the parameter is present at all. */
    public boolean has(String name) {
        return !all(name).isEmpty();
    }

    /** The parameter names present, upper case. */
    public java.util.Set<String> names() {
        return values.keySet();
    }
}
