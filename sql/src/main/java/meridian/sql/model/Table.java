package meridian.sql.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One published table or view. Immutable.
 *
 * @param schema      schema name (as ADQL users write it)
 * @param name        unqualified table name
 * @param type        TAP_SCHEMA table_type: {@code table} or {@code view}
 * @param description free text or null
 * @param utype       utype or null
 * @param columns     columns in their declared order
 * @param primaryKey  names of the primary-key columns (may be empty)
 * @param foreignKeys keys from this table to others
 * @param tableIndex  TAP_SCHEMA table_index: a hint to order tables in user interfaces
 * @param position    the columns holding an ICRS position to index for cone and region
 *                    searches, or null when the table has none
 */
public record Table(String schema, String name, String type, String description, String utype,
                    List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
                    int tableIndex, Position position) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        long distinct = columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).distinct().count();
        if (distinct != columns.size()) {
            throw new IllegalArgumentException("table " + schema + "." + name + " has duplicate column names");
        }
        // the fields are not assigned yet inside a compact constructor: look in the parameter
        if (position != null && (!hasColumn(columns, position.raColumn()) || !hasColumn(columns, position.decColumn()))) {
            throw new IllegalArgumentException("table " + schema + "." + name + " has no position columns "
                    + position);
        }
    }

    private static boolean hasColumn(List<Column> columns, String name) {
        return columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    }

    /** The right ascension and declination columns (degrees, ICRS) of a positional table. */
    public record Position(String raColumn, String decColumn) {
    }

    /** A copy of this table with a position declared. */
    public Table withPosition(String raColumn, String decColumn) {
        return new Table(schema, name, type, description, utype, columns, primaryKey, foreignKeys, tableIndex,
                new Position(raColumn, decColumn));
    }

    /** {@code schema.name}, the form TAP_SCHEMA and ADQL use. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** Looks a column up by name, case-insensitively (as unquoted ADQL identifiers match). */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    /** A table with no keys and the default table index. */
    public static Table of(String schema, String name, String description, List<Column> columns) {
        return new Table(schema, name, "table", description, null, columns, List.of(), List.of(), 0, null);
    }
}
