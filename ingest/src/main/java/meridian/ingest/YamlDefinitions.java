package meridian.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the readers of collection definitions ({@code DefinitionReader}, the catalogue reader)
 * share: reading a YAML file into a tree, and refusing unknown keys, with errors that name the
 * file, the key path and, for YAML syntax, the line and column. Stateless.
 */
public final class YamlDefinitions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlDefinitions() {
    }

    /**
     * The top-level mapping of {@code file}.
     *
     * @param expected what the top level should hold, for the error message (e.g. "name, title, loader, ...")
     */
    public static JsonNode read(Path file, String expected) throws IOException {
        return read(file, Files.readString(file), expected);
    }

    /**
     * The top-level mapping of {@code text}, a definition that was read from {@code file}
     * (named in the messages).
     */
    public static JsonNode read(Path file, String text, String expected) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
            throw new CollectionDefinitionException(file, "not valid YAML: " + e.getOriginalMessage() + where);
        }
        if (root == null || !root.isObject()) {
            throw new CollectionDefinitionException(file, "expected a mapping of keys (" + expected
                    + ") at the top level");
        }
        return root;
    }

    /** Refuses a key of {@code n} outside {@code allowed}, naming it as {@code prefix + key}. */
    public static void checkKeys(Path file, JsonNode n, String prefix, Set<String> allowed)
            throws CollectionDefinitionException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new CollectionDefinitionException(file, prefix + k + ": unknown key (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }
}
