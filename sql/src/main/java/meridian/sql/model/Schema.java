package meridian.sql.model;

import java.util.List;

/**
 * A schema of published tables. Immutable.
 *
 * @param name        schema name as ADQL users write it
 * @param description free text or null
 * @param utype       utype or null
 * @param tables      tables in display order
 * @param schemaIndex TAP_SCHEMA schema_index: a hint to order schemas in user interfaces
 */
public record Schema(String name, String description, String utype, List<Table> tables, int schemaIndex) {

    public Schema {
        tables = List.copyOf(tables);
        for (Table t : tables) {
            if (!t.schema().equals(name)) {
                throw new IllegalArgumentException("table " + t.qualifiedName() + " is not in schema " + name);
            }
        }
    }
}
