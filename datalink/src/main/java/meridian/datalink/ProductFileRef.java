package meridian.datalink;

/**
 * One row of {@code <archive>.product_files}, as the links document and bundles need it.
 *
 * @param archiveId        the file's id ({@code <collection>/<path>}, with {@code #<part>} when the
 *                         file holds several products)
 * @param category         SCIENCE.SPECTRUM, ANCILLARY.PREVIEW...
 * @param originalFilename the file's name
 * @param accessUrl        where /files serves it
 * @param contentType      MIME type
 */
public record ProductFileRef(String archiveId, String category, String originalFilename, String accessUrl,
                             String contentType) {

    /** True for the product's science file. */
    public boolean isScience() {
        return Semantics.ofCategory(category) == Semantics.THIS;
    }

    /** True when the file holds several products and this row names one part of it. */
    public boolean isShared() {
        return archiveId != null && archiveId.indexOf('#') >= 0;
    }

    /**
     * Where the product is in a file holding several ({@code archive_id} after {@code #}: the
     * HDU's EXTNAME or number, {@code [row]} for a table row, else the obs_id), or null.
     */
    public String part() {
        return isShared() ? archiveId.substring(archiveId.indexOf('#') + 1) : null;
    }
}
