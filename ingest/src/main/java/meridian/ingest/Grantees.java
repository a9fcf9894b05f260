package meridian.ingest;

import java.util.regex.Pattern;

/**
 * Who a {@code rights.groups} list (collections, rules, catalogues) may name: a user group
 * ({@code gto-2026}) or one user ({@code user:alice}, a personal group every authenticated user
 * belongs to and no other can join, since group names have no colon). Stateless.
 */
public final class Grantees {

    /** A group name or {@code user:} and a user name. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}|user:[A-Za-z0-9_.@-]{1,64}");

    /** What {@link #PATTERN} accepts, for error messages. */
    public static final String DESCRIPTION = "a group name (letters, digits, _ . -) or user:NAME";

    private Grantees() {
    }

    /** The personal group of {@code user}. */
    public static String personal(String user) {
        return "user:" + user;
    }
}
