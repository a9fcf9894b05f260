package meridian.server.tap;

import java.util.Map;
import meridian.server.http.Fault;

/**
 * The answer to a sync query that ran out of its time budget: an error document whose message
 * gives the URL of the async job that continues the same query (also as
 * {@code <INFO name="ASYNC_JOB" value="url"/>}). HTTP 200, as for other QUERY_STATUS=ERROR
 * results that are not the client's fault, so clients show the message.
 */
public final class SyncContinuation extends Fault {

    private final String jobUrl;

    public SyncContinuation(int budgetSeconds, String jobUrl) {
        super(200, "the query did not finish within the synchronous time limit of " + budgetSeconds + " s;"
                + " it continues as an asynchronous job at " + jobUrl + " (poll it, then read "
                + jobUrl + "/results/result)", null);
        this.jobUrl = jobUrl;
    }

    public String jobUrl() {
        return jobUrl;
    }

    @Override
    public Map<String, String> infos() {
        return Map.of("ASYNC_JOB", jobUrl);
    }
}
