package meridian.ingest.store;

import java.util.Map;
import java.util.Set;

/**
 * What the database holds for one science file of a collection, to decide whether the file
 * changed: its products and the checksum and category of every file of them.
 *
 * @param products  obs_publisher_did of each product of the file
 * @param checksums file id ({@link ProductFile#fileId()}) to SHA-256, over all files of the products
 * @param categories file id to category
 */
public record StoredFile(Set<String> products, Map<String, String> checksums, Map<String, String> categories) {
}
