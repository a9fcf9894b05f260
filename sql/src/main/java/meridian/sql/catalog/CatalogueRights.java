package meridian.sql.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who may read a catalogue's rows: until {@code releaseDate} only users of {@code groups}; groups
 * without a date are never released; no groups and no date is public. Stored with the published
 * catalogue (so a catalogue keeps its rights whatever YAML it was loaded from). Immutable.
 *
 * @param groups      user groups that may read the rows before the release
 * @param releaseDate the day everyone may read them, or null
 */
public record CatalogueRights(List<String> groups, LocalDate releaseDate) {

    /** Readable by everyone. */
    public static final CatalogueRights PUBLIC = new CatalogueRights(List.of(), null);

    public CatalogueRights {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** True when {@code userGroups} may read the rows on {@code today}. */
    public boolean readable(Set<String> userGroups, LocalDate today) {
        boolean released = releaseDate == null ? groups.isEmpty() : !today.isBefore(releaseDate);
        return released || groups.stream().anyMatch(userGroups::contains);
    }

    /** The stored form, {@code groups=a,b;release=YYYY-MM-DD}; null when public. */
    String encode() {
        if (equals(PUBLIC)) {
            return null;
        }
        return "groups=" + String.join(",", groups) + ";release=" + (releaseDate == null ? "" : releaseDate);
    }

    /**
     * Reads {@link #encode}'s form. Anything unreadable is treated as never released for
     * nobody's groups: a damaged record must not open a protected catalogue.
     */
    static CatalogueRights decode(String text) {
        if (text == null || text.isBlank()) {
            return PUBLIC;
        }
        List<String> groups = List.of();
        LocalDate release = null;
        try {
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                if (key.equals("groups")) {
                    groups = value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
                } else if (key.equals("release") && !value.isEmpty()) {
                    release = LocalDate.parse(value);
                }
            }
        } catch (DateTimeParseException e) {
            return new CatalogueRights(List.of(), null).closed();
        }
        CatalogueRights r = new CatalogueRights(groups, release);
        return r.equals(PUBLIC) ? r.closed() : r;
    }

    /** Never released, for no group. */
    private CatalogueRights closed() {
        return new CatalogueRights(List.of(""), null);
    }
}
