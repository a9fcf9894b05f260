package meridian.adql;

import adql.db.DBColumn;
import adql.db.DBTable;
import adql.db.DBType;
import adql.db.DBType.DBDatatype;
import adql.db.DefaultDBColumn;
import adql.db.DefaultDBTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import meridian.sql.model.Column;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;

/**
 * The metadata model as ADQLlib's {@link DBTable}s, for its checker. ADQL and database names are
 * the model's names (the backends create every identifier quoted, exactly as in the model),
 * except that a table's database name is its {@link Table#storedName()} (upload tables).
 * The tables of a model are built once and cached while the model is alive; they are not
 * modified by checking, so concurrent queries share them. Thread-safe.
 */
final class ModelTables {

    private static final Map<MetadataModel, List<DBTable>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private ModelTables() {
    }

    /** The checker's tables for {@code model}. */
    static List<DBTable> of(MetadataModel model) {
        return CACHE.computeIfAbsent(model, m -> m.tables().map(ModelTables::table).toList());
    }

    private static DBTable table(Table t) {
        ModelDBTable dbt = new ModelDBTable(t);
        for (Column c : t.columns()) {
            dbt.addColumn(new ModelDBColumn(c.dbName(), c.dbName(), dbType(c), dbt, c, t));
        }
        return dbt;
    }

    /** The ADQL type of a model column; geometry xtypes become ADQL geometry types. */
    static DBType dbType(Column c) {
        String xtype = c.xtype() == null ? "" : c.xtype().toLowerCase(Locale.ROOT);
        switch (xtype) {
            case "point":
                return new DBType(DBDatatype.POINT);
            case "circle":
                return new DBType(DBDatatype.CIRCLE);
            case "polygon":
                return new DBType(DBDatatype.POLYGON);
            case "adql:region", "region", "moc", "shape":
                return new DBType(DBDatatype.REGION);
            case "timestamp":
                return new DBType(DBDatatype.TIMESTAMP);
            default:
                break;
        }
        if (c.isArray()) {
            return new DBType(DBDatatype.VARCHAR); // stored as text (Column#isArray)
        }
        return switch (c.datatype()) {
            case BOOLEAN, SHORT -> new DBType(DBDatatype.SMALLINT);
            case INT -> new DBType(DBDatatype.INTEGER);
            case LONG -> new DBType(DBDatatype.BIGINT);
            case FLOAT -> new DBType(DBDatatype.REAL);
            case DOUBLE -> new DBType(DBDatatype.DOUBLE);
            case CHAR, UNICODE_CHAR -> c.arraysize() != null && !c.isVariableText() && c.maxLength() > 0
                    ? new DBType(DBDatatype.CHAR, c.maxLength()) : new DBType(DBDatatype.VARCHAR);
        };
    }

    /** A model table; {@link #table()} gives back its definition (position columns included). */
    static final class ModelDBTable extends DefaultDBTable {
        private final Table table;

        ModelDBTable(Table t) {
            super(t.name());
            // per-request tables (TAP_UPLOAD) are stored under another name than ADQL's
            setDBName(t.storedName());
            setADQLSchemaName(t.schema());
            setDBSchemaName(t.schema());
            this.table = t;
        }

        Table table() {
            return table;
        }

        @Override
        public DBTable copy(String dbName, String adqlName) {
            ModelDBTable copy = new ModelDBTable(table);
            copy.setDBName(dbName);
            copy.setADQLName(adqlName);
            List<DBColumn> cols = new ArrayList<>();
            for (DBColumn c : this) {
                cols.add(c.copy(c.getDBName(), c.getADQLName(), copy));
            }
            copy.addAllColumns(cols);
            return copy;
        }
    }

    /**
     * A model column. Copies (made for aliases, subqueries and WITH items) keep the model
     * column, so result metadata survives them.
     */
    static final class ModelDBColumn extends DefaultDBColumn {
        private final Column column;
        private final Table table;

        ModelDBColumn(String dbName, String adqlName, DBType type, DBTable dbTable, Column column, Table table) {
            super(dbName, adqlName, type, dbTable);
            // matched case-insensitively when unquoted, exactly when quoted ("Group" but not "group")
            setCaseSensitive(true);
            this.column = column;
            this.table = table;
        }

        Column column() {
            return column;
        }

        /** The model table the column was declared in. */
        Table modelTable() {
            return table;
        }

        @Override
        public DBColumn copy(String dbName, String adqlName, DBTable dbTable) {
            return new ModelDBColumn(dbName, adqlName, getDatatype(), dbTable, column, table);
        }
    }
}
