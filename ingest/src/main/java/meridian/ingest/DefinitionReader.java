package meridian.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import meridian.ingest.mapping.Expression;
import meridian.ingest.mapping.FieldRule;
import meridian.ingest.mapping.Units;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;

/**
 * Walks the YAML tree of a collection definition key by key, so that every error names the
 * file, the key path and what is wrong ({@code mapping.em_min: unknown key 'unti'}).
 */
final class DefinitionReader {

    /** User group names: also what access rules compare as SQL string constants. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    /** Header keywords as mapping rules name them (HIERARCH ones with dots or spaces). */
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9_-]+([. ][A-Za-z0-9_-]+)*");
    private static final Set<String> DATA_RIGHTS = Set.of("public", "secure", "proprietary");
    /** The text value {@code rights.groups_header} yields (a mapping rule without a column). */
    private static final Column GROUPS_VALUE = Column.of("groups", meridian.sql.model.Datatype.CHAR).arraysize("*")
            .build();
    private static final Pattern PREVIEW_DIR =
            Pattern.compile("(?!\\.\\.?(/|$))[A-Za-z0-9_.-]+(/(?!\\.\\.?(/|$))[A-Za-z0-9_.-]+)*");
    private static final Pattern CATEGORY = Pattern.compile("(SCIENCE|ANCILLARY|AUXILIARY)\\.[A-Z0-9_.]+");
    private static final Set<String> TOP_KEYS = Set.of("kind", "name", "title", "description", "facility", "instruments",
            "coordinate_frame", "fov", "obs_id_pattern", "calib_level", "dataproduct_subtype", "rights", "root",
            "sources", "loader", "loader_options", "mapping", "required_keywords", "target_aliases", "ancillary",
            "previews", "access");
    private static final Set<String> RULE_KEYS = Set.of("keyword", "keywords", "constant", "expression", "template",
            "unit", "values", "convert", "default", "required");
    /** Columns the ingestor computes itself; a rule for them would break identifiers or links. */
    private static final Set<String> COMPUTED = Set.of("obs_collection", "obs_publisher_did", "access_url",
            "access_estsize", "preview");

    private final Path file;
    private final String text;

    /** A reader of {@code text}, the definition as read from {@code file}. */
    DefinitionReader(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    CollectionDefinition read() throws IOException {
        JsonNode root = YamlDefinitions.read(file, text, "name, title, loader, ...");
        checkKeys(root, "", TOP_KEYS);
        String kind = text(root, "kind", false);
        if (kind != null && !kind.equals(CollectionKind.PRODUCTS)) {
            throw fail("kind: '" + kind + "' where a product collection is read (kind: products)");
        }
        String name = text(root, "name", true);
        if (!NAME.matcher(name).matches()) {
            throw fail("name: '" + name + "' must start with a letter and contain only letters, digits, _ . -");
        }
        String loaderName = text(root, "loader", true);
        LoaderKind loader = LoaderKind.forName(loaderName).orElseThrow(() -> fail("loader: unknown loader '"
                + loaderName + "' (spectrum-image, spectrum-table, image, cube)"));
        String patternText = text(root, "obs_id_pattern", true);
        Pattern obsIdPattern;
        try {
            obsIdPattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw fail("obs_id_pattern: not a valid regular expression: " + e.getDescription());
        }
        Integer calib = integer(root, "calib_level");
        if (calib != null && (calib < 0 || calib > 4)) {
            throw fail("calib_level: must be 0 to 4, not " + calib);
        }
        return new CollectionDefinition(file, name, text(root, "title", true), text(root, "description", false),
                text(root, "facility", false), stringList(root, "instruments"),
                orDefault(text(root, "coordinate_frame", false), "ICRS"), number(root, "fov"), obsIdPattern,
                calib == null ? 2 : calib, text(root, "dataproduct_subtype", false), rights(root.get("rights")),
                orDefault(text(root, "root", false), name), sources(root.get("sources")), loader,
                loaderOptions(root.get("loader_options")), mapping(root.get("mapping")),
                stringList(root, "required_keywords"), aliases(root.get("target_aliases")),
                ancillary(root.get("ancillary")), previews(root.get("previews")), access(root.get("access")));
    }

    private CollectionDefinition.Rights rights(JsonNode n) throws CollectionDefinitionException {
        if (n == null) {
            return CollectionDefinition.Rights.open();
        }
        requireObject(n, "rights");
        checkKeys(n, "rights.", Set.of("data_rights", "release_delay_days", "release_date", "citation", "groups",
                "proprietary", "rules", "groups_header"));
        String dr = orDefault(dataRights(n, "rights."), "public");
        String kind = orDefault(text(n, "rights.", "proprietary", false), "data");
        CollectionDefinition.Proprietary proprietary = switch (kind) {
            case "data" -> CollectionDefinition.Proprietary.DATA;
            case "metadata" -> CollectionDefinition.Proprietary.METADATA;
            default -> throw fail("rights.proprietary: '" + kind + "' is not data or metadata");
        };
        FieldRule groupsHeader = n.hasNonNull("groups_header")
                ? rule(n.get("groups_header"), "rights.groups_header", GROUPS_VALUE) : null;
        return new CollectionDefinition.Rights(dr, integer(n, "rights.", "release_delay_days"),
                date(n, "rights."), text(n, "rights.", "citation", false), groups(n, "rights."), proprietary,
                rightsRules(n.get("rules")), groupsHeader);
    }

    private List<CollectionDefinition.RightsRule> rightsRules(JsonNode n) throws CollectionDefinitionException {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw fail("rights.rules: expected a list of {match: {KEYWORD: regex}, data_rights, release_date,"
                    + " release_delay_days, groups}");
        }
        List<CollectionDefinition.RightsRule> out = new ArrayList<>();
        int i = 0;
        for (JsonNode r : n) {
            String path = "rights.rules[" + i++ + "]";
            requireObject(r, path);
            checkKeys(r, path + ".", Set.of("match", "data_rights", "release_date", "release_delay_days", "groups"));
            JsonNode m = r.get("match");
            if (m == null || m.isNull() || (m.isObject() && m.isEmpty())) {
                throw fail(path + ".match: required, a mapping of header keywords to regular expressions");
            }
            requireObject(m, path + ".match");
            Map<String, Pattern> match = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = path + ".match." + e.getKey();
                if (!KEYWORD.matcher(e.getKey()).matches()) {
                    throw fail(key + ": '" + e.getKey() + "' is not a FITS keyword");
                }
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw fail(key + ": expected a regular expression");
                }
                try {
                    match.put(e.getKey(), Pattern.compile(e.getValue().asText()));
                } catch (PatternSyntaxException ex) {
                    throw fail(key + ": not a valid regular expression: " + ex.getDescription());
                }
            }
            String dr = dataRights(r, path + ".");
            LocalDate date = date(r, path + ".");
            Integer delay = integer(r, path + ".", "release_delay_days");
            if (delay != null && delay < 0) {
                throw fail(path + ".release_delay_days: must not be negative");
            }
            if (date != null && delay != null) {
                throw fail(path + ": give release_date or release_delay_days, not both");
            }
            List<String> groups = r.has("groups") ? groups(r, path + ".") : null;
            if (dr == null && date == null && delay == null && groups == null) {
                throw fail(path + ": sets nothing (give data_rights, release_date, release_delay_days or groups)");
            }
            out.add(new CollectionDefinition.RightsRule(match, dr, date, delay, groups));
        }
        return List.copyOf(out);
    }

    private String dataRights(JsonNode n, String prefix) throws CollectionDefinitionException {
        String dr = text(n, prefix, "data_rights", false);
        if (dr != null && !DATA_RIGHTS.contains(dr)) {
            throw fail(prefix + "data_rights: '" + dr + "' is not public, secure or proprietary");
        }
        return dr;
    }

    private LocalDate date(JsonNode n, String prefix) throws CollectionDefinitionException {
        String date = text(n, prefix, "release_date", false);
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw fail(prefix + "release_date: '" + date + "' is not a date (YYYY-MM-DD)");
        }
    }

    private List<String> groups(JsonNode n, String prefix) throws CollectionDefinitionException {
        List<String> groups = stringList(n, "groups", prefix);
        for (String g : groups) {
            if (!Grantees.PATTERN.matcher(g).matches()) {
                throw fail(prefix + "groups: '" + g + "' is not " + Grantees.DESCRIPTION);
            }
        }
        return groups;
    }

    private List<CollectionDefinition.Source> sources(JsonNode n) throws CollectionDefinitionException {
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw fail("sources: required, a list of {glob: ..., exclude: [...]}");
        }
        List<CollectionDefinition.Source> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : n) {
            String path = "sources[" + i++ + "]";
            if (s.isTextual()) {
                out.add(new CollectionDefinition.Source(relativeGlob(s.asText(), path), List.of()));
                continue;
            }
            requireObject(s, path);
            checkKeys(s, path + ".", Set.of("glob", "exclude"));
            String glob = text(s, path + ".", "glob", false);
            if (glob == null) {
                throw fail(path + ".glob: required");
            }
            out.add(new CollectionDefinition.Source(relativeGlob(glob, path + ".glob"),
                    stringList(s, "exclude", path + ".")));
        }
        return List.copyOf(out);
    }

    private String relativeGlob(String glob, String path) throws CollectionDefinitionException {
        if (glob.isBlank() || glob.startsWith("/") || glob.contains("..")) {
            throw fail(path + ": '" + glob + "' must be a glob relative to the collection root, without '..'");
        }
        return glob;
    }

    private CollectionDefinition.LoaderOptions loaderOptions(JsonNode n) throws CollectionDefinitionException {
        CollectionDefinition.LoaderOptions d = CollectionDefinition.LoaderOptions.defaults();
        if (n == null) {
            return d;
        }
        requireObject(n, "loader_options");
        checkKeys(n, "loader_options.", Set.of("extensions", "layout", "wave_column", "flux_column", "error_column",
                "spectral_unit", "product_suffix"));
        String ext = orDefault(text(n, "loader_options.", "extensions", false), d.extensions());
        if (!Set.of("all", "first").contains(ext)) {
            throw fail("loader_options.extensions: '" + ext + "' is not all or first");
        }
        String layout = orDefault(text(n, "loader_options.", "layout", false), d.layout());
        if (!Set.of("auto", "array", "columns").contains(layout)) {
            throw fail("loader_options.layout: '" + layout + "' is not auto, array or columns");
        }
        String unit = orDefault(text(n, "loader_options.", "spectral_unit", false), d.spectralUnit());
        if (Units.factor(unit, "m").isEmpty()) {
            throw fail("loader_options.spectral_unit: '" + unit + "' is not a length unit (Angstrom, nm, um, m)");
        }
        return new CollectionDefinition.LoaderOptions(ext, layout,
                orDefault(text(n, "loader_options.", "wave_column", false), d.waveColumn()),
                orDefault(text(n, "loader_options.", "flux_column", false), d.fluxColumn()),
                orDefault(text(n, "loader_options.", "error_column", false), d.errorColumn()), unit,
                orDefault(text(n, "loader_options.", "product_suffix", false), d.productSuffix()));
    }

    private Map<String, FieldRule> mapping(JsonNode n) throws CollectionDefinitionException {
        if (n == null) {
            return Map.of();
        }
        requireObject(n, "mapping");
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Column c : ObscoreTable.table().columns()) {
            columns.put(c.name(), c);
        }
        Map<String, FieldRule> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String col = e.getKey();
            String path = "mapping." + col;
            Column column = columns.get(col);
            if (column == null) {
                throw fail(path + ": '" + col + "' is not an ivoa.obscore column");
            }
            if (COMPUTED.contains(col)) {
                throw fail(path + ": computed by the ingestor (from name, authority and the access scheme); "
                        + "it cannot be mapped");
            }
            out.put(col, rule(e.getValue(), path, column));
        }
        return Map.copyOf(out);
    }

    private FieldRule rule(JsonNode n, String path, Column column) throws CollectionDefinitionException {
        if (n.isTextual()) {
            return FieldRule.ofKeyword(n.asText());
        }
        requireObject(n, path);
        checkKeys(n, path + ".", RULE_KEYS);
        int sources = 0;
        for (String k : List.of("keyword", "keywords", "constant", "expression", "template")) {
            if (n.has(k)) {
                sources++;
            }
        }
        if (sources > 1) {
            throw fail(path + ": give one of keyword, keywords, constant, expression, template");
        }
        if (sources == 0 && !n.has("default")) {
            throw fail(path + ": needs a source (keyword, keywords, constant, expression, template) or a default");
        }
        Expression expr = null;
        String exprText = text(n, path + ".", "expression", false);
        if (exprText != null) {
            try {
                expr = Expression.parse(exprText);
            } catch (IllegalArgumentException ex) {
                throw fail(path + ".expression: " + ex.getMessage());
            }
        }
        String unit = text(n, path + ".", "unit", false);
        if (unit != null) {
            if (column.unit() == null) {
                throw fail(path + ".unit: column " + column.name() + " has no unit to convert to");
            }
            if (Units.factor(unit, column.unit()).isEmpty()) {
                throw fail(path + ".unit: '" + unit + "' does not convert to " + column.unit());
            }
        }
        String convert = text(n, path + ".", "convert", false);
        if (convert != null && !FieldRule.CONVERSIONS.contains(convert)) {
            throw fail(path + ".convert: '" + convert + "' is not one of " + FieldRule.CONVERSIONS);
        }
        Map<String, String> values = null;
        JsonNode v = n.get("values");
        if (v != null) {
            requireObject(v, path + ".values");
            values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), e.getValue().asText());
            }
        }
        Object constant = scalar(n.get("constant"), path + ".constant");
        Object dflt = scalar(n.get("default"), path + ".default");
        JsonNode req = n.get("required");
        if (req != null && !req.isBoolean()) {
            throw fail(path + ".required: true or false");
        }
        List<String> keywords = n.has("keywords") ? stringList(n, "keywords", path + ".") : null;
        return new FieldRule(text(n, path + ".", "keyword", false), keywords, constant, expr,
                text(n, path + ".", "template", false), unit, values, convert, dflt,
                req != null && req.asBoolean());
    }

    private Object scalar(JsonNode n, String path) throws CollectionDefinitionException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        throw fail(path + ": expected a single value");
    }

    private Map<String, List<String>> aliases(JsonNode n) throws CollectionDefinitionException {
        if (n == null) {
            return Map.of();
        }
        requireObject(n, "target_aliases");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), stringList(n, e.getKey(), "target_aliases."));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private List<CollectionDefinition.AncillaryRule> ancillary(JsonNode n) throws CollectionDefinitionException {
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw fail("ancillary: expected a list of {match: ..., category: ...}");
        }
        List<CollectionDefinition.AncillaryRule> out = new ArrayList<>();
        int i = 0;
        for (JsonNode a : n) {
            String path = "ancillary[" + i++ + "]";
            requireObject(a, path);
            checkKeys(a, path + ".", Set.of("match", "category", "content_type"));
            String match = text(a, path + ".", "match", false);
            String cat = text(a, path + ".", "category", false);
            if (match == null || cat == null) {
                throw fail(path + ": match and category are required");
            }
            if (match.contains("/") || match.contains("..")) {
                throw fail(path + ".match: a file name pattern in the science file's directory, without '/'");
            }
            if (!CATEGORY.matcher(cat).matches()) {
                throw fail(path + ".category: '" + cat + "' is not like ANCILLARY.PREVIEW or ANCILLARY.ERRORSPECTRUM");
            }
            out.add(new CollectionDefinition.AncillaryRule(match, cat, text(a, path + ".", "content_type", false)));
        }
        return List.copyOf(out);
    }

    private CollectionDefinition.Previews previews(JsonNode n) throws CollectionDefinitionException {
        if (n == null) {
            return new CollectionDefinition.Previews(true, ".previews");
        }
        requireObject(n, "previews");
        checkKeys(n, "previews.", Set.of("generate", "directory"));
        JsonNode g = n.get("generate");
        if (g != null && !g.isBoolean()) {
            throw fail("previews.generate: true or false");
        }
        String dir = orDefault(text(n, "previews.", "directory", false), ".previews");
        // a sub-directory of its own: the ingestor deletes generated previews in it when pruning
        if (!PREVIEW_DIR.matcher(dir).matches()) {
            throw fail("previews.directory: '" + dir + "' must be a sub-directory of the collection root"
                    + " (letters, digits, _ . -, no '.' or '..' segments)");
        }
        return new CollectionDefinition.Previews(g == null || g.asBoolean(), dir);
    }

    private CollectionDefinition.Access access(JsonNode n) throws CollectionDefinitionException {
        String dUrl = "{base}/files/{collection}/{path}";
        if (n == null) {
            return new CollectionDefinition.Access(dUrl, "application/fits", false);
        }
        requireObject(n, "access");
        checkKeys(n, "access.", Set.of("url", "format", "datalink"));
        String url = orDefault(text(n, "access.", "url", false), dUrl);
        if (!url.contains("{path}")) {
            throw fail("access.url: the template must contain {path}");
        }
        String format = orDefault(text(n, "access.", "format", false), "application/fits");
        JsonNode dl = n.get("datalink");
        if (dl != null && !dl.isBoolean()) {
            throw fail("access.datalink: must be true or false");
        }
        return new CollectionDefinition.Access(url, format, dl != null && dl.asBoolean());
    }

    // --- helpers -------------------------------------------------------------------------------

    private void checkKeys(JsonNode n, String prefix, Set<String> allowed) throws CollectionDefinitionException {
        YamlDefinitions.checkKeys(file, n, prefix, allowed);
    }

    private void requireObject(JsonNode n, String path) throws CollectionDefinitionException {
        if (!(n instanceof ObjectNode)) {
            throw fail(path + ": expected a mapping of keys");
        }
    }

    private String text(JsonNode n, String key, boolean required) throws CollectionDefinitionException {
        return text(n, "", key, required);
    }

    private String text(JsonNode n, String prefix, String key, boolean required) throws CollectionDefinitionException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw fail(prefix + key + ": required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw fail(prefix + key + ": expected text");
        }
        String s = v.asText().trim();
        if (s.isEmpty() && required) {
            throw fail(prefix + key + ": must not be empty");
        }
        return s.isEmpty() ? null : s;
    }

    private Double number(JsonNode n, String key) throws CollectionDefinitionException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw fail(key + ": expected a number, not '" + v.asText() + "'");
        }
        return v.asDouble();
    }

    private Integer integer(JsonNode n, String key) throws CollectionDefinitionException {
        return integer(n, "", key);
    }

    private Integer integer(JsonNode n, String prefix, String key) throws CollectionDefinitionException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw fail(prefix + key + ": expected an integer, not '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private List<String> stringList(JsonNode n, String key) throws CollectionDefinitionException {
        return stringList(n, key, "");
    }

    private List<String> stringList(JsonNode n, String key, String prefix) throws CollectionDefinitionException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isValueNode()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw fail(prefix + key + ": expected a list of text values");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode()) {
                throw fail(prefix + key + ": expected a list of text values");
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    private static String orDefault(String s, String d) {
        return s == null ? d : s;
    }

    private CollectionDefinitionException fail(String reason) {
        return new CollectionDefinitionException(file, reason);
    }
}
