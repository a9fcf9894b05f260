package meridian.sql.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one description of everything Meridian publishes: schemas, tables, columns, keys.
 * The database DDL, the TAP_SCHEMA rows, the ADQL checker's table list, VOSI tables and
 * the FIELD metadata of query results are all derived from it. Immutable and thread-safe;
 * {@link #with(Schema)} returns a new model.
 */
public final class MetadataModel {

    private final List<Schema> schemas;

    public MetadataModel(List<Schema> schemas) {
        this.schemas = List.copyOf(schemas);
        List<String> seen = new ArrayList<>();
        for (Table t : tables().toList()) {
            String key = t.qualifiedName().toLowerCase(java.util.Locale.ROOT);
            if (seen.contains(key)) {
                throw new IllegalArgumentException("table " + t.qualifiedName() + " is declared twice");
            }
            seen.add(key);
        }
        for (Table t : tables().toList()) {
            for (ForeignKey fk : t.foreignKeys()) {
                Table target = table(fk.targetTable()).orElseThrow(() -> new IllegalArgumentException(
                        "foreign key " + fk.id() + " of " + t.qualifiedName() + " names unknown table "
                                + fk.targetTable()));
                for (ForeignKey.ColumnPair p : fk.columns()) {
                    if (t.column(p.fromColumn()).isEmpty() || target.column(p.targetColumn()).isEmpty()) {
                        throw new IllegalArgumentException("foreign key " + fk.id() + " names an unknown column");
                    }
                }
            }
        }
    }

    public List<Schema> schemas() {
        return schemas;
    }

    /** All tables of all schemas, schemas in order. */
    public Stream<Table> tables() {
        return schemas.stream().flatMap(s -> s.tables().stream());
    }

    /** Finds a table by its qualified name ({@code ivoa.obscore}), case-insensitively. */
    public Optional<Table> table(String qualifiedName) {
        return tables().filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName)).findFirst();
    }

    /** Finds a schema by name, case-insensitively. */
    public Optional<Schema> schema(String name) {
        return schemas.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * A model with {@code table} added to its schema, or replacing the table of the same
     * qualified name in place. A schema that does not exist yet is added after the others, with
     * {@code schemaDescription}.
     */
    public MetadataModel withTable(Table table, String schemaDescription) {
        Optional<Schema> existing = schema(table.schema());
        if (existing.isEmpty()) {
            int index = schemas.stream().mapToInt(Schema::schemaIndex).max().orElse(0) + 1;
            return with(new Schema(table.schema(), schemaDescription, null, List.of(table), index));
        }
        Schema s = existing.get();
        List<Table> tables = new ArrayList<>(s.tables());
        int at = -1;
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).name().equalsIgnoreCase(table.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            tables.set(at, table);
        } else {
            tables.add(table);
        }
        List<Schema> copy = new ArrayList<>(schemas);
        copy.set(copy.indexOf(s), new Schema(s.name(), s.description(), s.utype(), tables, s.schemaIndex()));
        return new MetadataModel(copy);
    }

    /** A model with {@code schema} added, or replacing the schema of the same name. */
    public MetadataModel with(Schema schema) {
        List<Schema> copy = new ArrayList<>(schemas);
        copy.removeIf(s -> s.name().equalsIgnoreCase(schema.name()));
        copy.add(schema);
        return new MetadataModel(copy);
    }
}
