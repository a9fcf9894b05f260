package meridian.ingest.catalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import meridian.sql.catalog.CatalogueRights;

/**
 * A catalogue collection as {@code conf/collections/NAME.yaml} declares it ({@code kind:
 * catalogue}; every key is documented in {@code conf/collections/README.md}). Validated and
 * immutable.
 *
 * @param file              the YAML file
 * @param schema            target schema (as ADQL writes it)
 * @param table             target table name
 * @param description       table description
 * @param schemaDescription description of the schema when the catalogue creates it, or null
 * @param sources           source file globs, relative to the YAML file's directory, in load order
 * @param format            {@code auto} (from the file's first bytes), {@code fits}, {@code votable},
 *                          {@code csv} or {@code ecsv}
 * @param columns           per-column metadata overriding what the file declares, by file column name
 * @param exclude           file columns not published
 * @param primaryKey        primary-key column names (published names), possibly empty
 * @param position          ICRS right ascension and declination columns (degrees), or null
 * @param indexes           extra indexed columns
 * @param foreignKeys       keys to other published tables
 * @param tableIndex        TAP_SCHEMA table_index
 * @param rights            who may read the rows before the catalogue's release
 */
public record CatalogueDefinition(Path file, String schema, String table, String description,
                                  String schemaDescription, List<String> sources, String format,
                                  Map<String, ColumnSpec> columns, List<String> exclude, List<String> primaryKey,
                                  Position position, List<String> indexes, List<KeySpec> foreignKeys,
                                  int tableIndex, CatalogueRights rights) {

    /** Reads and validates a catalogue definition; the message of a failure names the file and key. */
    public static CatalogueDefinition load(Path yaml) throws IOException {
        return new CatalogueDefinitionReader(yaml).read();
    }

    /** {@code schema.table}. */
    public String qualifiedName() {
        return schema + "." + table;
    }

    /**
     * What the YAML says about one column; a null field keeps what the file declares.
     *
     * @param name      published name (rename), or null for the file's
     * @param datatype  VOTable datatype to store, or null
     * @param arraysize arraysize of text columns, or null
     * @param xtype     xtype ({@code timestamp}), or null
     * @param principal null: not principal
     * @param indexed   null: not indexed
     */
    public record ColumnSpec(String name, String datatype, String arraysize, String xtype, String unit,
                             String ucd, String utype, String description, Boolean principal, Boolean indexed) {
    }

    /** The position columns. */
    public record Position(String ra, String dec) {
    }

    /**
     * A foreign key to another published table.
     *
     * @param target  qualified target table ({@code ivoa.obscore})
     * @param columns this table's column to the target's column, in order
     */
    public record KeySpec(String target, Map<String, String> columns, String description) {
    }
}
