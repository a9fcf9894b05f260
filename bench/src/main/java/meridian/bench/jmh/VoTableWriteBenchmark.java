package meridian.bench.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import meridian.server.results.QueryResultTable;
import meridian.server.results.ResultContext;
import meridian.server.results.VoTableResultWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.votable.DataFormat;

/**
 * Rows through {@link VoTableResultWriter} in BINARY2, from an in-memory cursor (no database) to a
 * byte-counting sink: the cost the server adds per streamed row of a bench catalogue
 * (id, ra, dec, mag, flux, kind, name). Reported per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VoTableWriteBenchmark {

    static final int ROWS = 10_000;

    private Object[][] rows;
    private List<ColumnInfo> infos;
    private List<Function<Object, Object>> converters;
    private VoTableResultWriter writer;

    @Setup
    public void setUp() {
        rows = new Object[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new Object[] {(long) i, 360.0 * i / ROWS, -90 + 180.0 * i / ROWS, 12f + (i % 800) / 100f,
                    Math.pow(10, -(i % 50) / 10.0), (short) (i % 5), String.format("BENCH %09d", i)};
        }
        infos = List.of(new ColumnInfo("id", Long.class, null), new ColumnInfo("ra", Double.class, null),
                new ColumnInfo("dec", Double.class, null), new ColumnInfo("mag", Float.class, null),
                new ColumnInfo("flux", Double.class, null), new ColumnInfo("kind", Short.class, null),
                new ColumnInfo("name", String.class, null));
        converters = infos.stream().<Function<Object, Object>>map(c -> Function.identity()).toList();
        writer = new VoTableResultWriter(DataFormat.BINARY2);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeRows() throws IOException {
        CountingSink sink = new CountingSink();
        writer.write(new QueryResultTable(cursor(rows), infos, converters, ROWS), ResultContext.empty(), sink);
        return sink.bytes;
    }

    /** A forward-only JDBC result set over {@code data}; only what the result table calls. */
    static ResultSet cursor(Object[][] data) {
        int[] at = {-1};
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> ++at[0] < data.length;
                    case "getObject" -> data[at[0]][(Integer) args[0] - 1];
                    case "close" -> null;
                    case "isClosed", "wasNull" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Counts and drops bytes. */
    static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
