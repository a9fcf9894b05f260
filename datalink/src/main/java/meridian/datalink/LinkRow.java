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
 */
public record LinkRow(String id, String accessUrl, String serviceDef, String errorMessage, String semantics,
                      String description, String contentType, Long contentLength, String localSemantics) {

    /** A link to a file or a pre-set service call. */
    public static LinkRow link(String id, String url, Semantics s, String description, String contentType,
                               Long length, String localSemantics) {
        return new LinkRow(id, url, null, null, s.term(), description, contentType, length, localSemantics);
    }

    /** A row pointing at a service descriptor. */
    public static LinkRow service(String id, String serviceDef, Semantics s, String description, String contentType) {
        return new LinkRow(id, null, serviceDef, null, s.term(), description, contentType, null, null);
    }

    /** An error row for an ID; DataLink wants semantics filled here too. */
    public static LinkRow error(String id, DatalinkFault fault) {
        return new LinkRow(id, null, null, fault.document(), Semantics.THIS.term(), null, null, null, null);
    }
}
