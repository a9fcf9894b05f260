package meridian.datalink;

/**
 * One row of a DataLink 1.1 links table. Exactly one of {@code accessUrl}, {@code serviceDef}
 * and {@code errorMessage} is set.
 *
 * @param id               the ID the row answers
 * @param accessUrl        the link
 * @param serviceDef       the ID of a service descriptor RESOURCE in the same document
 * @param errorMessage     {@code NotFoundFault: ...} and the like
 * @param semantics        a DataLink vocabulary term, {@code #this}...
 * @param description      for humans
 * @param contentType      MIME type of what the link returns
 * @param contentLength    bytes, null when unknown
 * @param localSemantics   the product_files category, when the row is a file
 * @param access           {@code link_auth} and {@code link_authorized}; null on error rows (unknown)
 */
public record LinkRow(String id, String accessUrl, String serviceDef, String errorMessage, String semantics,
                      String description, String contentType, Long contentLength, String localSemantics,
                      Access access) {

    /**
     * DataLink 1.1's {@code link_auth} (sect. 3.2.12) and {@code link_authorized} (3.2.13) of a link.
     *
     * @param auth       {@code false} (anonymous access only), {@code optional} (anonymous and
     *                   authenticated access) or {@code true} (authentication required)
     * @param authorized whether the caller, as it authenticated, may use the link
     */
    public record Access(String auth, boolean authorized) {

        /**
         * The access of a product's links. Every Meridian endpoint takes credentials, so a link
         * anyone may use is {@code optional}; one that only some users may use is {@code true}.
         *
         * @param everyone whether anonymous callers may read the product's files
         * @param caller   whether this caller may
         */
        public static Access of(boolean everyone, boolean caller) {
            return new Access(everyone ? "optional" : "true", caller);
        }
    }

    /** A link to a file or a pre-set service call. */
    public static LinkRow link(String id, String url, Semantics s, String description, String contentType,
                               Long length, String localSemantics, Access access) {
        return new LinkRow(id, url, null, null, s.term(), description, contentType, length, localSemantics, access);
    }

    /** A row pointing at a service descriptor. */
    public static LinkRow service(String id, String serviceDef, Semantics s, String description, String contentType,
                                  Access access) {
        return new LinkRow(id, null, serviceDef, null, s.term(), description, contentType, null, null, access);
    }

    /** An error row for an ID; DataLink wants semantics filled here too. */
    public static LinkRow error(String id, DatalinkFault fault) {
        return new LinkRow(id, null, null, fault.document(), Semantics.THIS.term(), null, null, null, null, null);
    }
}
