package meridian.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import meridian.sql.archive.TapSchemaTables;
import meridian.sql.backend.Backend;
import meridian.sql.model.Column;
import meridian.sql.model.ForeignKey;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;

/**
 * Generates the TAP_SCHEMA 1.1 rows from the metadata model: deletes every row and inserts the
 * model's schemas, tables, columns, keys and key columns. Runs inside the caller's transaction,
 * so readers never see a half-written TAP_SCHEMA.
 */
public final class TapSchemaWriter {

    /** An SQL NULL of type INTEGER (PostgreSQL, unlike Derby, refuses a VARCHAR NULL for an INTEGER column). */
    private static final Object NULL_INT = new Object();

    private final Backend backend;

    public TapSchemaWriter(Backend backend) {
        this.backend = backend;
    }

    /** Replaces the content of TAP_SCHEMA with {@code model}. The caller commits. */
    public void write(Connection c, MetadataModel model) throws SQLException {
        String s = backend.quote(TapSchemaTables.SCHEMA) + ".";
        try (Statement st = c.createStatement()) {
            for (String t : List.of("key_columns", "keys", "columns", "tables", "schemas")) {
                st.executeUpdate("DELETE FROM " + s + backend.quote(t));
            }
        }
        try (PreparedStatement schemas = c.prepareStatement(insert(s, "schemas",
                "schema_name", "utype", "description", "schema_index"));
             PreparedStatement tables = c.prepareStatement(insert(s, "tables",
                     "schema_name", "table_name", "table_type", "utype", "description", "table_index"));
             PreparedStatement columns = c.prepareStatement(insert(s, "columns",
                     "table_name", "column_name", "datatype", "arraysize", "size", "xtype", "unit", "ucd",
                     "utype", "description", "principal", "indexed", "std", "column_index"));
             PreparedStatement keys = c.prepareStatement(insert(s, "keys",
                     "key_id", "from_table", "target_table", "utype", "description"));
             PreparedStatement keyColumns = c.prepareStatement(insert(s, "key_columns",
                     "key_id", "from_column", "target_column"))) {
            for (Schema schema : model.schemas()) {
                set(schemas, schema.name(), schema.utype(), schema.description(), schema.schemaIndex());
                schemas.executeUpdate();
                for (Table t : schema.tables()) {
                    set(tables, schema.name(), t.qualifiedName(), t.type(), t.utype(), t.description(),
                            t.tableIndex());
                    tables.executeUpdate();
                    int index = 0;
                    for (Column col : t.columns()) {
                        int size = col.maxLength();
                        set(columns, t.qualifiedName(), col.name(), col.datatype().voName(), col.arraysize(),
                                size < 0 ? NULL_INT : size, col.xtype(), col.unit(), col.ucd(), col.utype(),
                                col.description(), flag(col.principal()), flag(col.indexed()), flag(col.std()),
                                index++);
                        columns.addBatch();
                    }
                    columns.executeBatch();
                    for (ForeignKey fk : t.foreignKeys()) {
                        set(keys, fk.id(), t.qualifiedName(), fk.targetTable(), null, fk.description());
                        keys.executeUpdate();
                        for (ForeignKey.ColumnPair p : fk.columns()) {
                            set(keyColumns, fk.id(), p.fromColumn(), p.targetColumn());
                            keyColumns.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    private String insert(String schemaPrefix, String table, String... columns) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(schemaPrefix).append(backend.quote(table))
                .append(" (");
        for (int i = 0; i < columns.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(backend.quote(columns[i]));
        }
        sb.append(") VALUES (").append("?, ".repeat(columns.length - 1)).append("?)");
        return sb.toString();
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    private static void set(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == NULL_INT) {
                ps.setNull(i + 1, Types.INTEGER);
            } else if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, v.toString());
            }
        }
    }
}
