package meridian.server.uws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a job: everything the UWS documents show and the job store keeps. Immutable;
 * timestamps are ISO 8601 instants (UTC) or null.
 *
 * @param id                the job identifier
 * @param runId             the client's RUNID or null
 * @param phase             the phase
 * @param creationTime      when the job was created
 * @param startTime         when it started executing, or null
 * @param endTime           when it ended, or null
 * @param executionDuration run-time limit in seconds (0: none)
 * @param destruction       when the job and its results are deleted
 * @param parameters        request parameters, names upper case, values as given
 * @param uploadFiles       multipart part name → file in the job directory (inline uploads)
 * @param results           results, in order
 * @param error             the error message of an ERROR job, or null
 * @param owner             the user who created the job, or null when it was created anonymously
 *                          (then anyone who knows its id may use it, as before authentication)
 * @param baseUrl           the public base URL of the request that created the job, for the links
 *                          its results hold (null for jobs stored before it was kept: the service's)
 */
public record JobState(String id, String runId, ExecutionPhase phase, String creationTime, String startTime,
                       String endTime, long executionDuration, String destruction,
                       Map<String, List<String>> parameters, Map<String, String> uploadFiles,
                       List<JobResult> results, String error, String owner, String baseUrl) {

    public JobState {
        parameters = copy(parameters);
        uploadFiles = uploadFiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(uploadFiles));
        results = results == null ? List.of() : List.copyOf(results);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    JobState withPhase(ExecutionPhase p) {
        return new JobState(id, runId, p, creationTime, startTime, endTime, executionDuration, destruction,
                parameters, uploadFiles, results, error, owner, baseUrl);
    }

    /**
     * The UWS quote: when the job will have ended at the latest, given its execution duration:
     * its start plus the duration, or (not started yet) now plus the duration, not counting the
     * time it may wait in QUEUED. Null once it has ended.
     */
    public String quote() {
        if (phase.isFinal() || executionDuration <= 0) {
            return null;
        }
        Instant from = startTime != null ? Instant.parse(startTime) : Instant.now();
        return from.plusSeconds(executionDuration).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    JobState started(Instant t) {
        return new JobState(id, runId, ExecutionPhase.EXECUTING, creationTime, t.toString(), null,
                executionDuration, destruction, parameters, uploadFiles, results, null, owner, baseUrl);
    }

    JobState ended(ExecutionPhase p, Instant t, List<JobResult> newResults, String newError) {
        return new JobState(id, runId, p, creationTime, startTime, t.toString(), executionDuration, destruction,
                parameters, uploadFiles, newResults, newError, owner, baseUrl);
    }

    JobState withExecutionDuration(long seconds) {
        return new JobState(id, runId, phase, creationTime, startTime, endTime, seconds, destruction,
                parameters, uploadFiles, results, error, owner, baseUrl);
    }

    JobState withDestruction(Instant t) {
        return new JobState(id, runId, phase, creationTime, startTime, endTime, executionDuration, t.toString(),
                parameters, uploadFiles, results, error, owner, baseUrl);
    }

    JobState withParameters(Map<String, List<String>> p, String newRunId) {
        return new JobState(id, newRunId, phase, creationTime, startTime, endTime, executionDuration, destruction,
                p, uploadFiles, results, error, owner, baseUrl);
    }

    /** The destruction time as an instant. */
    public Instant destructionInstant() {
        return Instant.parse(destruction);
    }

    /** The creation time as an instant. */
    public Instant creationInstant() {
        return Instant.parse(creationTime);
    }
}
