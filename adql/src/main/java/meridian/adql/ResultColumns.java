package meridian.adql;

import adql.db.DBColumn;
import adql.db.DBType;
import adql.query.ADQLQuery;
import adql.query.ADQLSet;
import adql.query.SelectAllColumns;
import adql.query.SelectItem;
import adql.query.SetOperation;
import adql.query.operand.ADQLColumn;
import adql.query.operand.ADQLOperand;
import adql.query.operand.WrappedOperand;
import adql.query.operand.StringConstant;
import adql.query.operand.function.InUnitFunction;
import adql.query.operand.function.SQLFunction;
import adql.query.operand.function.conditional.CoalesceFunction;
import adql.query.operand.function.SQLFunctionType;
import adql.query.operand.function.geometry.AreaFunction;
import adql.query.operand.function.geometry.BoxFunction;
import adql.query.operand.function.geometry.CentroidFunction;
import adql.query.operand.function.geometry.CircleFunction;
import adql.query.operand.function.geometry.DistanceFunction;
import adql.query.operand.function.geometry.ExtractCoord;
import adql.query.operand.function.geometry.PointFunction;
import adql.query.operand.function.geometry.PolygonFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;

/**
 * Works out the result columns of a checked query: names as ADQL resolves them, the model's
 * metadata for column references (through aliases, subqueries and WITH items), a datatype for
 * computed expressions, DALI arrays for constructed geometries.
 */
final class ResultColumns {

    private ResultColumns() {
    }

    static List<ResultColumn> describe(ADQLSet set) {
        DBColumn[] cols = set.getResultingColumns();
        List<ADQLOperand> ops = operands(leftmost(set), cols.length);
        List<ResultColumn> out = new ArrayList<>(cols.length);
        for (int i = 0; i < cols.length; i++) {
            Column meta = metadata(cols[i], ops.get(i));
            out.add(new ResultColumn(meta.name(), meta, ValueConverters.forColumn(meta)));
        }
        return out;
    }

    private static ADQLQuery leftmost(ADQLSet set) {
        while (set instanceof SetOperation op) {
            set = op.getLeftSet();
        }
        return (ADQLQuery) set;
    }

    /** The operand behind each result column (null for columns of a {@code *}). */
    private static List<ADQLOperand> operands(ADQLQuery query, int n) {
        List<ADQLOperand> ops = new ArrayList<>();
        try {
            for (SelectItem item : query.getSelect()) {
                if (item instanceof SelectAllColumns all) {
                    int count = 0;
                    Iterable<DBColumn> expanded = all.getAdqlTable() != null && all.getAdqlTable().getDBLink() != null
                            ? all.getAdqlTable().getDBLink() : query.getFrom().getDBColumns();
                    for (DBColumn ignored : expanded) {
                        count++;
                    }
                    ops.addAll(Collections.nCopies(count, null));
                } else {
                    ops.add(item.getOperand());
                }
            }
        } catch (adql.db.exception.UnresolvedJoinException e) {
            ops.clear();
        }
        return ops.size() == n ? ops : new ArrayList<>(Collections.nCopies(n, null));
    }

    private static Column metadata(DBColumn col, ADQLOperand operand) {
        String name = col.getADQLName();
        ADQLOperand op = unwrap(operand);
        if (op instanceof PointFunction || op instanceof CentroidFunction) {
            return geometry(name, "2", "point");
        }
        if (op instanceof CircleFunction) {
            return geometry(name, "3", "circle");
        }
        if (op instanceof PolygonFunction || op instanceof BoxFunction) {
            return geometry(name, "*", "polygon");
        }
        if (op instanceof DistanceFunction || op instanceof ExtractCoord) {
            return Column.of(name, Datatype.DOUBLE).unit("deg").build();
        }
        if (op instanceof AreaFunction) {
            return Column.of(name, Datatype.DOUBLE).unit("deg**2").ucd("phys.angArea").build();
        }
        if (op instanceof ADQLColumn c && c.getDBLink() instanceof ModelTables.ModelDBColumn m) {
            return renamed(m.column(), name);
        }
        if (op == null && col instanceof ModelTables.ModelDBColumn m) {
            return renamed(m.column(), name);
        }
        if (op instanceof SQLFunction f && f.getNbParameters() > 0
                && unwrap(f.getParameter(0)) instanceof ADQLColumn c
                && c.getDBLink() instanceof ModelTables.ModelDBColumn m) {
            // MIN and MAX keep the column's type and meaning; SUM and AVG its unit
            if (f.getType() == SQLFunctionType.MIN || f.getType() == SQLFunctionType.MAX) {
                return renamed(m.column(), name).toBuilder().principal(false).indexed(false).std(false).build();
            }
            if (f.getType() == SQLFunctionType.SUM || f.getType() == SQLFunctionType.AVG) {
                return Column.of(name, ExpressionTypes.of(f)).unit(m.column().unit()).build();
            }
        }
        Datatype type = ExpressionTypes.of(op);
        if (op instanceof CoalesceFunction c && c.getNbParameters() > 0
                && unwrap(c.getParameter(0)) instanceof ADQLColumn first
                && first.getDBLink() instanceof ModelTables.ModelDBColumn m && m.column().arraysize() == null
                && m.column().datatype() == type) {
            // COALESCE(column, default) of the column's own type is the column with its gaps filled
            return renamed(m.column(), name).toBuilder().principal(false).indexed(false).std(false).build();
        }
        if (op instanceof InUnitFunction u && u.getTargetUnit() instanceof StringConstant unit) {
            return Column.of(name, Datatype.DOUBLE).unit(unit.getValue()).build();
        }
        if (op instanceof SQLFunction f
                && (f.getType() == SQLFunctionType.COUNT || f.getType() == SQLFunctionType.COUNT_ALL)) {
            return Column.of(name, Datatype.LONG).ucd("meta.number").build();
        }
        if (type != null) {
            return type.isText() ? Column.of(name, type).arraysize("*").build() : Column.of(name, type).build();
        }
        return computed(name, col.getDatatype(), op);
    }

    private static Column geometry(String name, String arraysize, String xtype) {
        return Column.of(name, Datatype.DOUBLE).arraysize(arraysize).xtype(xtype).unit("deg").build();
    }

    private static Column renamed(Column c, String name) {
        return new Column(name, c.datatype(), c.arraysize(), c.xtype(), c.unit(), c.ucd(), c.utype(),
                c.description(), c.principal(), c.indexed(), c.std(), c.nullable());
    }

    private static Column computed(String name, DBType type, ADQLOperand op) {
        DBType.DBDatatype t = type == null ? DBType.DBDatatype.UNKNOWN : type.type;
        return switch (t) {
            case SMALLINT -> Column.of(name, Datatype.SHORT).build();
            case INTEGER -> Column.of(name, Datatype.INT).build();
            case BIGINT -> Column.of(name, Datatype.LONG).build();
            case REAL -> Column.of(name, Datatype.FLOAT).build();
            case DOUBLE, UNKNOWN_NUMERIC -> Column.of(name, Datatype.DOUBLE).build();
            case CHAR, VARCHAR, CLOB -> Column.of(name, Datatype.UNICODE_CHAR).arraysize("*").build();
            case TIMESTAMP -> Column.of(name, Datatype.CHAR).arraysize("*").xtype("timestamp").build();
            case POINT -> geometry(name, "2", "point");
            case CIRCLE -> geometry(name, "3", "circle");
            case POLYGON -> geometry(name, "*", "polygon");
            case REGION -> Column.of(name, Datatype.CHAR).arraysize("*").xtype("adql:REGION").build();
            default -> op != null && op.isNumeric() && !op.isString()
                    ? Column.of(name, Datatype.DOUBLE).build()
                    : Column.of(name, Datatype.UNICODE_CHAR).arraysize("*").build();
        };
    }

    private static ADQLOperand unwrap(ADQLOperand op) {
        while (op instanceof WrappedOperand w) {
            op = w.getOperand();
        }
        return op;
    }
}
