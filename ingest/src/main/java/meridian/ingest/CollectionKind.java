package meridian.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kinds of collection a {@code conf/collections/*.yaml} file can declare, told apart by its
 * top-level {@code kind} key: {@value #PRODUCTS} (FITS products into ObsCore, the default) or
 * {@value #CATALOGUE} (a table file published as a TAP table, {@link meridian.ingest.catalogue}).
 */
public final class CollectionKind {

    /** FITS products ingested into ivoa.obscore and product_files ({@link CollectionDefinition}). */
    public static final String PRODUCTS = "products";
    /** A catalogue published as its own table ({@link meridian.ingest.catalogue.CatalogueDefinition}). */
    public static final String CATALOGUE = "catalogue";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CollectionKind() {
    }

    /**
     * The kind a definition file declares ({@value #PRODUCTS} when it has no {@code kind} key).
     *
     * @throws CollectionDefinitionException when the file is not YAML or the kind is unknown
     */
    public static String of(Path yaml) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(yaml)) {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new CollectionDefinitionException(yaml, "not valid YAML: " + e.getOriginalMessage());
        }
        JsonNode kind = root == null ? null : root.get("kind");
        if (kind == null || kind.isNull()) {
            return PRODUCTS;
        }
        String k = kind.asText();
        if (!k.equals(PRODUCTS) && !k.equals(CATALOGUE)) {
            throw new CollectionDefinitionException(yaml, "kind: '" + k + "' is not " + PRODUCTS + " or " + CATALOGUE);
        }
        return k;
    }
}
