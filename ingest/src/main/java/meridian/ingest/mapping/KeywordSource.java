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

    /**
     * The unit the keyword's comment gives by the FITS convention (Standard 4.0, section 4.3.2:
     * the unit in square brackets at the start of the comment, {@code APERTURE = 2.0 / [arcsec]
     * fibre diameter}), or null when the comment has none (or the value is not a header card).
     */
    default String commentUnit(String keyword) {
        return null;
    }

    /** The bracketed unit at the start of a card comment, or null. */
    static String unitOfComment(String comment) {
        if (comment == null) {
            return null;
        }
        String c = comment.strip();
        int end = c.indexOf(']');
        if (!c.startsWith("[") || end < 2) {
            return null;
        }
        String unit = c.substring(1, end).strip();
        return unit.isEmpty() ? null : unit;
    }
}
