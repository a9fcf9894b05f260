package meridian.ingest.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import meridian.ingest.CollectionDefinitionException;
import meridian.ingest.CollectionKind;
import meridian.ingest.Grantees;
import meridian.ingest.YamlDefinitions;
import meridian.sql.catalog.CatalogueRights;
import meridian.sql.model.Datatype;

/** Walks the YAML tree of a catalogue definition; every error names the file, the key and the reason. */
final class CatalogueDefinitionReader {

    /** Regular ADQL identifiers: names users can write unquoted. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** Schemas with tables of their own that a catalogue must not join. */
    private static final Set<String> RESERVED_SCHEMAS = Set.of("ivoa", "tap_schema", "tap_upload", "meridian");
    private static final Set<String> TOP = Set.of("kind", "schema", "table", "description", "schema_description",
            "sources", "format", "columns", "exclude_columns", "primary_key", "position", "indexes",
            "foreign_keys", "table_index", "rights");
    private static final Set<String> COLUMN = Set.of("name", "datatype", "arraysize", "xtype", "unit", "ucd",
            "utype", "description", "principal", "indexed");
    private static final Set<String> FORMATS = Set.of("auto", "fits", "votable", "csv", "ecsv");

    private final Path file;

    CatalogueDefinitionReader(Path file) {
        this.file = file;
    }

    CatalogueDefinition read() throws IOException {
        JsonNode root = YamlDefinitions.read(file, "kind, schema, table, sources, ...");
        checkKeys(root, "", TOP);
        if (!CollectionKind.CATALOGUE.equals(text(root, "kind"))) {
            throw fail("kind: must be '" + CollectionKind.CATALOGUE + "' for a catalogue");
        }
        String schema = identifier(root, "schema");
        if (RESERVED_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
            throw fail("schema: '" + schema + "' is reserved for Meridian's own tables; choose another schema");
        }
        String table = identifier(root, "table");
        String format = orDefault(text(root, "format"), "auto");
        if (!FORMATS.contains(format)) {
            throw fail("format: '" + format + "' is not auto, fits, votable, csv or ecsv");
        }
        List<String> sources = strings(root, "sources");
        if (sources.isEmpty()) {
            throw fail("sources: required, a list of file names or globs relative to this file's directory");
        }
        Map<String, CatalogueDefinition.ColumnSpec> columns = columns(root.get("columns"));
        CatalogueDefinition.Position position = null;
        JsonNode pos = root.get("position");
        if (pos != null) {
            if (!pos.isObject()) {
                throw fail("position: expected {ra: COLUMN, dec: COLUMN}");
            }
            checkKeys(pos, "position.", Set.of("ra", "dec"));
            String ra = text(pos, "ra");
            String dec = text(pos, "dec");
            if (ra == null || dec == null) {
                throw fail("position: both ra and dec are required");
            }
            position = new CatalogueDefinition.Position(ra, dec);
        }
        JsonNode ti = root.get("table_index");
        if (ti != null && !ti.canConvertToInt()) {
            throw fail("table_index: expected an integer");
        }
        String description = text(root, "description");
        return new CatalogueDefinition(file, schema, table,
                description == null ? "Catalogue " + schema + "." + table : description,
                text(root, "schema_description"), sources, format, columns, strings(root, "exclude_columns"),
                strings(root, "primary_key"), position, strings(root, "indexes"), keys(root.get("foreign_keys")),
                ti == null ? 0 : ti.asInt(), rights(root.get("rights")));
    }

    private Map<String, CatalogueDefinition.ColumnSpec> columns(JsonNode n) throws CollectionDefinitionException {
        Map<String, CatalogueDefinition.ColumnSpec> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            throw fail("columns: expected a mapping from file column names to their metadata");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "columns." + e.getKey();
            JsonNode c = e.getValue();
            if (c == null || c.isNull()) {
                c = JsonNodeFactory.instance.objectNode();
            }
            if (!c.isObject()) {
                throw fail(path + ": expected a mapping (description, unit, ucd, ...)");
            }
            checkKeys(c, path + ".", COLUMN);
            String name = text(c, "name");
            if (name != null && !IDENTIFIER.matcher(name).matches()) {
                throw fail(path + ".name: '" + name + "' is not an ADQL identifier (a letter, then letters, digits, _)");
            }
            String datatype = text(c, "datatype");
            if (datatype != null) {
                try {
                    datatype = Datatype.fromVoName(datatype).voName();
                } catch (IllegalArgumentException ex) {
                    throw fail(path + ".datatype: " + ex.getMessage());
                }
            }
            String xtype = text(c, "xtype");
            if (xtype != null && !xtype.equals("timestamp")) {
                throw fail(path + ".xtype: only 'timestamp' is supported");
            }
            String arraysize = text(c, "arraysize");
            if (arraysize != null && !arraysize.matches("\\*|[1-9][0-9]*\\*?")) {
                throw fail(path + ".arraysize: '" + arraysize + "' is not N, N* or *");
            }
            out.put(e.getKey(), new CatalogueDefinition.ColumnSpec(name, datatype, arraysize, xtype,
                    text(c, "unit"), text(c, "ucd"), text(c, "utype"), text(c, "description"),
                    bool(c, path, "principal"), bool(c, path, "indexed")));
        }
        return out;
    }

    private List<CatalogueDefinition.KeySpec> keys(JsonNode n) throws CollectionDefinitionException {
        List<CatalogueDefinition.KeySpec> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            throw fail("foreign_keys: expected a list of {target: SCHEMA.TABLE, columns: {from: to}}");
        }
        int i = 0;
        for (JsonNode k : n) {
            String path = "foreign_keys[" + i++ + "]";
            if (!k.isObject()) {
                throw fail(path + ": expected {target: SCHEMA.TABLE, columns: {from: to}, description: ...}");
            }
            checkKeys(k, path + ".", Set.of("target", "columns", "description"));
            String target = text(k, "target");
            if (target == null || !target.contains(".")) {
                throw fail(path + ".target: required, a qualified table name such as ivoa.obscore");
            }
            JsonNode cols = k.get("columns");
            if (cols == null || !cols.isObject() || cols.isEmpty()) {
                throw fail(path + ".columns: required, a mapping from this table's columns to the target's");
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            cols.fields().forEachRemaining(e -> pairs.put(e.getKey(), e.getValue().asText()));
            out.add(new CatalogueDefinition.KeySpec(target, pairs, text(k, "description")));
        }
        return out;
    }

    private String identifier(JsonNode n, String key) throws CollectionDefinitionException {
        String v = text(n, key);
        if (v == null) {
            throw fail(key + ": required");
        }
        if (!IDENTIFIER.matcher(v).matches()) {
            throw fail(key + ": '" + v + "' is not an ADQL identifier (a letter, then letters, digits, _)");
        }
        return v;
    }

    private Boolean bool(JsonNode n, String path, String key) throws CollectionDefinitionException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw fail(path + "." + key + ": expected true or false");
        }
        return v.asBoolean();
    }

    private CatalogueRights rights(JsonNode n) throws CollectionDefinitionException {
        if (n == null || n.isNull()) {
            return new CatalogueRights(List.of(), null);
        }
        if (!n.isObject()) {
            throw fail("rights: expected a mapping (groups, release_date)");
        }
        checkKeys(n, "rights.", Set.of("groups", "release_date"));
        List<String> groups = strings(n, "groups");
        for (String g : groups) {
            if (!Grantees.PATTERN.matcher(g).matches()) {
                throw fail("rights.groups: '" + g + "' is not " + Grantees.DESCRIPTION);
            }
        }
        String date = text(n, "release_date");
        try {
            return new CatalogueRights(groups, date == null ? null : java.time.LocalDate.parse(date));
        } catch (java.time.format.DateTimeParseException e) {
            throw fail("rights.release_date: '" + date + "' is not a date (YYYY-MM-DD)");
        }
    }

    private List<String> strings(JsonNode n, String key) throws CollectionDefinitionException {
        JsonNode v = n.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw fail(key + ": expected a list of names");
        }
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw fail(key + ": expected a list of names");
            }
            out.add(s.asText());
        }
        return out;
    }

    private void checkKeys(JsonNode n, String prefix, Set<String> allowed) throws CollectionDefinitionException {
        YamlDefinitions.checkKeys(file, n, prefix, allowed);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String orDefault(String s, String d) {
        return s == null ? d : s;
    }

    private CollectionDefinitionException fail(String reason) {
        return new CollectionDefinitionException(file, reason);
    }
}
