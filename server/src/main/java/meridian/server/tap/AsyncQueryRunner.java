package meridian.server.tap;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import meridian.adql.RowFilter;
import meridian.server.http.DaliParameters;
import meridian.server.http.Fault;
import meridian.server.upload.UploadSource;
import meridian.server.upload.UploadSpec;
import meridian.server.uws.JobControl;
import meridian.server.uws.JobResult;
import meridian.server.uws.JobRunner;
import meridian.server.uws.JobState;

/**
 * TAP async jobs: the job's parameters are the TAP parameters, its inline uploads the files kept
 * in the job directory; the query runs through the same {@link TapQueryRunner} as sync queries
 * and writes one result, {@code result}, into the job directory, limited in size
 * ({@code tap.async.result_limit_bytes}). Thread-safe.
 */
public final class AsyncQueryRunner implements JobRunner {

    /** The name of the single result of a TAP job. */
    public static final String RESULT = "result";

    private final TapQueryRunner queries;
    private final TapParameters.Limits limits;
    private final long resultLimitBytes;
    private final Function<String, RowFilter> rows;
    private final java.util.function.Supplier<String> serviceBase;

    /**
     * @param serviceBase the service's public base URL for DataLink service descriptors in job
     *                    results (there is no request to take it from when the job runs)
     * @param rows        the rows a job's owner may see (its groups are read when the job runs, so a
     *                    user removed from a group meanwhile no longer sees that group's rows)
     */
    public AsyncQueryRunner(TapQueryRunner queries, TapParameters.Limits limits, long resultLimitBytes,
                            java.util.function.Supplier<String> serviceBase, Function<String, RowFilter> rows) {
        this.serviceBase = serviceBase;
        this.rows = rows;
        this.queries = queries;
        this.limits = limits;
        this.resultLimitBytes = resultLimitBytes;
    }

    /**
     * Only the UPLOAD syntax is checked at creation, because the uploaded parts must be stored
     * with the job. Everything else (LANG, QUERY, MAXREC, FORMAT) is checked when the job runs
     * and ends it in ERROR with the message: UWS clients (and taplint) expect a job for any
     * well-formed creation request.
     */
    @Override
    public void check(Map<String, List<String>> parameters) {
        UploadSpec.parseAll(DaliParameters.of(parameters).all("UPLOAD"));
    }

    @Override
    public List<JobResult> run(JobState job, Path dir, JobControl control) throws IOException {
        TapParameters params = TapParameters.parse(DaliParameters.of(job.parameters()), limits);
        Cancellation cancellation = new Cancellation();
        control.onCancel(() -> cancellation.cancel(control.cancelReason()));
        String file = RESULT + "." + params.format().extension();
        Path out = dir.resolve(file);
        int timeout = (int) Math.min(Integer.MAX_VALUE, job.executionDuration());
        try (RunningQuery query = queries.open(params, name -> upload(job, dir, name), timeout, cancellation,
                job.baseUrl() != null ? job.baseUrl() : serviceBase.get(), rows.apply(job.owner()));
             OutputStream stream = new LimitedOutputStream(Files.newOutputStream(out), resultLimitBytes)) {
            query.write(stream);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            cancellation.throwIfCancelled(e);
            throw e;
        }
        return List.of(new JobResult(RESULT, file, params.format().mime(), Files.size(out)));
    }

    private static UploadSource upload(JobState job, Path dir, String part) {
        String file = job.uploadFiles().get(part);
        return file == null ? null : () -> Files.newInputStream(dir.resolve(file));
    }

    /** Fails the write once more than the limit has been written. */
    private static final class LimitedOutputStream extends FilterOutputStream {
        private final long limit;
        private long written;

        LimitedOutputStream(OutputStream out, long limit) {
            super(new java.io.BufferedOutputStream(out, 1 << 16));
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) {
            written += n;
            if (written > limit) {
                throw Fault.tooLarge("the result is larger than " + limit + " bytes (tap.async.result_limit_bytes);"
                        + " select fewer rows or columns");
            }
        }
    }
}
