package meridian.server.tap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import meridian.server.http.Fault;
import meridian.server.results.QueryResultTable;
import meridian.sql.Database;

/**
 * Runs planned queries on the archive database with the cursor settings that let results
 * stream: forward-only, read-only, a fetch size, autocommit off (PostgreSQL streams only then),
 * {@code maxrec + 1} rows at most so overflow is decided exactly, and a statement timeout.
 * Thread-safe.
 */
public final class QueryExecutor {

    private static final int FETCH_SIZE = 2_000;

    private final Database database;

    public QueryExecutor(Database database) {
        this.database = database;
    }

    /**
     * Opens the cursor of a query. The caller reads {@link OpenQuery#table()} once and closes
     * the OpenQuery (which closes the cursor and returns the connection).
     *
     * @throws Fault (usage) when the database rejects the query
     */
    public OpenQuery open(PlannedQuery query, long maxrec, int timeoutSeconds) {
        return open(query, maxrec, timeoutSeconds, new Cancellation());
    }

    /**
     * As {@link #open(PlannedQuery, long, int)}, with the statement registered in
     * {@code cancellation} before it runs, so another thread can stop it while the database is
     * still working on the first row.
     *
     * @throws QueryCancelledException when the query was cancelled
     */
    public OpenQuery open(PlannedQuery query, long maxrec, int timeoutSeconds, Cancellation cancellation) {
        Connection c = null;
        Statement st = null;
        try {
            c = database.connection();
            c.setAutoCommit(false);
            st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(FETCH_SIZE);
            st.setMaxRows((int) Math.min(Integer.MAX_VALUE, maxrec + 1));
            if (timeoutSeconds > 0) {
                st.setQueryTimeout(timeoutSeconds);
            }
            cancellation.register(st, database.backend().canCancelStatements());
            ResultSet rs = st.executeQuery(query.sql());
            QueryResultTable table = new QueryResultTable(rs, query.columns(), query.converters(), maxrec,
                    query.overflowHint());
            return new OpenQuery(c, st, rs, table, cancellation);
        } catch (QueryCancelledException e) {
            closeQuietly(st, c, cancellation);
            throw e;
        } catch (SQLException e) {
            closeQuietly(st, c, cancellation);
            cancellation.throwIfCancelled(e);
            if (QueryResultTable.isDataError(e)) {
                throw QueryResultTable.dataFault(e, query.overflowHint());
            }
            throw Fault.usage("the database could not run the query: " + e.getMessage(), e);
        }
    }

    /** Closes the statement and returns the connection; clears a cancellation's interrupt first. */
    private static void closeQuietly(Statement st, Connection c, Cancellation cancellation) {
        cancellation.release();
        try {
            if (st != null) {
                st.close();
            }
        } catch (SQLException ignored) {
            // the statement is being abandoned anyway
        }
        try {
            if (c != null) {
                c.rollback();
                c.close();
            }
        } catch (SQLException ignored) {
            // the pool discards broken connections
        }
    }

    /** An open cursor and the table reading it. Close once. */
    public static final class OpenQuery implements AutoCloseable {
        private final Connection connection;
        private final Statement statement;
        private final ResultSet resultSet;
        private final QueryResultTable table;
        private final Cancellation cancellation;

        OpenQuery(Connection connection, Statement statement, ResultSet resultSet, QueryResultTable table,
                  Cancellation cancellation) {
            this.cancellation = cancellation;
            this.connection = connection;
            this.statement = statement;
            this.resultSet = resultSet;
            this.table = table;
        }

        public QueryResultTable table() {
            return table;
        }

        @Override
        public void close() {
            try {
                resultSet.close();
            } catch (SQLException ignored) {
                // closing the statement closes it too
            }
            closeQuietly(statement, connection, cancellation);
        }
    }
}
