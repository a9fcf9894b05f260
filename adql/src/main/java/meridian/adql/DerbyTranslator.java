package meridian.adql;

import adql.db.DBColumn;
import adql.db.DBTable;
import adql.db.DBTableAlias;
import adql.db.DBType;
import adql.db.DBType.DBDatatype;
import adql.db.region.Region;
import adql.parser.feature.FeatureSet;
import adql.parser.grammar.ParseException;
import adql.query.ADQLObject;
import adql.query.ADQLOrder;
import adql.query.ADQLQuery;
import adql.query.ADQLSet;
import adql.query.ClauseADQL;
import adql.query.ClauseConstraints;
import adql.query.ClauseOffset;
import adql.query.ClauseSelect;
import adql.query.IdentifierField;
import adql.query.SelectAllColumns;
import adql.query.SelectItem;
import adql.query.SetOperation;
import adql.query.WithItem;
import adql.query.constraint.ADQLConstraint;
import adql.query.constraint.Between;
import adql.query.constraint.Comparison;
import adql.query.constraint.ComparisonOperator;
import adql.query.constraint.ConstraintsGroup;
import adql.query.from.ADQLTable;
import adql.query.operand.ADQLColumn;
import adql.query.operand.ADQLOperand;
import adql.query.operand.NegativeOperand;
import adql.query.operand.NumericConstant;
import adql.query.operand.StringConstant;
import adql.query.operand.WrappedOperand;
import adql.query.operand.function.ADQLFunction;
import adql.query.operand.function.InUnitFunction;
import adql.query.operand.function.MathFunction;
import adql.query.operand.function.SQLFunction;
import adql.query.operand.function.SQLFunctionType;
import adql.query.operand.function.UserDefinedFunction;
import adql.query.operand.function.cast.CastFunction;
import adql.query.operand.function.cast.StandardTargetType;
import adql.query.operand.function.cast.TargetType;
import adql.query.operand.function.geometry.AreaFunction;
import adql.query.operand.function.geometry.BoxFunction;
import adql.query.operand.function.geometry.CentroidFunction;
import adql.query.operand.function.geometry.CircleFunction;
import adql.query.operand.function.geometry.ContainsFunction;
import adql.query.operand.function.geometry.DistanceFunction;
import adql.query.operand.function.geometry.ExtractCoord;
import adql.query.operand.function.geometry.ExtractCoordSys;
import adql.query.operand.function.geometry.GeometryFunction;
import adql.query.operand.function.geometry.GeometryFunction.GeometryValue;
import adql.query.operand.function.geometry.IntersectsFunction;
import adql.query.operand.function.geometry.PointFunction;
import adql.query.operand.function.geometry.PolygonFunction;
import adql.query.operand.function.geometry.RegionFunction;
import adql.translator.JDBCTranslator;
import adql.translator.TranslationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import meridian.sql.geom.GeometryFunctions;
import meridian.sql.geom.Shape;
import meridian.sql.geom.SkyCells;
import meridian.sql.geom.SphericalGeometry;
import meridian.sql.model.Table;

/**
 * ADQL to Apache Derby SQL. Geometry lives in the database as STC-S text and is computed by the
 * Java functions of {@link GeometryFunctions} (schema {@code MERIDIAN}); so are the numeric
 * functions Derby lacks. Differences from the generic translation:
 * <ul>
 * <li>{@code TOP n} and {@code OFFSET n} become {@code OFFSET n ROWS FETCH FIRST n ROWS ONLY};</li>
 * <li>{@code WITH} items are inlined as derived tables (Derby has no WITH);</li>
 * <li>{@code ILIKE} becomes {@code LOWER(a) LIKE LOWER(b)}, {@code AVG} averages doubles, casts
 *     of numbers to text and of ISO-8601 text to timestamps go through functions;</li>
 * <li>a cone or region test on a table's position columns ({@code CONTAINS(POINT(ra, dec),
 *     CIRCLE/BOX/POLYGON(constants)) = 1}, {@code 1 = CONTAINS(...)}, the same with
 *     {@code INTERSECTS}, and {@code DISTANCE(POINT(ra, dec), POINT(a, b)) < r} or {@code <=},
 *     either way round) is prefixed by a test on the indexed sky cell ({@link SkyCells}) and
 *     keeps the exact function test.</li>
 * </ul>
 * Every identifier is quoted. {@link PostgresTranslator} extends this translation, overriding the
 * protected hooks. Not thread-safe: one instance per query.
 */
public class DerbyTranslator extends JDBCTranslator implements AdqlTranslator {

    private static final String FN_SCHEMA = '"' + GeometryFunctions.SCHEMA + "\".";

    /** WITH items in scope, innermost query first. */
    private final Deque<List<WithItem>> withScopes = new ArrayDeque<>();
    /** SELECT lists of the queries being translated, innermost first; ORDER BY refers to them. */
    private final Deque<ClauseSelect> selects = new ArrayDeque<>();
    /** True while translating the ORDER BY of a set operation, which may only name result columns. */
    private boolean setOrder;
    private int derivedTables;

    @Override
    public String toSql(ADQLSet query) throws TranslationException {
        return translate(query);
    }

    @Override
    public FeatureSet getSupportedFeatures() {
        return AdqlFeatures.featureSet();
    }

    @Override
    public boolean isCaseSensitive(IdentifierField field) {
        // the model's names are the database's names exactly: always quote
        return true;
    }

    @Override
    public StringBuffer appendIdentifier(StringBuffer str, String id, boolean caseSensitive) {
        String bare = id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")
                ? id.substring(1, id.length() - 1).replace("\"\"", "\"") : id;
        return str.append('"').append(bare.replace("\"", "\"\"")).append('"');
    }

    // ---------------------------------------------------------------- queries and sets

    @Override
    public String translate(ADQLObject obj) throws TranslationException {
        if (obj instanceof ADQLOrder order) {
            return translate(order);
        }
        return super.translate(obj);
    }

    /** ADQLlib falls back to the ADQL text for operand kinds it does not list; list them all. */
    @Override
    public String translate(ADQLOperand op) throws TranslationException {
        if (op instanceof GeometryValue<?> g) {
            return translate(g.getValue());
        }
        return super.translate(op);
    }

    @Override
    public String translate(ADQLConstraint cons) throws TranslationException {
        if (cons instanceof ConstraintsGroup group) {
            return translate((ClauseConstraints) group);
        }
        return super.translate(cons);
    }

    @Override
    public String translate(ADQLSet set) throws TranslationException {
        if (set instanceof SetOperation op) {
            return translate(op);
        }
        return translate((ADQLQuery) set);
    }

    @Override
    public String translate(ADQLQuery query) throws TranslationException {
        withScopes.push(withItems(query.getWith()));
        selects.push(query.getSelect());
        boolean outerSetOrder = setOrder;
        setOrder = false;
        try {
            StringBuilder sql = new StringBuilder(translate(query.getSelect()));
            sql.append("\nFROM ").append(translate(query.getFrom()));
            if (!query.getWhere().isEmpty()) {
                sql.append('\n').append(translate(query.getWhere()));
            }
            if (!query.getGroupBy().isEmpty()) {
                sql.append('\n').append(translate(query.getGroupBy()));
            }
            if (!query.getHaving().isEmpty()) {
                sql.append('\n').append(translate(query.getHaving()));
            }
            if (!query.getOrderBy().isEmpty()) {
                sql.append('\n').append(translate(query.getOrderBy()));
            }
            return limit(sql, query.getOffset(), query.hasLimit() ? query.getLimit() : -1);
        } finally {
            setOrder = outerSetOrder;
            selects.pop();
            withScopes.pop();
        }
    }

    @Override
    public String translate(SetOperation op) throws TranslationException {
        withScopes.push(withItems(op.getWith()));
        try {
            StringBuilder sql = new StringBuilder(setOperand(op.getLeftSet()));
            sql.append('\n').append(op.getOperation()).append(op.isWithDuplicates() ? " ALL" : "").append('\n');
            sql.append(setOperand(op.getRightSet()));
            if (!op.getOrderBy().isEmpty()) {
                ADQLSet left = op;
                while (left instanceof SetOperation l) {
                    left = l.getLeftSet();
                }
                selects.push(((ADQLQuery) left).getSelect());
                boolean outer = setOrder;
                setOrder = true;
                try {
                    sql.append('\n').append(translate(op.getOrderBy()));
                } finally {
                    setOrder = outer;
                    selects.pop();
                }
            }
            return limit(sql, op.getOffset(), op.hasLimit() ? op.getLimit() : -1);
        } finally {
            withScopes.pop();
        }
    }

    /** An operand of UNION/EXCEPT/INTERSECT; one with its own ORDER BY, TOP or OFFSET becomes a derived table. */
    private String setOperand(ADQLSet set) throws TranslationException {
        String sql = translate(set);
        boolean ownClauses = set.hasLimit() || set.getOffset() != null || !set.getOrderBy().isEmpty()
                || !set.getWith().isEmpty();
        if (ownClauses) {
            return "SELECT * FROM (" + sql + ") AS \"meridian_set" + (++derivedTables) + '"';
        }
        return set instanceof SetOperation ? "(" + sql + ")" : sql;
    }

    /** Appends Derby's OFFSET/FETCH; TOP 0 has no FETCH form, so it becomes an empty derived table. */
    private String limit(StringBuilder sql, ClauseOffset offset, int limit) {
        if (offset != null && offset.getValue() > 0) {
            sql.append("\nOFFSET ").append(offset.getValue()).append(" ROWS");
        }
        if (limit == 0) {
            return "SELECT * FROM (" + sql + ") AS \"meridian_empty" + (++derivedTables) + "\" WHERE 1 = 0";
        }
        if (limit > 0) {
            sql.append("\nFETCH FIRST ").append(limit).append(" ROWS ONLY");
        }
        return sql.toString();
    }

    private static List<WithItem> withItems(ClauseADQL<WithItem> with) {
        List<WithItem> items = new ArrayList<>();
        if (with != null) {
            for (WithItem w : with) {
                items.add(w);
            }
        }
        return items;
    }

    private WithItem withItem(ADQLTable table) {
        if (table.isSubQuery() || table.getSchemaName() != null) {
            return null;
        }
        String name = table.getTableName();
        for (List<WithItem> scope : withScopes) {
            for (int i = scope.size() - 1; i >= 0; i--) {
                WithItem w = scope.get(i);
                boolean same = w.isLabelCaseSensitive() || table.isCaseSensitive(IdentifierField.TABLE)
                        ? w.getLabel().equals(name) : w.getLabel().equalsIgnoreCase(name);
                if (same) {
                    return w;
                }
            }
        }
        return null;
    }

    @Override
    public String translate(ADQLTable table) throws TranslationException {
        WithItem w = withItem(table);
        if (w == null) {
            return super.translate(table);
        }
        // Derby has no WITH: the common table becomes a derived table named like the CTE
        StringBuffer sql = new StringBuffer("(").append(translate(w.getQuery())).append(") AS ");
        if (table.hasAlias()) {
            String alias = table.getAlias();
            appendIdentifier(sql, table.isCaseSensitive(IdentifierField.ALIAS) ? alias : alias.toLowerCase(Locale.ROOT),
                    true);
        } else {
            String label = w.getDBLink() != null ? w.getDBLink().getDBName()
                    : w.isLabelCaseSensitive() ? w.getLabel() : w.getLabel().toLowerCase(Locale.ROOT);
            appendIdentifier(sql, label, true);
        }
        return sql.toString();
    }

    @Override
    public String getQualifiedTableName(DBTable table) {
        if (table == null) {
            return "";
        }
        StringBuffer sql = new StringBuffer();
        if (table.getDBSchemaName() != null) {
            appendIdentifier(sql, table.getDBSchemaName(), true).append('.');
        }
        return appendIdentifier(sql, table.getDBName(), true).toString();
    }

    /**
     * ORDER BY a result column is written as its position in the SELECT list, which Derby
     * accepts everywhere (set operations included) whatever the alias and quoting.
     */
    @Override
    public String translate(ADQLOrder order) throws TranslationException {
        String key;
        if (order.getColumnReference() != null) {
            key = String.valueOf(order.getColumnReference().getColumnIndex());
        } else {
            ADQLOperand e = order.getExpression();
            int position = e instanceof ADQLColumn c ? selectPosition(c) : -1;
            if (position > 0) {
                key = String.valueOf(position);
            } else if (setOrder) {
                throw new TranslationException("ORDER BY of a UNION, EXCEPT or INTERSECT must name a result column: "
                        + e.toADQL());
            } else {
                key = translate(e);
            }
        }
        return key + (order.isDescSorting() ? " DESC" : " ASC");
    }

    /** 1-based position of the SELECT item {@code col} names, or -1. */
    private int selectPosition(ADQLColumn col) {
        ClauseSelect select = selects.peek();
        if (select == null) {
            return -1;
        }
        for (int i = 0; i < select.size(); i++) {
            SelectItem item = select.get(i);
            if (item instanceof SelectAllColumns) {
                return -1;
            }
            ADQLOperand op = unwrap(item.getOperand());
            if (col.getDBLink() != null && op instanceof ADQLColumn c && c.getDBLink() == col.getDBLink()
                    && !item.hasAlias()) {
                return i + 1;
            }
        }
        if (col.getTableName() != null) {
            return -1;
        }
        for (int i = 0; i < select.size(); i++) {
            SelectItem item = select.get(i);
            ADQLOperand op = unwrap(item.getOperand());
            String name = item.hasAlias() ? item.getAlias() : op instanceof ADQLColumn c ? c.getColumnName() : null;
            boolean exact = (item.hasAlias() && item.isCaseSensitive()) || col.isCaseSensitive(IdentifierField.COLUMN);
            if (name != null && (exact ? name.equals(col.getColumnName()) : name.equalsIgnoreCase(col.getColumnName()))) {
                return i + 1;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- constraints

    @Override
    public String translate(Comparison comp) throws TranslationException {
        ComparisonOperator op = comp.getOperator();
        String left = comparedOperand(comp.getLeftOperand(), comp.getRightOperand());
        String right = comparedOperand(comp.getRightOperand(), comp.getLeftOperand());
        String exact;
        if (op == ComparisonOperator.ILIKE || op == ComparisonOperator.NOTILIKE) {
            exact = "LOWER(" + left + ")" + (op == ComparisonOperator.ILIKE ? " LIKE " : " NOT LIKE ")
                    + "LOWER(" + right + ")";
        } else {
            exact = left + " " + op.toADQL() + " " + right;
        }
        String prefilter = spatialPrefilter(comp);
        return prefilter == null ? exact : "(" + prefilter + " AND " + exact + ")";
    }

    @Override
    public String translate(Between between) throws TranslationException {
        ADQLOperand value = between.getLeftOperand();
        return translate(value) + " " + between.getName() + " " + comparedOperand(between.getMinOperand(), value)
                + " AND " + comparedOperand(between.getMaxOperand(), value);
    }

    /** Text compared with a timestamp column is read as ISO 8601 (Derby itself wants a space, not a T). */
    private String comparedOperand(ADQLOperand op, ADQLOperand other) throws TranslationException {
        if (op instanceof StringConstant && other instanceof ADQLColumn col && col.getDBLink() != null
                && col.getDBLink().getDatatype() != null
                && col.getDBLink().getDatatype().type == DBDatatype.TIMESTAMP) {
            return fn("TO_TIMESTAMP", translate(op));
        }
        return translate(op);
    }

    // ---------------------------------------------------------------- the positional index

    /** The index pre-filter for a cone or region test on position columns, or null. */
    private String spatialPrefilter(Comparison comp) throws TranslationException {
        ComparisonOperator op = comp.getOperator();
        ADQLOperand l = unwrap(comp.getLeftOperand());
        ADQLOperand r = unwrap(comp.getRightOperand());
        if (op == ComparisonOperator.EQUAL) {
            if (isOne(r) && l instanceof GeometryFunction g) {
                return regionPrefilter(g);
            }
            if (isOne(l) && r instanceof GeometryFunction g) {
                return regionPrefilter(g);
            }
            return null;
        }
        // DISTANCE(...) < r, DISTANCE(...) <= r, r > DISTANCE(...), r >= DISTANCE(...)
        if ((op == ComparisonOperator.LESS_THAN || op == ComparisonOperator.LESS_OR_EQUAL)
                && l instanceof DistanceFunction d && constant(r) != null) {
            return distancePrefilter(d, constant(r));
        }
        if ((op == ComparisonOperator.GREATER_THAN || op == ComparisonOperator.GREATER_OR_EQUAL)
                && r instanceof DistanceFunction d && constant(l) != null) {
            return distancePrefilter(d, constant(l));
        }
        return null;
    }

    private String regionPrefilter(GeometryFunction g) throws TranslationException {
        GeometryValue<GeometryFunction> point;
        GeometryValue<GeometryFunction> region;
        if (g instanceof ContainsFunction c) {
            point = c.getLeftParam();
            region = c.getRightParam();
        } else if (g instanceof IntersectsFunction i) {
            boolean leftIsPoint = i.getLeftParam().getValue() instanceof PointFunction;
            point = leftIsPoint ? i.getLeftParam() : i.getRightParam();
            region = leftIsPoint ? i.getRightParam() : i.getLeftParam();
        } else {
            return null;
        }
        ADQLColumn[] pos = positionColumns(point);
        Shape shape = constantShape(region);
        if (pos == null || shape == null || shape instanceof Shape.Point) {
            return null;
        }
        return positionPrefilter(pos[0], pos[1], SphericalGeometry.boundingCircle(shape));
    }

    private String distancePrefilter(DistanceFunction d, double radius) throws TranslationException {
        ADQLColumn[] pos = positionColumns(d.getP1());
        Shape other = constantShape(d.getP2());
        if (pos == null) {
            pos = positionColumns(d.getP2());
            other = constantShape(d.getP1());
        }
        if (pos == null || !(other instanceof Shape.Point p) || !(radius >= 0) || radius > 180) {
            return null;
        }
        return positionPrefilter(pos[0], pos[1], new Shape.Circle(p.frame(), p.ra(), p.dec(), radius));
    }

    /**
     * The index pre-filter selecting (at least) every row of a table whose declared position
     * columns {@code ra}, {@code dec} lie in {@code cone}; the exact test is added after it.
     * Derby tests the indexed sky cell ({@link SkyCells}).
     */
    protected String positionPrefilter(ADQLColumn raColumn, ADQLColumn decColumn, Shape.Circle cone)
            throws TranslationException {
        String ra = translate(raColumn);
        String quotedRa = appendIdentifier(new StringBuffer(), raColumn.getDBLink().getDBName(), true).toString();
        String cell = ra.substring(0, ra.length() - quotedRa.length())
                + appendIdentifier(new StringBuffer(), SkyCells.COLUMN, true);
        SkyCells.Cover cover = SkyCells.cover(cone.ra(), cone.dec(), cone.radius());
        if (cover.cells() == null) {
            return cell + " BETWEEN " + cover.first() + " AND " + cover.last();
        }
        return cell + " IN (" + cover.cells().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    /** The (ra, dec) columns of a POINT over a model table's declared position columns, or null. */
    private static ADQLColumn[] positionColumns(GeometryValue<GeometryFunction> value) {
        if (!(value.getValue() instanceof PointFunction p)
                || !(unwrap(p.getCoord1()) instanceof ADQLColumn ra)
                || !(unwrap(p.getCoord2()) instanceof ADQLColumn dec)
                || !(ra.getDBLink() instanceof ModelTables.ModelDBColumn mra)
                || !(dec.getDBLink() instanceof ModelTables.ModelDBColumn mdec)
                || mra.getTable() != mdec.getTable() || !isModelTable(mra.getTable())) {
            return null;
        }
        Table.Position position = mra.modelTable().position();
        if (position == null || !mra.column().name().equals(position.raColumn())
                || !mdec.column().name().equals(position.decColumn())) {
            return null;
        }
        return new ADQLColumn[] {ra, dec};
    }

    /** True for a table of the database itself, not a subquery or common table built from one. */
    private static boolean isModelTable(DBTable t) {
        DBTable origin = t instanceof DBTableAlias a ? a.getOriginTable() : t;
        return origin instanceof ModelTables.ModelDBTable;
    }

    /** A geometry made of numeric constants only, or null. */
    private static Shape constantShape(GeometryValue<GeometryFunction> value) {
        return constantShape(value.getValue());
    }

    private static Shape constantShape(ADQLOperand op) {
        try {
            if (op instanceof GeometryValue<?> gv) {
                return constantShape(gv.getValue());
            }
            if (op instanceof PointFunction p) {
                Double ra = constant(p.getCoord1());
                Double dec = constant(p.getCoord2());
                return ra == null || dec == null ? null : new Shape.Point(ra, dec);
            }
            if (op instanceof CircleFunction c) {
                Shape.Point center = centre(c.getCenter(), c.getCoord1(), c.getCoord2());
                Double r = constant(c.getRadius());
                return center == null || r == null ? null : new Shape.Circle("ICRS", center.ra(), center.dec(), r);
            }
            if (op instanceof BoxFunction b) {
                Shape.Point center = centre(b.getCenter(), b.getCoord1(), b.getCoord2());
                Double w = constant(b.getWidth());
                Double h = constant(b.getHeight());
                return center == null || w == null || h == null ? null
                        : new Shape.Box("ICRS", center.ra(), center.dec(), w, h);
            }
            if (op instanceof PolygonFunction p) {
                List<Double> coords = new ArrayList<>();
                for (ADQLOperand v : polygonVertices(p)) {
                    Shape s = v.isGeometry() ? constantShape(v) : null;
                    if (s instanceof Shape.Point pt) {
                        coords.add(pt.ra());
                        coords.add(pt.dec());
                    } else {
                        Double d = constant(v);
                        if (d == null) {
                            return null;
                        }
                        coords.add(d);
                    }
                }
                return new Shape.Polygon("ICRS", coords.stream().mapToDouble(Double::doubleValue).toArray());
            }
        } catch (IllegalArgumentException invalid) {
            // not a valid constant region: no pre-filter, the exact test reports or handles it
            return null;
        }
        return null;
    }

    private static Shape.Point centre(GeometryValue<GeometryFunction> center, ADQLOperand c1, ADQLOperand c2) {
        if (center != null) {
            return constantShape(center) instanceof Shape.Point p ? p : null;
        }
        Double ra = constant(c1);
        Double dec = constant(c2);
        return ra == null || dec == null ? null : new Shape.Point(ra, dec);
    }

    private static Double constant(ADQLOperand op) {
        op = unwrap(op);
        if (op instanceof NumericConstant n) {
            return n.getNumericValue();
        }
        if (op instanceof NegativeOperand n) {
            Double d = constant(n.getOperand());
            return d == null ? null : -d;
        }
        return null;
    }

    private static boolean isOne(ADQLOperand op) {
        Double d = constant(op);
        return d != null && d == 1;
    }

    private static ADQLOperand unwrap(ADQLOperand op) {
        while (op instanceof WrappedOperand w) {
            op = w.getOperand();
        }
        return op;
    }

    // ---------------------------------------------------------------- functions

    @Override
    public String translate(ADQLFunction fct) throws TranslationException {
        if (fct instanceof GeometryFunction g) {
            return translate(g);
        } else if (fct instanceof MathFunction m) {
            return translate(m);
        } else if (fct instanceof SQLFunction s) {
            return translate(s);
        } else if (fct instanceof CastFunction c) {
            return translate(c);
        } else if (fct instanceof InUnitFunction u) {
            return translate(u);
        } else if (fct instanceof UserDefinedFunction u) {
            return translate(u);
        }
        return super.translate(fct);
    }

    @Override
    public String translate(UserDefinedFunction fct) throws TranslationException {
        throw new TranslationException("Unknown function " + fct.getName() + ".");
    }

    @Override
    public String translate(SQLFunction fct) throws TranslationException {
        if (fct.getType() == SQLFunctionType.AVG) {
            // Derby averages integers as integers
            return "AVG(" + (fct.isDistinct() ? "DISTINCT " : "") + "CAST(" + translate(fct.getParameter(0))
                    + " AS " + doubleType() + "))";
        }
        return super.translate(fct);
    }

    @Override
    public String translate(MathFunction fct) throws TranslationException {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < fct.getNbParameters(); i++) {
            p.add(translate(fct.getParameter(i)));
        }
        return switch (fct.getType()) {
            case ABS, DEGREES, EXP, FLOOR, LOG10, RADIANS, SQRT, ACOS, ASIN, ATAN, ATAN2, COS, COT, SIN, TAN ->
                    fct.getType().name() + "(" + String.join(", ", p) + ")";
            case CEILING -> "CEIL(" + p.get(0) + ")";
            case LOG -> "LN(" + p.get(0) + ")";
            case PI -> "PI()";
            case RAND -> p.isEmpty() ? "RANDOM()" : seededRandom("CAST(" + p.get(0) + " AS INTEGER)");
            case MOD -> fn("MOD", p.get(0), p.get(1));
            case POWER -> fn("POWER", p.get(0), p.get(1));
            case ROUND -> fn("ROUND", p.get(0), p.size() > 1 ? "CAST(" + p.get(1) + " AS INTEGER)" : "0");
            case TRUNCATE -> fn("TRUNCATE", p.get(0), p.size() > 1 ? "CAST(" + p.get(1) + " AS INTEGER)" : "0");
        };
    }

    @Override
    public String translate(CastFunction fct) throws TranslationException {
        TargetType target = fct.getTargetType();
        String name = target.getName().toUpperCase(Locale.ROOT);
        int length = target instanceof StandardTargetType s ? s.getTypeLength() : -1;
        ADQLOperand value = fct.getValue();
        String v = translate(value);
        switch (name) {
            case "CHAR", "VARCHAR", "CHARACTER", "CHARACTER VARYING" -> {
                String type = length > 0 ? (name.startsWith("CHAR") && !name.contains("VARYING") ? "CHAR(" : "VARCHAR(")
                        + length + ")" : "VARCHAR(32672)";
                if (value.isNumeric() && !value.isString()) {
                    return "CAST(" + fn("TO_TEXT", v) + " AS " + type + ")";
                }
                return "CAST(" + v + " AS " + type + ")";
            }
            case "TIMESTAMP" -> {
                return value.isString() && !value.isNumeric() ? fn("TO_TIMESTAMP", v) : "CAST(" + v + " AS TIMESTAMP)";
            }
            case "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE PRECISION" -> {
                String type = name.equals("DOUBLE PRECISION") ? doubleType() : name;
                if (value.isString() && !value.isNumeric()) {
                    // Derby cannot cast text to DOUBLE
                    return "CAST(" + fn("TO_DOUBLE", v) + " AS " + type + ")";
                }
                return "CAST(" + v + " AS " + type + ")";
            }
            default -> throw new TranslationException("CAST to " + target.toADQL() + " is not supported.");
        }
    }

    @Override
    public String translate(InUnitFunction fct) throws TranslationException {
        ADQLOperand value = unwrap(fct.getValue());
        String target = fct.getTargetUnit() instanceof StringConstant s ? s.getValue() : null;
        String source = value instanceof ADQLColumn c && c.getDBLink() instanceof ModelTables.ModelDBColumn m
                ? m.column().unit() : null;
        if (target == null) {
            throw new TranslationException("IN_UNIT needs the target unit as a string literal.");
        }
        if (source == null) {
            throw new TranslationException("IN_UNIT works on a column with a unit; "
                    + fct.getValue().toADQL() + " has none known.");
        }
        double factor = UnitConversion.factor(source, target);
        if (Double.isNaN(factor)) {
            throw new TranslationException("IN_UNIT cannot convert " + value.toADQL() + " from '" + source + "' to '"
                    + target + "'.");
        }
        return "(" + translate(value) + " * " + factor + ")";
    }

    @Override
    public String translate(GeometryFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(ExtractCoord fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(ExtractCoordSys fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(AreaFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(CentroidFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(DistanceFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(ContainsFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(IntersectsFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(PointFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(CircleFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(BoxFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(PolygonFunction fct) throws TranslationException {
        return geometry(fct);
    }

    @Override
    public String translate(RegionFunction fct) throws TranslationException {
        return geometry(fct);
    }

    private String geometry(GeometryFunction fct) throws TranslationException {
        if (fct instanceof PointFunction p) {
            return fn("POINT", translate(p.getCoord1()), translate(p.getCoord2()));
        }
        if (fct instanceof CircleFunction c) {
            String[] centre = centreArgs(c.getCenter(), c.getCoord1(), c.getCoord2());
            return fn("CIRCLE", centre[0], centre[1], translate(c.getRadius()));
        }
        if (fct instanceof BoxFunction b) {
            String[] centre = centreArgs(b.getCenter(), b.getCoord1(), b.getCoord2());
            return fn("BOX", centre[0], centre[1], translate(b.getWidth()), translate(b.getHeight()));
        }
        if (fct instanceof PolygonFunction p) {
            List<String> args = new ArrayList<>();
            for (ADQLOperand v : polygonVertices(p)) {
                String[] xy = v.isGeometry() ? pointArgs(v) : null;
                if (xy != null) {
                    args.add(xy[0]);
                    args.add(xy[1]);
                } else {
                    args.add(translate(v));
                }
            }
            return fn("POLYGON", args.toArray(String[]::new));
        }
        if (fct instanceof DistanceFunction d) {
            String[] p1 = pointArgs(d.getP1());
            String[] p2 = pointArgs(d.getP2());
            if (p1 != null && p2 != null) {
                return fn("DISTANCE", p1[0], p1[1], p2[0], p2[1]);
            }
            return fn("GEOM_DISTANCE", translate(d.getP1()), translate(d.getP2()));
        }
        if (fct instanceof ContainsFunction c) {
            return pointInRegion(c.getLeftParam(), c.getRightParam(), "CONTAINS");
        }
        if (fct instanceof IntersectsFunction i) {
            if (pointArgs(i.getLeftParam()) == null && pointArgs(i.getRightParam()) != null) {
                return pointInRegion(i.getRightParam(), i.getLeftParam(), "INTERSECTS");
            }
            return pointInRegion(i.getLeftParam(), i.getRightParam(), "INTERSECTS");
        }
        if (fct instanceof AreaFunction a) {
            return fn("AREA", translate(a.getParameter()));
        }
        if (fct instanceof CentroidFunction c) {
            return fn("CENTROID", translate(c.getParameter(0)));
        }
        if (fct instanceof ExtractCoord e) {
            String[] xy = pointArgs(e.getParameter(0));
            boolean first = "COORD1".equalsIgnoreCase(e.getName());
            if (xy != null) {
                return xy[first ? 0 : 1];
            }
            return fn(first ? "COORD1" : "COORD2", translate(e.getParameter(0)));
        }
        if (fct instanceof ExtractCoordSys c) {
            return fn("COORDSYS", translate(c.getParameter(0)));
        }
        if (fct instanceof RegionFunction r) {
            return fn("REGION", translate(r.getParameter(0)));
        }
        throw new TranslationException("The geometry function " + fct.getName() + " is not supported.");
    }

    /** A point tested against a region: cheap forms when the point is given by its coordinates. */
    private String pointInRegion(GeometryValue<GeometryFunction> point, GeometryValue<GeometryFunction> region,
                                 String general) throws TranslationException {
        String[] xy = pointArgs(point);
        if (xy == null) {
            return fn(general, translate(point), translate(region));
        }
        if (region.getValue() instanceof CircleFunction c) {
            String[] centre = centreArgs(c.getCenter(), c.getCoord1(), c.getCoord2());
            return fn("IN_CIRCLE", xy[0], xy[1], centre[0], centre[1], translate(c.getRadius()));
        }
        return fn("CONTAINS_POINT", xy[0], xy[1], translate(region));
    }

    @Override
    public String translate(GeometryValue<? extends GeometryFunction> value) throws TranslationException {
        return translate(value.getValue());
    }

    /** The coordinate expressions of a POINT(...) operand, or null when it is not one. */
    private String[] pointArgs(ADQLOperand op) throws TranslationException {
        ADQLOperand v = op instanceof GeometryValue<?> gv ? gv.getValue() : op;
        if (v instanceof PointFunction p) {
            return new String[] {translate(p.getCoord1()), translate(p.getCoord2())};
        }
        return null;
    }

    private String[] centreArgs(GeometryValue<GeometryFunction> center, ADQLOperand c1, ADQLOperand c2)
            throws TranslationException {
        if (center == null) {
            return new String[] {translate(c1), translate(c2)};
        }
        String[] xy = pointArgs(center);
        if (xy != null) {
            return xy;
        }
        String p = translate(center);
        return new String[] {fn("COORD1", p), fn("COORD2", p)};
    }

    /** The vertex operands of a POLYGON: numbers, or points (ADQL 2.1); the coordinate system is skipped. */
    private static List<ADQLOperand> polygonVertices(PolygonFunction p) {
        List<ADQLOperand> out = new ArrayList<>();
        ADQLOperand[] params = p.getParameters();
        for (int i = 0; i < params.length; i++) {
            // the first parameter is the (deprecated) coordinate system, a string
            if (i == 0 && params[i].isString() && !params[i].isNumeric()) {
                continue;
            }
            out.add(params[i]);
        }
        return out;
    }

    /** The SQL name of the double-precision type in casts. */
    protected String doubleType() {
        return "DOUBLE";
    }

    /** ADQL {@code RAND(seed)}, with the seed already an SQL integer expression. */
    protected String seededRandom(String seed) {
        return "RAND(" + seed + ")";
    }

    /** A call of a Meridian function ({@code "MERIDIAN"."NAME"(args)}), installed by the backend. */
    protected static String fn(String name, String... args) {
        return FN_SCHEMA + '"' + name + "\"(" + String.join(", ", args) + ")";
    }

    // ---------------------------------------------------------------- JDBCTranslator's type hooks

    @Override
    public DBType convertTypeFromDB(int dbmsType, String rawDbmsTypeName, String dbmsTypeName, String[] typeParams) {
        return new DBType(DBDatatype.UNKNOWN);
    }

    @Override
    public String convertTypeToDB(DBType type) {
        if (type == null) {
            return "VARCHAR(32672)";
        }
        return switch (type.type) {
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE";
            case TIMESTAMP -> "TIMESTAMP";
            case CHAR -> "CHAR(" + Math.max(1, type.length) + ")";
            case BINARY, VARBINARY, BLOB -> "BLOB";
            case CLOB -> "CLOB";
            default -> "VARCHAR(32672)";
        };
    }

    @Override
    public Region translateGeometryFromDB(Object jdbcColValue) throws ParseException {
        throw new ParseException("Geometries are read from Derby as STC-S text, not as ADQLlib regions.");
    }

    @Override
    public Object translateGeometryToDB(Region region) throws ParseException {
        throw new ParseException("Geometries are written to Derby as STC-S text, not from ADQLlib regions.");
    }

    /** The result columns' DB columns, exposed for tests of the translation. */
    static DBColumn[] resulting(ADQLSet set) {
        return set.getResultingColumns();
    }
}
