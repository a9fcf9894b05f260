package meridian.ssa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import meridian.ingest.CollectionDefinition;

/**
 * TARGETNAME without a name resolver: a name is looked up among the names the archive knows —
 * the {@code target_name}s of its spectra and the target aliases of the collection definitions —
 * ignoring case and white space ({@link CollectionDefinition#normaliseTarget}). An alias stands
 * for its canonical name and every other alias of it. A name that matches nothing, or aliases of
 * more than one canonical target, resolves to nothing: the query then finds no spectra (SSA
 * asks for an empty result here, not an error). Immutable and thread-safe; build a new one when
 * the archive changes.
 */
public final class TargetResolver {

    /** Normalised name (canonical or alias) → the normalised canonical names it stands for. */
    private final Map<String, Set<String>> canonicalOf = new HashMap<>();
    /** Normalised canonical name → the normalised names of that target (itself and its aliases). */
    private final Map<String, Set<String>> membersOf = new HashMap<>();
    /** Normalised name → the exact target_name values stored in the archive. */
    private final Map<String, Set<String>> stored = new HashMap<>();

    /**
     * @param archiveNames the distinct target_name values of the archive's spectra
     * @param definitions  the collection definitions with their target aliases
     */
    public TargetResolver(Collection<String> archiveNames, Collection<CollectionDefinition> definitions) {
        for (String n : archiveNames) {
            if (n != null && !n.isBlank()) {
                stored.computeIfAbsent(CollectionDefinition.normaliseTarget(n), k -> new TreeSet<>()).add(n);
            }
        }
        for (CollectionDefinition d : definitions) {
            for (Map.Entry<String, List<String>> e : d.targetAliases().entrySet()) {
                String canonical = CollectionDefinition.normaliseTarget(e.getKey());
                Set<String> members = membersOf.computeIfAbsent(canonical, k -> new HashSet<>());
                members.add(canonical);
                e.getValue().forEach(a -> members.add(CollectionDefinition.normaliseTarget(a)));
            }
        }
        membersOf.forEach((canonical, members) -> members.forEach(
                m -> canonicalOf.computeIfAbsent(m, k -> new HashSet<>()).add(canonical)));
    }

    /**
     * The exact {@code target_name} values a TARGETNAME stands for; empty when the name is unknown
     * or ambiguous (an alias of two different targets).
     */
    public Set<String> resolve(String targetName) {
        String key = CollectionDefinition.normaliseTarget(targetName);
        Set<String> canonical = canonicalOf.getOrDefault(key, Set.of());
        if (canonical.size() > 1) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        names.add(key);
        canonical.forEach(c -> names.addAll(membersOf.get(c)));
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.addAll(stored.getOrDefault(n, Set.of()));
        }
        return out;
    }
}
