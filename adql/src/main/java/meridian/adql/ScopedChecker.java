package meridian.adql;

import adql.db.CheckContext;
import adql.db.DBChecker;
import adql.db.DBColumn;
import adql.db.DBTable;
import adql.db.FunctionDef;
import adql.db.exception.UnresolvedColumnException;
import adql.parser.grammar.ParseException;
import adql.query.operand.ADQLColumn;
import java.util.Collection;
import java.util.List;
import java.util.Stack;

/**
 * ADQLlib's checker with SQL's scoping for subqueries: an unqualified column name in a subquery
 * means the column of the subquery's own tables when they have it, and only otherwise a column
 * of an enclosing query. ADQLlib 2.0 looks in both at once and calls
 * {@code ... WHERE o.obs_publisher_did IN (SELECT obs_publisher_did FROM ivoa.obscore)}
 * ambiguous when the outer query reads the same table.
 */
final class ScopedChecker extends DBChecker {

    ScopedChecker(Collection<? extends DBTable> tables, Collection<? extends FunctionDef> functions) {
        super(tables, functions);
    }

    @Override
    protected DBColumn resolveColumn(ADQLColumn column, Stack<CheckContext> contexts) throws ParseException {
        try {
            return super.resolveColumn(column, contexts);
        } catch (UnresolvedColumnException e) {
            if (column.getTableName() != null || contexts.size() < 2) {
                throw e;
            }
            List<DBColumn> found = contexts.peek().availableColumns.search(column);
            Collection<DBColumn> enclosing = contexts.get(contexts.size() - 2).availableColumns;
            // the same table read unaliased inside and outside yields the very same column twice
            List<DBColumn> own = found.stream().distinct().filter(c -> found.stream().filter(x -> x == c).count() > 1
                    || enclosing.stream().noneMatch(o -> o == c)).distinct().toList();
            if (own.size() != 1) {
                throw e;
            }
            column.setDBLink(own.get(0));
            return own.get(0);
        }
    }
}
