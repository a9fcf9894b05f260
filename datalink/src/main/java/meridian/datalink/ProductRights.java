package meridian.datalink;

/**
 * What the caller of a DataLink, SODA or bundle request may see and read, as SQL conditions on
 * an {@code ivoa.obscore} row (the server builds them from the caller's identity, see
 * {@code meridian.server.auth.AccessPolicy}). Immutable.
 *
 * @param visible   condition for rows whose metadata the caller may see; other products do not exist
 * @param readable  condition for rows whose files the caller may read
 * @param anonymous true when the caller gave no credentials (refusals are then AuthenticationFault,
 *                  else AuthorizationFault)
 */
public record ProductRights(java.util.function.UnaryOperator<String> visible,
                            java.util.function.UnaryOperator<String> readable, boolean anonymous) {

    /** Everything visible and readable (tools and tests without identities). */
    public static final ProductRights ALL = new ProductRights(row -> "1 = 1", row -> "1 = 1", false);

    /** The refusal for a product the caller may see but not read. */
    public DatalinkFault denial(String id) {
        return anonymous
                ? new DatalinkFault(DatalinkFault.Type.AUTHENTICATION, "the product " + id
                        + " is proprietary: authenticate as a user allowed to read it")
                : new DatalinkFault(DatalinkFault.Type.AUTHORIZATION, "the product " + id
                        + " is proprietary and your groups may not read it yet");
    }
}
