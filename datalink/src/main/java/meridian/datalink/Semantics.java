package meridian.datalink;

/** The DataLink core vocabulary terms Meridian uses (http://www.ivoa.net/rdf/datalink/core). */
public enum Semantics {
    THIS("#this"),
    PREVIEW("#preview"),
    AUXILIARY("#auxiliary"),
    PROGENITOR("#progenitor"),
    CUTOUT("#cutout"),
    PROC("#proc");

    private final String term;

    Semantics(String term) {
        this.term = term;
    }

    /** The term as it appears in the semantics column, e.g. {@code #this}. */
    public String term() {
        return term;
    }

    /**
     * The semantics of a product file from its product_files category: SCIENCE.* is the data
     * itself, ANCILLARY.PREVIEW a preview, ANCILLARY.EPOCH* / *PROGENITOR* the inputs of a
     * combined product, every other file auxiliary.
     */
    public static Semantics ofCategory(String category) {
        String c = category == null ? "" : category.toUpperCase(java.util.Locale.ROOT);
        if (c.startsWith("SCIENCE")) {
            return THIS;
        }
        if (c.contains("PREVIEW")) {
            return PREVIEW;
        }
        if (c.contains("EPOCH") || c.contains("PROGENITOR")) {
            return PROGENITOR;
        }
        return AUXILIARY;
    }
}
