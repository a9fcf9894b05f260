package meridian.server.auth;

import java.util.Set;

/**
 * Who a request comes from: a user and the groups it belongs to, or nobody. Immutable.
 *
 * @param user   user name, or null for anonymous requests
 * @param groups the user's groups (empty when anonymous)
 */
public record Identity(String user, Set<String> groups) {

    /** A request without credentials: sees public and released data only. */
    public static final Identity ANONYMOUS = new Identity(null, Set.of());

    public Identity {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public boolean isAnonymous() {
        return user == null;
    }
}
