package meridian.server.results;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import meridian.server.http.Fault;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * A one-pass {@link uk.ac.starlink.table.StarTable} over an open JDBC result set: rows go from
 * the cursor to the writer without being held, except for an optional read-ahead
 * ({@link #prefetch}) that lets the caller learn the exact row count and overflow of small
 * results before the first byte is sent.
 *
 * <p>At most {@code maxrec} rows are delivered; the statement must be limited to
 * {@code maxrec + 1} rows so that one extra row decides {@link #overflowed()} exactly.
 * {@link #getRowSequence()} may be called once. Not thread-safe. The caller owns and closes the
 * result set.
 */
public final class QueryResultTable extends AbstractStarTable {

    private final ResultSet rs;
    private final ColumnInfo[] infos;
    private final List<Function<Object, Object>> converters;
    private final long maxrec;
    private final String overflowHint;
    private final Deque<Object[]> buffered = new ArrayDeque<>();
    private long delivered;
    private boolean exhausted;
    private boolean overflow;
    private boolean sequenceTaken;

    /**
     * @param rs         an open cursor
     * @param infos      one column description per result column
     * @param converters one value converter per column (JDBC value → value STIL can write)
     * @param maxrec     rows to deliver at most
     */
    public QueryResultTable(ResultSet rs, List<ColumnInfo> infos, List<Function<Object, Object>> converters,
                            long maxrec) {
        this(rs, infos, converters, maxrec, null);
    }

    /**
     * As {@link #QueryResultTable(ResultSet, List, List, long)}, with what to name when a value
     * overflows (SQLSTATE 22003), e.g. the query's 64-bit integer expressions; null for nothing.
     */
    public QueryResultTable(ResultSet rs, List<ColumnInfo> infos, List<Function<Object, Object>> converters,
                            long maxrec, String overflowHint) {
        if (infos.size() != converters.size()) {
            throw new IllegalArgumentException("one converter per column");
        }
        this.rs = rs;
        this.infos = infos.toArray(new ColumnInfo[0]);
        this.converters = List.copyOf(converters);
        this.maxrec = maxrec;
        this.overflowHint = overflowHint;
    }

    @Override
    public int getColumnCount() {
        return infos.length;
    }

    @Override
    public ColumnInfo getColumnInfo(int icol) {
        return infos[icol];
    }

    @Override
    public long getRowCount() {
        return exhausted ? delivered + buffered.size() : -1;
    }

    /**
     * Reads up to {@code limit} rows ahead into memory.
     *
     * @return true when the whole result (and its overflow flag) is now known
     */
    public boolean prefetch(int limit) throws IOException {
        while (!exhausted && buffered.size() < limit) {
            Object[] row = readRow();
            if (row != null) {
                buffered.add(row);
            }
        }
        return exhausted;
    }

    /** True once the cursor had more rows than {@code maxrec}; final only after the table is read. */
    public boolean overflowed() {
        return overflow;
    }

    /** Rows handed out so far (the row count once the table is read). */
    public long rowsDelivered() {
        return delivered;
    }

    /** Reads the next row of the cursor, or null (and marks exhaustion) at the end or at maxrec. */
    private Object[] readRow() throws IOException {
        try {
            if (delivered + buffered.size() >= maxrec) {
                overflow = rs.next();
                exhausted = true;
                return null;
            }
            if (!rs.next()) {
                exhausted = true;
                return null;
            }
            Object[] row = new Object[infos.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = converters.get(i).apply(rs.getObject(i + 1));
            }
            return row;
        } catch (SQLException e) {
            if (isDataError(e)) {
                throw dataFault(e, overflowHint);
            }
            throw new IOException("reading the query result failed: " + e.getMessage(), e);
        }
    }

    /**
     * The usage fault for a data error: division by zero, a bad CAST, a malformed region, a value
     * out of range are the query's fault, not ours. An out-of-range value (SQLSTATE 22003) names
     * {@code overflowHint} when there is one.
     */
    public static Fault dataFault(SQLException e, String overflowHint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (overflowHint != null && t instanceof SQLException s && "22003".equals(s.getSQLState())) {
                return Fault.usage("the query failed on the data: a value is out of range (overflow) in "
                        + overflowHint + " (the database said: " + e.getMessage() + ")", e);
            }
        }
        return Fault.usage("the query failed on the data: " + e.getMessage(), e);
    }

    /** SQLSTATE class 22 (data exception) and 38/39 (a function raised an error, e.g. Derby's Java functions). */
    public static boolean isDataError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("38")
                    || s.getSQLState().startsWith("39"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public RowSequence getRowSequence() {
        if (sequenceTaken) {
            throw new UnsupportedOperationException("a query result can be read once");
        }
        sequenceTaken = true;
        return new RowSequence() {
            private Object[] current;

            @Override
            public boolean next() throws IOException {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("query cancelled");
                }
                current = buffered.isEmpty() ? (exhausted ? null : readRow()) : buffered.poll();
                if (current != null) {
                    delivered++;
                    return true;
                }
                return false;
            }

            @Override
            public Object getCell(int icol) {
                return current[icol];
            }

            @Override
            public Object[] getRow() {
                return current;
            }

            @Override
            public void close() {
                current = null;
            }
        };
    }
}
