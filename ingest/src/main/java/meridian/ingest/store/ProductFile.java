package meridian.ingest.store;

/**
 * One row of {@code <archive>.product_files}.
 *
 * @param productId        obs_publisher_did of the product
 * @param archiveId        the file's id: {@code <collection>/<relative path>}; when the file is shared
 *                         by several products of a multi-product file, followed by {@code #} and,
 *                         for the science file, where the product is in it ({@code #FIBRE2},
 *                         {@code #3} for HDU 3, {@code #SPECTRUM[2]} for row 2 of a table), for
 *                         ancillary files the product's obs_id
 * @param category         {@code SCIENCE.SPECTRUM}, {@code ANCILLARY.PREVIEW}, ...
 * @param extension        file name extension ({@code fits}, {@code png}, {@code tar.gz})
 * @param originalFilename file name as delivered
 * @param accessUrl        download URL
 * @param estsizeKb        size in kB, rounded up
 * @param contentType      MIME type
 * @param checksum         SHA-256 of the content, hex
 */
public record ProductFile(String productId, String archiveId, String category, String extension,
                          String originalFilename, String accessUrl, long estsizeKb, String contentType,
                          String checksum) {

    /** The archive_id without the {@code #<obs_id>} of shared files: one per file on disk. */
    public String fileId() {
        int hash = archiveId.indexOf('#');
        return hash < 0 ? archiveId : archiveId.substring(0, hash);
    }
}
