package meridian.sql.model;

import java.util.List;

/**
 * A foreign key from one published table to another, as TAP_SCHEMA.keys and key_columns
 * declare it. Table names are qualified ({@code ivoa.obscore}).
 *
 * @param id          key_id, unique in the model
 * @param targetTable qualified name of the referenced table
 * @param columns     pairs of (from column, target column), in order
 * @param description free text or null
 */
public record ForeignKey(String id, String targetTable, List<ColumnPair> columns, String description) {

    public ForeignKey {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("foreign key " + id + " has no columns");
        }
    }

    /** One column of a foreign key. */
    public record ColumnPair(String fromColumn, String targetColumn) {
    }

    /** A single-column key. */
    public static ForeignKey of(String id, String fromColumn, String targetTable, String targetColumn,
                                String description) {
        return new ForeignKey(id, targetTable, List.of(new ColumnPair(fromColumn, targetColumn)), description);
    }
}
