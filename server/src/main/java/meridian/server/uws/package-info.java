/**
 * UWS 1.1 jobs, independent of what a job computes: the phase vocabulary
 * ({@link meridian.server.uws.ExecutionPhase}), a job's state ({@link meridian.server.uws.JobState},
 * {@link meridian.server.uws.Job}), persistence in the data directory
 * ({@link meridian.server.uws.JobStore}), scheduling with limits, queueing, time-outs and the
 * destruction reaper ({@link meridian.server.uws.JobManager}), the UWS XML documents
 * ({@link meridian.server.uws.UwsDocument}) and the job-list servlet
 * ({@link meridian.server.uws.UwsServlet}). What a job does is a {@link meridian.server.uws.JobRunner}
 * (TAP queries: {@link meridian.server.tap.AsyncQueryRunner}).
 */
package meridian.server.uws;
