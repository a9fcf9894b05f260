package meridian.server.uws;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What jobs compute (TAP: run the query, write the result). Implementations are thread-safe;
 * {@link #run} is called on a worker thread, at most {@code max_executing_jobs} at a time.
 */
public interface JobRunner {

    /**
     * Checks the parameters of a new or changed job, so that obvious mistakes are reported at
     * once (400) rather than as an ERROR phase later.
     *
     * @throws meridian.server.http.Fault (usage) naming the problem
     */
    void check(Map<String, List<String>> parameters);

    /**
     * Runs a job to its end.
     *
     * @param job     the job as it starts
     * @param dir     the job's directory: uploads are there, results go there
     * @param control cancellation: register what stops the work; honour it promptly
     * @return the results written into {@code dir}
     * @throws Exception anything: a {@link meridian.server.http.Fault} message becomes the job's error
     *         message, anything else an internal error
     */
    List<JobResult> run(JobState job, Path dir, JobControl control) throws Exception;
}
