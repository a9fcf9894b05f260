package meridian.sql.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.ForeignKey;
import meridian.sql.model.Table;

/**
 * A {@link Table} as a JSON document and back, field by field (an explicit format: renaming a
 * Java accessor must not change what is stored). Format version 1. Stateless.
 */
final class TableCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private TableCodec() {
    }

    static String encode(Table t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", VERSION);
        n.put("schema", t.schema());
        n.put("name", t.name());
        n.put("stored_name", t.storedName());
        n.put("type", t.type());
        n.put("description", t.description());
        n.put("utype", t.utype());
        n.put("table_index", t.tableIndex());
        ArrayNode cols = n.putArray("columns");
        for (Column c : t.columns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("datatype", c.datatype().voName());
            o.put("arraysize", c.arraysize());
            o.put("xtype", c.xtype());
            o.put("unit", c.unit());
            o.put("ucd", c.ucd());
            o.put("utype", c.utype());
            o.put("description", c.description());
            o.put("principal", c.principal());
            o.put("indexed", c.indexed());
            o.put("std", c.std());
            o.put("nullable", c.nullable());
        }
        ArrayNode pk = n.putArray("primary_key");
        t.primaryKey().forEach(pk::add);
        ArrayNode fks = n.putArray("foreign_keys");
        for (ForeignKey fk : t.foreignKeys()) {
            ObjectNode o = fks.addObject();
            o.put("id", fk.id());
            o.put("target_table", fk.targetTable());
            o.put("description", fk.description());
            ArrayNode pairs = o.putArray("columns");
            for (ForeignKey.ColumnPair p : fk.columns()) {
                pairs.addObject().put("from", p.fromColumn()).put("target", p.targetColumn());
            }
        }
        if (t.position() != null) {
            n.putObject("position").put("ra", t.position().raColumn()).put("dec", t.position().decColumn());
        }
        return n.toString();
    }

    static Table decode(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored catalogue definition is not JSON: " + e.getOriginalMessage(), e);
        }
        if (n.path("version").asInt() != VERSION) {
            throw new IllegalStateException("stored catalogue definition has format version "
                    + n.path("version").asText() + "; this Meridian reads version " + VERSION);
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode o : n.path("columns")) {
            columns.add(Column.of(o.path("name").asText(), Datatype.fromVoName(o.path("datatype").asText()))
                    .arraysize(text(o, "arraysize")).xtype(text(o, "xtype")).unit(text(o, "unit"))
                    .ucd(text(o, "ucd")).utype(text(o, "utype")).description(text(o, "description"))
                    .principal(o.path("principal").asBoolean()).indexed(o.path("indexed").asBoolean())
                    .std(o.path("std").asBoolean()).nullable(o.path("nullable").asBoolean(true)).build());
        }
        List<String> pk = new ArrayList<>();
        n.path("primary_key").forEach(k -> pk.add(k.asText()));
        List<ForeignKey> fks = new ArrayList<>();
        for (JsonNode o : n.path("foreign_keys")) {
            List<ForeignKey.ColumnPair> pairs = new ArrayList<>();
            o.path("columns").forEach(p -> pairs.add(new ForeignKey.ColumnPair(p.path("from").asText(),
                    p.path("target").asText())));
            fks.add(new ForeignKey(o.path("id").asText(), o.path("target_table").asText(), pairs,
                    text(o, "description")));
        }
        JsonNode pos = n.path("position");
        Table.Position position = pos.isObject()
                ? new Table.Position(pos.path("ra").asText(), pos.path("dec").asText()) : null;
        return new Table(n.path("schema").asText(), n.path("name").asText(), n.path("type").asText("table"),
                text(n, "description"), text(n, "utype"), columns, pk, fks, n.path("table_index").asInt(),
                position, text(n, "stored_name"));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
