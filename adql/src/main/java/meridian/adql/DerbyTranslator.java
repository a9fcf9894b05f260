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
import adql.query.from.ADQLJoin;
import adql.query.from.ADQLTable;
import adql.query.from.CrossJoin;
import adql.query.from.FromContent;
import adql.query.from.InnerJoin;
import adql.query.from.OuterJoin;
import adql.db.DBCommonColumn;
import adql.query.operand.ADQLColumn;
import adql.query.operand.ADQLOperand;
import adql.query.operand.Concatenation;
import adql.query.operand.NegativeOperand;
import adql.query.operand.NullValue;
import adql.query.operand.NumericConstant;
import adql.query.operand.Operation;
import adql.query.operand.function.conditional.CoalesceFunction;
import adql.query.constraint.In;
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
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import meridian.sql.geom.GeometryFunctions;
import meridian.sql.geom.SkyCells;
import meridian.sql.model.Datatype;

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
 *     keeps the exact function test; when the cone's centre comes from another table (a
 *     cross-match) the test is the cell range under each centre and Derby is told to use the
 *     sky-cell index of the searched table.</li>
 * </ul>
 * Every identifier is quoted. {@link PostgresTranslator} extends this translation, overriding the
 * protected hooks. Not thread-safe: one instance per query.
 */
public class DerbyTranslator extends JDBCTranslator implements AdqlTranslator {

    private static final String FN_SCHEMA = '"' + GeometryFunctions.SCHEMA + "\".";
    /** Any floating-point operand: the type of a NULL argument of a mathematical function. */
    private static final ADQLOperand NUMBER = new NumericConstant("0.5");

    /** WITH items in scope, innermost query first. */
    private final Deque<List<WithItem>> withScopes = new ArrayDeque<>();
    /** SELECT lists of the queries being translated, innermost first; ORDER BY refers to them. */
    private final Deque<ClauseSelect> selects = new ArrayDeque<>();
    /** True while translating the ORDER BY of a set operation, which may only name result columns. */
    private boolean setOrder;
    private int derivedTables;
    /** Correlation name of a restricted table inside its derived table. */
    private static final String RESTRICTED_ROW = "meridian_rows";
    /** The rows queries may see; every row unless {@link #restrict} says otherwise. */
    private RowFilter rows = RowFilter.NONE;
    /** Tables a cross-match cone moves over: Derby must be told to probe their sky-cell index. */
    private final Set<DBTable> crossMatched = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The operand a NULL literal being translated is compared or combined with: it gives the NULL's type. */
    private ADQLOperand nullPartner;
    /** Queries grouped through a derived table (see {@link #groupedQuery}), innermost first. */
    private final Deque<Grouping> groupings = new ArrayDeque<>();
    /** True while translating an operand as written, without {@link #groupings}' substitutions. */
    private boolean raw;
    /**
     * Columns of the tables of rewritten FULL OUTER JOINs (see {@link #fullJoin}): per table,
     * per column name in the database, the derived table's column that replaces it.
     */
    private final Map<DBTable, Map<String, String>> fullJoinColumns = new IdentityHashMap<>();
    /** The columns of rewritten USING and NATURAL full joins, by lower-case ADQL name. */
    private final Map<String, String> fullJoinCommon = new java.util.HashMap<>();
    /** True while translating the inside of a rewritten full join, where its tables are themselves. */
    private boolean insideFullJoin;
    private int fullJoins;
    /** Tables with a constant cone: a cross-match takes its centres from them (see PositionalConstraint). */
    private final Set<DBTable> coned = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public String toSql(ADQLSet query) throws TranslationException {
        crossMatched.clear();
        coned.clear();
        List<Comparison> comparisons = Operands.find(query, Comparison.class);
        for (Comparison c : comparisons) {
            PositionalConstraint p = PositionalConstraint.of(c);
            if (p != null && p.isConstant()) {
                coned.add(p.raColumn().getDBLink().getTable());
            }
        }
        for (Comparison c : comparisons) {
            PositionalConstraint p = positionalConstraint(c);
            if (p != null && p.cone() == null) {
                crossMatched.add(p.raColumn().getDBLink().getTable());
            }
        }
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

    /** Always a delimited identifier; a double quote inside a name is doubled, so no name can end it. */
    @Override
    public StringBuffer appendIdentifier(StringBuffer str, String id, boolean caseSensitive) {
        return str.append('"').append(id.replace("\"", "\"\"")).append('"');
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
        if (op instanceof NullValue) {
            return typedNull(nullPartner);
        }
        String grouped = groupedOperand(op);
        if (grouped != null) {
            return grouped;
        }
        return super.translate(op);
    }

    /** In parentheses: {@code 2 - -n} must not become {@code 2--n}, an SQL comment. */
    @Override
    public String translate(NegativeOperand op) throws TranslationException {
        return "(-" + translate(op.getOperand()) + ")";
    }

    // ---------------------------------------------------------------- the NULL literal

    /**
     * ADQL 2.1's NULL literal as a value. Derby accepts an untyped NULL almost nowhere
     * ({@code x = NULL}, {@code COALESCE(NULL, 3)}, {@code n + NULL} are syntax errors), so NULL
     * is written as a cast to the type of the operand it meets: a column's own type, BIGINT for
     * an integer literal, double for other numbers, text otherwise. PostgreSQL gets the same.
     */
    protected String typedNull(ADQLOperand partner) {
        ADQLOperand p = partner == null ? null : Operands.unwrap(partner);
        String type;
        if (p instanceof ADQLColumn c && c.getDBLink() != null && c.getDBLink().getDatatype() != null
                && c.getDBLink().getDatatype().isNumeric()) {
            type = convertTypeToDB(c.getDBLink().getDatatype());
        } else if (p instanceof NumericConstant n && n.getValue().matches("[0-9]+")) {
            type = "BIGINT";
        } else if (p != null && p.isNumeric() && !p.isString()) {
            type = doubleType();
        } else {
            type = convertTypeToDB(null);
        }
        return "CAST(NULL AS " + type + ")";
    }

    /** Translates {@code op} with {@code partner} giving the type of any NULL literal it is. */
    private String withPartner(ADQLOperand op, ADQLOperand partner) throws TranslationException {
        ADQLOperand outer = nullPartner;
        nullPartner = partner;
        try {
            return translate(op);
        } finally {
            nullPartner = outer;
        }
    }

    @Override
    public String translate(Concatenation concat) throws TranslationException {
        List<String> parts = new ArrayList<>();
        for (ADQLOperand op : concat) {
            parts.add(withPartner(op, null));
        }
        return "(" + String.join(" || ", parts) + ")";
    }

    @Override
    public String translate(CoalesceFunction fct) throws TranslationException {
        ADQLOperand typed = null;
        for (int i = 0; i < fct.getNbParameters() && typed == null; i++) {
            typed = fct.getParameter(i) instanceof NullValue ? null : fct.getParameter(i);
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < fct.getNbParameters(); i++) {
            args.add(withPartner(fct.getParameter(i), typed));
        }
        return "COALESCE(" + String.join(", ", args) + ")";
    }

    @Override
    public String translate(In in) throws TranslationException {
        ADQLOperand outer = nullPartner;
        nullPartner = in.getOperand();
        try {
            return super.translate(in);
        } finally {
            nullPartner = outer;
        }
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
            if (rewritesFullJoins()) {
                registerFullJoins(query.getFrom());
            }
            if (groupsByDerivedTable() && groupsByExpression(query)) {
                return groupedQuery(query);
            }
            StringBuilder sql = new StringBuilder(translate(query.getSelect()));
            sql.append("\nFROM ").append(from(query));
            if (!query.getWhere().isEmpty()) {
                sql.append('\n').append(translate(query.getWhere()));
            }
            if (!query.getGroupBy().isEmpty()) {
                sql.append('\n').append(groupBy(query.getGroupBy()));
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

    /**
     * The FROM clause. A cross-match of two tables (an inner or cross join, one side searched by
     * a moving cone whose centres the other side gives) is written centres first, with Derby's
     * join order fixed: each centre then probes the searched table's sky-cell index once. Left to
     * itself, the optimizer may put the searched table outside (once its index has statistics, a
     * scan of it looks cheap) and read every centre again for each of its rows: minutes instead of
     * seconds. Inner and cross joins commute, so the sides are swapped when written the other way
     * round, unless the select list has an asterisk (whose column order follows the FROM clause).
     * For PostgreSQL the property is a comment and the order is the planner's.
     */
    private String from(ADQLQuery query) throws TranslationException {
        FromContent from = query.getFrom();
        if (crossMatched.isEmpty() || !(from instanceof ADQLJoin join)
                || !(join instanceof InnerJoin || join instanceof CrossJoin) || join.isNatural()
                || join.hasJoinedColumns() || !(join.getLeftTable() instanceof ADQLTable left)
                || !(join.getRightTable() instanceof ADQLTable right) || searched(left) == searched(right)) {
            return translate(from);
        }
        String fixed = "--DERBY-PROPERTIES joinOrder=FIXED\n";
        if (searched(right)) {
            return fixed + translate(from);
        }
        for (SelectItem item : query.getSelect()) {
            if (item instanceof SelectAllColumns) {
                return translate(from);
            }
        }
        StringBuilder sql = new StringBuilder(fixed).append(translate(right)).append(' ').append(join.getJoinType())
                .append(' ').append(translate(left)).append(' ');
        if (join.getJoinCondition() != null) {
            sql.append(translate(join.getJoinCondition()));
        }
        return sql.toString();
    }

    // ---------------------------------------------------------------- FULL OUTER JOIN

    /** Whether FULL OUTER JOIN is rewritten (Derby has none); PostgreSQL has it. */
    protected boolean rewritesFullJoins() {
        return true;
    }

    @Override
    public String translate(FromContent from) throws TranslationException {
        if (from instanceof OuterJoin j && j.getType() == OuterJoin.OuterType.FULL && rewritesFullJoins()) {
            return fullJoin(j);
        }
        return super.translate(from);
    }

    /** Names the derived-table columns of every full join in {@code from} (before anything refers to them). */
    private void registerFullJoins(FromContent from) {
        if (!(from instanceof ADQLJoin join)) {
            return;
        }
        registerFullJoins(join.getLeftTable());
        registerFullJoins(join.getRightTable());
        if (!(join instanceof OuterJoin j && j.getType() == OuterJoin.OuterType.FULL) || fullJoinColumns.containsKey(
                join.getTables().get(0).getDBLink())) {
            return;
        }
        String name = "\"meridian_full" + (++fullJoins) + '"';
        int k = 0;
        for (ADQLTable t : join.getTables()) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (DBColumn c : t.getDBColumns()) {
                columns.put(c.getDBName(), name + ".\"meridian_c" + (++k) + '"');
            }
            fullJoinColumns.put(t.getDBLink(), columns);
        }
        for (String common : commonColumns(join)) {
            fullJoinCommon.put(common.toLowerCase(Locale.ROOT), name + ".\"meridian_c" + (++k) + '"');
        }
    }

    /** The ADQL names of the columns a USING or NATURAL join joins on. */
    private static List<String> commonColumns(ADQLJoin join) {
        List<String> names = new ArrayList<>();
        if (join.hasJoinedColumns()) {
            join.getJoinedColumns().forEachRemaining(c -> names.add(c.getColumnName()));
        } else if (join.isNatural()) {
            for (ADQLTable lt : join.getLeftTable().getTables()) {
                for (DBColumn l : lt.getDBColumns()) {
                    for (ADQLTable rt : join.getRightTable().getTables()) {
                        for (DBColumn r : rt.getDBColumns()) {
                            if (l.getADQLName().equalsIgnoreCase(r.getADQLName()) && !names.contains(l.getADQLName())) {
                                names.add(l.getADQLName());
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    /** The derived-table column replacing a column of a rewritten full join's table, or null. */
    private String fullJoinColumn(ADQLColumn column) {
        if (insideFullJoin || fullJoinColumns.isEmpty() || column.getDBLink() == null) {
            return null;
        }
        if (column.getDBLink() instanceof DBCommonColumn && column.getTableName() == null) {
            String common = fullJoinCommon.get(column.getColumnName().toLowerCase(Locale.ROOT));
            if (common != null) {
                return common;
            }
        }
        Map<String, String> columns = fullJoinColumns.get(column.getDBLink().getTable());
        return columns == null ? null : columns.get(column.getDBLink().getDBName());
    }

    /**
     * {@code L FULL OUTER JOIN R ON c} on Derby, which has no full join: the derived table
     * {@code (SELECT cols FROM L LEFT OUTER JOIN R ON c UNION ALL SELECT cols FROM R LEFT OUTER
     * JOIN L ON 1 = 0 WHERE NOT EXISTS (SELECT 1 FROM L WHERE c))}: every pair the condition
     * joins and every row of L without a partner, then every row of R without one, whose L
     * columns the join {@code ON 1 = 0} makes NULLs of L's column types. In the subquery L
     * hides the outer (NULL) L, so {@code c} tests each row of L against the outer row of R.
     * Each column of L and R becomes a column of the derived table, which every reference
     * outside the join reads instead ({@link #fullJoinColumn}); a USING or NATURAL join adds
     * the joined columns, {@code COALESCE(L.k, R.k)}.
     */
    private String fullJoin(OuterJoin join) throws TranslationException {
        boolean outer = insideFullJoin;
        insideFullJoin = true;
        try {
            String left = translate(join.getLeftTable());
            String right = translate(join.getRightTable());
            List<String> items = new ArrayList<>();
            for (ADQLTable t : join.getTables()) {
                Map<String, String> columns = fullJoinColumns.get(t.getDBLink());
                for (DBColumn c : t.getDBColumns()) {
                    String target = columns.get(c.getDBName());
                    items.add(columnSql(t, c) + " AS " + target.substring(target.indexOf('.') + 1));
                }
            }
            String condition;
            List<String> common = commonColumns(join);
            if (common.isEmpty()) {
                String on = translate(join.getJoinCondition());
                condition = on.startsWith("ON ") ? on.substring(3) : on;
            } else {
                List<String> equal = new ArrayList<>();
                for (String k : common) {
                    String l = columnSql(join.getLeftTable(), k);
                    String r = columnSql(join.getRightTable(), k);
                    equal.add(l + " = " + r);
                    String target = fullJoinCommon.get(k.toLowerCase(Locale.ROOT));
                    items.add("COALESCE(" + l + ", " + r + ") AS " + target.substring(target.indexOf('.') + 1));
                }
                condition = String.join(" AND ", equal);
            }
            String name = fullJoinColumns.get(join.getTables().get(0).getDBLink()).values().iterator().next();
            name = name.substring(0, name.indexOf('.'));
            String cols = String.join(", ", items);
            // the union is wrapped once more: Derby pushes a join's conditions on the derived table into the
            // branches of a union it reads directly, and then compares with the wrong columns
            return "(SELECT * FROM (SELECT " + cols + " FROM " + left + " LEFT OUTER JOIN " + right + " ON " + condition
                    + "\nUNION ALL\nSELECT " + cols + " FROM " + right + " LEFT OUTER JOIN " + left + " ON 1 = 0"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + left + " WHERE " + condition + ")) AS "
                    + name.replace("meridian_full", "meridian_union") + ") AS " + name;
        } finally {
            insideFullJoin = outer;
        }
    }

    /**
     * {@code *} and {@code t.*} over a rewritten full join: each column, read from the derived
     * table, named as ADQLlib names the columns of an asterisk (their ADQL names).
     */
    @Override
    public String translate(SelectAllColumns all) throws TranslationException {
        if (fullJoinColumns.isEmpty() || insideFullJoin) {
            return super.translate(all);
        }
        Iterable<DBColumn> columns;
        try {
            columns = all.getAdqlTable() != null ? all.getAdqlTable().getDBColumns()
                    : all.getQuery().getFrom().getDBColumns();
        } catch (adql.db.exception.UnresolvedJoinException e) {
            throw new TranslationException(e.getMessage(), e);
        }
        List<String> items = new ArrayList<>();
        for (DBColumn c : columns) {
            ADQLColumn ref = new ADQLColumn(c.getADQLName());
            ref.setDBLink(c);
            items.add(translate(ref) + " AS " + appendIdentifier(new StringBuffer(), c.getADQLName(), true));
        }
        return String.join(" , ", items);
    }

    /** The SQL reading column {@code c} of table {@code t} of the FROM clause. */
    private String columnSql(ADQLTable t, DBColumn c) throws TranslationException {
        ADQLColumn ref = new ADQLColumn(c.getADQLName());
        ref.setDBLink(c);
        ref.setAdqlTable(t);
        return translate(ref);
    }

    /** The SQL reading the column named {@code name} (ADQL, any case) of one side of a join. */
    private String columnSql(FromContent side, String name) throws TranslationException {
        for (ADQLTable t : side.getTables()) {
            for (DBColumn c : t.getDBColumns()) {
                if (c.getADQLName().equalsIgnoreCase(name)) {
                    return columnSql(t, c);
                }
            }
        }
        throw new TranslationException("No column " + name + " to join on.");
    }

    /** Whether a moving cone searches {@code table} (see {@link #crossMatched}). */
    private boolean searched(ADQLTable table) {
        return table.getDBLink() != null && crossMatched.contains(table.getDBLink());
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
            String condition = table.isSubQuery() || table.getDBLink() == null ? null
                    : rowCondition(origin(table.getDBLink()));
            if (condition != null) {
                return restricted(table, condition);
            }
            String sql = super.translate(table);
            if (table.getDBLink() != null && crossMatched.contains(table.getDBLink())) {
                sql += indexHint(origin(table.getDBLink()));
            }
            return sql;
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
    public void restrict(RowFilter filter) {
        this.rows = filter == null ? RowFilter.NONE : filter;
    }

    private static DBTable origin(DBTable t) {
        return t instanceof DBTableAlias a ? a.getOriginTable() : t;
    }

    /** The condition on the rows of a stored table, or null when every row is visible. */
    private String rowCondition(DBTable stored) {
        if (stored == null || stored.getADQLSchemaName() == null) {
            return null;
        }
        return rows.condition(stored.getADQLSchemaName(), stored.getADQLName(), '"' + RESTRICTED_ROW + '"')
                .orElse(null);
    }

    /**
     * A restricted table: a derived table of the visible rows (values masked, see below), named like the table's alias, or
     * when it has none, by the single identifier {@code "schema.table"} that
     * {@link #getQualifiedTableName} gives its columns.
     */
    private String restricted(ADQLTable table, String condition) {
        DBTable stored = origin(table.getDBLink());
        StringBuffer sql = new StringBuffer("(SELECT ");
        String row = appendIdentifier(new StringBuffer(), RESTRICTED_ROW, true).toString();
        // The optimizer may test the query's own conditions on a row before the restriction
        // (flattening, predicate push-down): every value of a row the restriction rejects reads
        // as NULL, so no such test (1 / (x - c), a failing cast) can fail or time differently
        // because of a hidden row.
        boolean first = true;
        for (DBColumn c : stored) {
            sql.append(first ? "" : ", ").append("CASE WHEN ").append(condition).append(" THEN ").append(row)
                    .append('.');
            appendIdentifier(sql, c.getDBName(), true).append(" END AS ");
            appendIdentifier(sql, c.getDBName(), true);
            first = false;
        }
        for (String internal : unmaskedItems(stored, row)) {
            sql.append(", ").append(internal);
        }
        sql.append(" FROM ");
        appendIdentifier(sql, stored.getDBSchemaName(), true).append('.');
        appendIdentifier(sql, stored.getDBName(), true).append(" AS ");
        appendIdentifier(sql, RESTRICTED_ROW, true);
        if (crossMatched.contains(table.getDBLink())) {
            sql.append(indexHint(stored));
        }
        sql.append(" WHERE ").append(condition).append(") AS ");
        if (table.hasAlias()) {
            String alias = table.getAlias();
            appendIdentifier(sql, table.isCaseSensitive(IdentifierField.ALIAS) ? alias : alias.toLowerCase(Locale.ROOT),
                    true);
        } else {
            appendIdentifier(sql, stored.getDBSchemaName() + '.' + stored.getDBName(), true);
        }
        return sql.toString();
    }

    /**
     * Select items a restricted table's derived table adds, unmasked, because the translation
     * itself (never the user: their names are not in the ADQL metadata) tests them: the index
     * pre-filter's operand, so that cone searches keep their index on a restricted table. Derby:
     * the sky-cell index column.
     *
     * @param stored the restricted table
     * @param row    the (quoted) correlation name of its rows in the derived table
     */
    protected List<String> unmaskedItems(DBTable stored, String row) {
        if (stored instanceof ModelTables.ModelDBTable m && m.table().position() != null) {
            return List.of(row + "." + appendIdentifier(new StringBuffer(), SkyCells.COLUMN, true));
        }
        return List.of();
    }

    /**
     * Whether the table a column reference reads is a restricted table's derived table (so that
     * it has the {@link #unmaskedItems}).
     */
    protected boolean readsRestricted(ADQLColumn column) {
        DBColumn link = column.getDBLink();
        return link != null && link.getTable() != null && rowCondition(origin(link.getTable())) != null;
    }

    /**
     * The optimizer cannot cost a cell range that moves with the outer row and would scan the
     * whole table for every one: name the index (the comment needs its own line).
     */
    private static String indexHint(DBTable t) {
        return " --DERBY-PROPERTIES index=\"" + SkyCells.indexName(t.getDBSchemaName(), t.getDBName()) + "\"\n";
    }

    @Override
    public String getQualifiedTableName(DBTable table) {
        if (table == null) {
            return "";
        }
        if (!(table instanceof DBTableAlias) && rowCondition(table) != null) {
            // an unaliased restricted table is a derived table (see restricted): its columns are qualified by it
            return appendIdentifier(new StringBuffer(), table.getDBSchemaName() + '.' + table.getDBName(), true)
                    .toString();
        }
        StringBuffer sql = new StringBuffer();
        if (table.getDBSchemaName() != null) {
            appendIdentifier(sql, table.getDBSchemaName(), true).append('.');
        }
        return appendIdentifier(sql, table.getDBName(), true).toString();
    }

    /** Derby cannot GROUP BY a select alias: an alias is replaced by the expression it names. */
    private String groupBy(ClauseADQL<ADQLOperand> groupBy) throws TranslationException {
        List<String> items = new ArrayList<>();
        for (ADQLOperand op : groupingExpressions(groupBy)) {
            items.add(translate(op));
        }
        return "GROUP BY " + String.join(", ", items);
    }

    /** The GROUP BY items, each select alias replaced by the expression it names. */
    private List<ADQLOperand> groupingExpressions(ClauseADQL<ADQLOperand> groupBy) {
        List<ADQLOperand> items = new ArrayList<>();
        for (ADQLOperand op : groupBy) {
            ADQLOperand aliased = op instanceof ADQLColumn c && c.getTableName() == null ? aliasedExpression(c) : null;
            items.add(aliased != null ? aliased : op);
        }
        return items;
    }

    // ---------------------------------------------------------------- GROUP BY an expression

    /**
     * A query grouped through a derived table: its grouping expressions, the qualified name of
     * the derived table, the tables of its FROM clause, and the columns of those tables the
     * outer query reads (their SQL, in order; the derived table passes them through).
     */
    private record Grouping(List<String> keys, String name, Set<DBTable> tables, Map<String, String> columns) {
    }

    /**
     * Whether a query grouped by an expression (not only by columns) is written with a derived
     * table. Derby matches a SELECT item to a grouping expression only when it can prove them
     * equal, which it cannot for calls of Java functions ({@code FLOOR}, {@code ROUND} and
     * Meridian's functions): "The SELECT list of a grouped query contains at least one invalid
     * expression". PostgreSQL matches them itself.
     */
    protected boolean groupsByDerivedTable() {
        return true;
    }

    private boolean groupsByExpression(ADQLQuery query) {
        for (ADQLOperand op : groupingExpressions(query.getGroupBy())) {
            if (!(Operands.unwrap(op) instanceof ADQLColumn c && c.getDBLink() != null
                    && c.getDBLink().getTable() != null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code SELECT f(g1), agg(c1) FROM t WHERE w GROUP BY g1 HAVING h ORDER BY o} as
     * {@code SELECT f(d.g1), agg(d.c1) FROM (SELECT g1 AS g1, c1 AS c1 FROM t WHERE w) AS d
     * GROUP BY d.g1 HAVING h' ORDER BY o'}: the grouping expressions are computed once, in the
     * derived table, and grouped by name; in the select list, HAVING and ORDER BY every
     * occurrence of a grouping expression (compared as translated SQL) reads its column, and
     * every other column of the FROM clause's tables is passed through the derived table.
     */
    private String groupedQuery(ADQLQuery query) throws TranslationException {
        List<String> keys = new ArrayList<>();
        for (ADQLOperand op : groupingExpressions(query.getGroupBy())) {
            keys.add(rawTranslation(op));
        }
        String name = "\"meridian_grouped" + (++derivedTables) + '"';
        Set<DBTable> tables = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ADQLTable t : query.getFrom().getTables()) {
            if (t.getDBLink() != null) {
                tables.add(t.getDBLink());
            }
        }
        Grouping g = new Grouping(keys, name, tables, new LinkedHashMap<>());
        groupings.push(g);
        String select;
        StringBuilder grouped = new StringBuilder("GROUP BY ");
        try {
            select = translate(query.getSelect());
            for (int i = 0; i < keys.size(); i++) {
                grouped.append(i == 0 ? "" : ", ").append(name).append(".\"meridian_g").append(i + 1).append('"');
            }
            if (!query.getHaving().isEmpty()) {
                grouped.append('\n').append(translate(query.getHaving()));
            }
            if (!query.getOrderBy().isEmpty()) {
                grouped.append('\n').append(translate(query.getOrderBy()));
            }
        } finally {
            groupings.pop();
        }
        StringBuilder sql = new StringBuilder(select).append("\nFROM (SELECT ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(keys.get(i)).append(" AS \"meridian_g").append(i + 1).append('"');
        }
        for (Map.Entry<String, String> c : g.columns().entrySet()) {
            sql.append(", ").append(c.getKey()).append(" AS ").append(c.getValue());
        }
        sql.append("\nFROM ").append(from(query));
        if (!query.getWhere().isEmpty()) {
            sql.append('\n').append(translate(query.getWhere()));
        }
        sql.append(") AS ").append(name).append('\n').append(grouped);
        return limit(sql, query.getOffset(), query.hasLimit() ? query.getLimit() : -1);
    }

    /** The translation of {@code op} as written, without grouping substitutions. */
    private String rawTranslation(ADQLOperand op) throws TranslationException {
        boolean outer = raw;
        raw = true;
        try {
            return translate(op);
        } finally {
            raw = outer;
        }
    }

    /**
     * Inside a query grouped through a derived table: the derived table's column for
     * {@code op} when it is a grouping expression or a column of the grouped tables, else null.
     */
    private String groupedOperand(ADQLOperand op) throws TranslationException {
        if (raw || groupings.isEmpty() || op instanceof NumericConstant || op instanceof StringConstant
                || op instanceof NullValue || op instanceof WrappedOperand) {
            return null;
        }
        String sql = rawTranslation(op);
        Grouping top = groupings.peek();
        int key = top.keys().indexOf(sql);
        if (key >= 0) {
            return top.name() + ".\"meridian_g" + (key + 1) + '"';
        }
        if (op instanceof ADQLColumn c && c.getDBLink() != null && c.getDBLink().getTable() != null) {
            for (Grouping g : groupings) {
                if (g.tables().contains(c.getDBLink().getTable())) {
                    String column = g.columns().computeIfAbsent(sql,
                            k -> "\"meridian_c" + (g.columns().size() + 1) + '"');
                    return g.name() + "." + column;
                }
            }
        }
        return null;
    }

    /** The expression of the SELECT item whose alias {@code col} names (when no column of that name exists). */
    private ADQLOperand aliasedExpression(ADQLColumn col) {
        ClauseSelect select = selects.peek();
        if (select == null || (col.getDBLink() != null && col.getDBLink().getTable() != null)) {
            return null;
        }
        for (SelectItem item : select) {
            if (item.hasAlias() && !(item instanceof SelectAllColumns)
                    && (item.isCaseSensitive() ? item.getAlias().equals(col.getColumnName())
                    : item.getAlias().equalsIgnoreCase(col.getColumnName()))) {
                return item.getOperand();
            }
        }
        return null;
    }

    @Override
    public String translate(ADQLColumn column) throws TranslationException {
        String full = fullJoinColumn(column);
        if (full != null) {
            return full;
        }
        if (column.getDBLink() == null) {
            // not resolved by the checker (an alias): quote it anyway, never pass raw text through
            StringBuffer sql = new StringBuffer();
            if (column.getTableName() != null) {
                appendIdentifier(sql, column.getTableName(), true).append('.');
            }
            return appendIdentifier(sql, column.getColumnName(), true).toString();
        }
        return super.translate(column);
    }

    @Override
    public String translate(SelectItem item) throws TranslationException {
        if (!(item instanceof SelectAllColumns) && item.getOperand() instanceof NullValue) {
            // Derby refuses an untyped NULL in a select list
            StringBuffer sql = new StringBuffer("CAST(NULL AS VARCHAR(1)) AS ");
            return appendIdentifier(sql, item.hasAlias() ? item.getAlias() : "NULL", true).toString();
        }
        return super.translate(item);
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
            ADQLOperand op = Operands.unwrap(item.getOperand());
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
            ADQLOperand op = Operands.unwrap(item.getOperand());
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
            if ((op == ComparisonOperator.EQUAL || op == ComparisonOperator.NOT_EQUAL) && padsText()
                    && isText(comp.getLeftOperand()) && isText(comp.getRightOperand())) {
                // trailing blanks are significant, as on PostgreSQL
                exact = op == ComparisonOperator.EQUAL
                        ? "(" + exact + " AND LENGTH(" + left + ") = LENGTH(" + right + "))"
                        : "(" + exact + " OR LENGTH(" + left + ") <> LENGTH(" + right + "))";
            }
        }
        if (op == ComparisonOperator.LIKE || op == ComparisonOperator.NOTLIKE || op == ComparisonOperator.ILIKE
                || op == ComparisonOperator.NOTILIKE) {
            exact += likeEscape();
        }
        String prefilter = spatialPrefilter(comp);
        return prefilter == null ? exact : "(" + prefilter + " AND " + exact + ")";
    }

    @Override
    public String translate(Between between) throws TranslationException {
        ADQLOperand value = between.getLeftOperand();
        return comparedOperand(value, between.getMinOperand()) + " " + between.getName() + " "
                + comparedOperand(between.getMinOperand(), value)
                + " AND " + comparedOperand(between.getMaxOperand(), value);
    }

    /**
     * Whether the database pads the shorter text with blanks before comparing (SQL's PAD SPACE,
     * Derby): then {@code =} and {@code <>} on text also compare lengths, so that trailing
     * blanks count, as they do in PostgreSQL's text comparisons.
     */
    protected boolean padsText() {
        return true;
    }

    /** A text operand (not a timestamp column, which is compared as a timestamp). */
    private static boolean isText(ADQLOperand op) {
        ADQLOperand v = Operands.unwrap(op);
        if (v instanceof ADQLColumn c && (c.getDBLink() == null || c.getDBLink().getDatatype() == null
                || !c.getDBLink().getDatatype().isString())) {
            return false;
        }
        return v.isString() && !v.isNumeric() && !v.isGeometry();
    }

    /**
     * What follows a LIKE pattern so that it has no escape character, as in ADQL (where
     * {@code \\} is an ordinary character): nothing on Derby, which has none by default.
     */
    protected String likeEscape() {
        return "";
    }

    /** Text compared with a timestamp column is read as ISO 8601 (Derby itself wants a space, not a T). */
    private String comparedOperand(ADQLOperand op, ADQLOperand other) throws TranslationException {
        if (op instanceof NullValue) {
            return typedNull(other);
        }
        if (op instanceof StringConstant && other instanceof ADQLColumn col && col.getDBLink() != null
                && col.getDBLink().getDatatype() != null
                && col.getDBLink().getDatatype().type == DBDatatype.TIMESTAMP) {
            return fn("TO_TIMESTAMP", translate(op));
        }
        return translate(op);
    }

    // ---------------------------------------------------------------- the positional index

    /**
     * The sky-cell test selecting (a superset of) the rows a cone or region test can accept, or
     * null: listed cells or a Dec band for a constant cone, the cell range under each centre for a
     * cross-match.
     */
    private String spatialPrefilter(Comparison comp) throws TranslationException {
        PositionalConstraint cone = positionalConstraint(comp);
        return cone == null ? null : positionPrefilter(cone);
    }

    /** The positional constraint of {@code comp}, a cross-match searching a table without a cone of its own. */
    protected PositionalConstraint positionalConstraint(Comparison comp) {
        return PositionalConstraint.of(comp, coned);
    }

    /**
     * The index pre-filter selecting (at least) every row a positional constraint can accept;
     * the exact test is added after it. Derby tests the indexed sky cell ({@link SkyCells}).
     */
    protected String positionPrefilter(PositionalConstraint cone) throws TranslationException {
        String ra = translate(cone.raColumn());
        String quotedRa = appendIdentifier(new StringBuffer(), cone.raColumn().getDBLink().getDBName(), true)
                .toString();
        String cell = ra.substring(0, ra.length() - quotedRa.length())
                + appendIdentifier(new StringBuffer(), SkyCells.COLUMN, true);
        if (cone.cone() == null) {
            // a cone moving with another table's rows: the cell range under each centre, its RA window
            String centreRa = translate(cone.centreRa());
            String centreDec = translate(cone.centreDec());
            String range = cell + " BETWEEN " + SkyCells.rangeSql(centreRa, centreDec, cone.radius());
            String window = SkyCells.movingRaWindowSql(cell, centreRa, centreDec, cone.radius());
            return window == null ? range : range + " AND " + window;
        }
        SkyCells.Cover cover = SkyCells.cover(cone.cone().ra(), cone.cone().dec(), cone.cone().radius());
        if (cover.cells() == null) {
            String window = SkyCells.raWindowSql(cell, cover);
            String band = cell + " BETWEEN " + cover.first() + " AND " + cover.last();
            return window == null ? band : band + " AND " + window;
        }
        return cell + " IN (" + cover.cells().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
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
        } else if (fct instanceof CoalesceFunction c) {
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
        // only the functions of AdqlFunctions pass the checker; each carries its translation pattern
        if (fct.getDefinition() != null && fct.getDefinition().withCustomTranslation()) {
            return super.translate(fct);
        }
        throw new TranslationException("Unknown function " + fct.getName() + ".");
    }

    /**
     * Integer arithmetic in 64 bits ({@link ExpressionTypes}): each operand that is not already
     * a BIGINT is cast to one, so {@code id * 10000000} is exact on an INTEGER column and only a
     * result beyond 64 bits fails, with the database's out-of-range error (SQLSTATE 22003),
     * never a wrapped value. Other arithmetic is the database's.
     */
    @Override
    public String translate(Operation op) throws TranslationException {
        String l = withPartner(op.getLeftOperand(), op.getRightOperand());
        String r = withPartner(op.getRightOperand(), op.getLeftOperand());
        if (ExpressionTypes.of(op) == Datatype.LONG) {
            l = asBigint(op.getLeftOperand(), l);
            r = asBigint(op.getRightOperand(), r);
        }
        return "(" + l + " " + op.getOperation().toADQL() + " " + r + ")";
    }

    private static String asBigint(ADQLOperand op, String sql) {
        return ExpressionTypes.of(op) == Datatype.LONG ? sql : "CAST(" + sql + " AS BIGINT)";
    }

    @Override
    public String translate(SQLFunction fct) throws TranslationException {
        if (fct.getType() == SQLFunctionType.SUM && ExpressionTypes.of(fct) == Datatype.LONG) {
            // Derby sums INTEGERs as INTEGER, PostgreSQL BIGINTs as NUMERIC: 64 bits, overflow an error
            return "CAST(SUM(" + (fct.isDistinct() ? "DISTINCT " : "") + "CAST(" + translate(fct.getParameter(0))
                    + " AS BIGINT)) AS BIGINT)";
        }
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
            p.add(withPartner(fct.getParameter(i), NUMBER));
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
                    return "CAST(" + (isInteger(value) ? integerText(v) : fn("TO_TEXT", v)) + " AS " + type + ")";
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
                    v = fn("TO_DOUBLE", v);
                }
                if (name.contains("INT") && !isInteger(value)) {
                    return toInteger(v, type);
                }
                return "CAST(" + v + " AS " + type + ")";
            }
            default -> throw new TranslationException("CAST to " + target.toADQL() + " is not supported.");
        }
    }

    @Override
    public String translate(InUnitFunction fct) throws TranslationException {
        ADQLOperand value = Operands.unwrap(fct.getValue());
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
            for (ADQLOperand v : Operands.polygonVertices(p)) {
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

    /** Whether {@code op} has an integer type: an integer column or literal, or a cast to one. */
    private static boolean isInteger(ADQLOperand op) {
        ADQLOperand v = Operands.unwrap(op);
        if (v instanceof ADQLColumn c && c.getDBLink() != null && c.getDBLink().getDatatype() != null) {
            DBDatatype t = c.getDBLink().getDatatype().type;
            return t == DBDatatype.SMALLINT || t == DBDatatype.INTEGER || t == DBDatatype.BIGINT;
        }
        return v instanceof NumericConstant n && n.getValue().matches("[0-9]+");
    }

    /**
     * An integer as text, exactly (going through a double would write a 64-bit integer beyond
     * 2<sup>53</sup> rounded, in exponent notation). Derby: its CHAR function, blank-padded.
     */
    protected String integerText(String v) {
        return "RTRIM(CHAR(" + v + "))";
    }

    /**
     * A number cast to an integer type ({@code SMALLINT}, {@code INTEGER}, {@code BIGINT}):
     * the fraction is cut off (truncation toward zero), as Derby's CAST does.
     */
    protected String toInteger(String v, String type) {
        return "CAST(" + v + " AS " + type + ")";
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
}
