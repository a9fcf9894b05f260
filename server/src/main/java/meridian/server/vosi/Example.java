package meridian.server.vosi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meridian.server.config.ConfigException;

/**
 * One DALI example query, from {@code conf/examples.yaml}.
 *
 * @param id          fragment identifier (letters, digits, dashes)
 * @param name        title
 * @param description what it shows
 * @param query       the ADQL, with {@code ${archive}} replaced by the archive schema
 */
public record Example(String id, String name, String description, String query) {

    /**
     * Reads the examples, substituting the archive schema name.
     *
     * @param file the examples file, or null for none
     * @throws ConfigException when the file is missing or not a list of examples
     */
    public static List<Example> load(Path file, String archiveSchema) {
        if (file == null) {
            return List.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": the examples file (archive.examples) does not exist");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            List<Example> raw = yaml.readValue(file.toFile(), new TypeReference<List<Example>>() { });
            return raw.stream().map(e -> {
                if (e.id() == null || !e.id().matches("[A-Za-z][A-Za-z0-9-]*") || e.query() == null) {
                    throw new ConfigException(file + ": every example needs an id (letters, digits, dashes)"
                            + " and a query; bad entry: " + e.id());
                }
                return new Example(e.id(), e.name(), e.description(),
                        e.query().replace("${archive}", archiveSchema).strip());
            }).toList();
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }
}
