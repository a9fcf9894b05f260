package meridian.ingest.mapping;

/**
 * Header keywords as a mapping rule reads them. For an extension, implementations look in the
 * extension header first and then in the primary header (the FITS INHERIT convention), so a
 * rule need not know where a keyword lives.
 */
public interface KeywordSource {

    /** True when the keyword is present with a value. */
    boolean has(String keyword);

    /** The value as text (strings trimmed), or null when absent. */
    String string(String keyword);

    /** The value as a number, or null when absent or not numeric. */
    Double number(String keyword);

    /**
     * The value with its own type: a {@link Double} for numeric cards, a {@link String} for text
     * cards (even when the text looks like a number, as an OBJECT of '1E5' does), or null.
     */
    default Object value(String keyword) {
        Double d = number(keyword);
        return d != null ? d : string(keyword);
    }
}
