package meridian.server.uws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.Fault;
import meridian.server.upload.UploadSource;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every job: creation, phase changes (compare-and-set), scheduling on at most
 * {@code max_executing_jobs} worker threads (the others wait in QUEUED, first come first
 * served among the jobs whose client has a free {@link ClientSlots slot}; at most
 * {@code queuedPerClient} of one client's jobs wait), the execution-duration watchdog, the destruction reaper, and persistence through the
 * {@link JobStore} after every change. Started and stopped with the Jetty server (it is a
 * server bean). On start, jobs stored by an earlier run are loaded: QUEUED ones are queued
 * again, EXECUTING ones (the service stopped under them) become ERROR with a message.
 * Thread-safe.
 */
public final class JobManager extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<ExecutionPhase> ACTIVE =
            EnumSet.of(ExecutionPhase.PENDING, ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING);

    /**
     * The job limits from the configuration.
     *
     * @param executionDuration      default run-time limit, seconds
     * @param executionDurationLimit largest run-time limit a client may ask for
     * @param destruction            default lifetime of a job, seconds
     * @param destructionLimit       longest lifetime a client may ask for
     * @param maxExecuting           jobs executing at once
     * @param maxWait                longest blocking WAIT, seconds
     * @param reaperInterval         seconds between destruction sweeps
     * @param resultLimitBytes       largest result file
     * @param queuedPerClient        jobs of one client waiting in QUEUED; PHASE=RUN on one more is
     *                               refused with 429
     */
    public record Limits(long executionDuration, long executionDurationLimit, long destruction,
                         long destructionLimit, int maxExecuting, int maxWait, int reaperInterval,
                         long resultLimitBytes, int queuedPerClient) {
    }

    private final JobStore store;
    private final JobRunner runner;
    private final Limits limits;
    private final ClientSlots slots;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** Creation order of the jobs, so that jobs created within one millisecond keep their order. */
    private final AtomicLong created = new AtomicLong();
    /** QUEUED jobs in the order they were queued; guarded by itself, as is {@link #executing}. */
    private final List<Job> queued = new ArrayList<>();
    private int executing;
    private ExecutorService workers;
    private ScheduledExecutorService timers;

    public JobManager(JobStore store, JobRunner runner, Limits limits) {
        this(store, runner, limits, ClientSlots.UNLIMITED);
    }

    /** @param slots the per-client slots a job must take to execute (shared with sync queries) */
    public JobManager(JobStore store, JobRunner runner, Limits limits, ClientSlots slots) {
        this.store = store;
        this.runner = runner;
        this.limits = limits;
        this.slots = slots;
    }

    public Limits limits() {
        return limits;
    }

    @Override
    protected void doStart() throws Exception {
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(limits.maxExecuting(), limits.maxExecuting(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "uws-worker-" + n.incrementAndGet()));
        timers = java.util.concurrent.Executors.newScheduledThreadPool(1, r -> daemon(r, "uws-timer"));
        List<JobState> stored = new ArrayList<>(store.loadAll());
        // by instant: as ISO text a job created on a whole second ("...:05Z") sorts after "...:05.120Z"
        stored.sort(Comparator.comparing(JobState::creationInstant));
        for (JobState s : stored) {
            if (s.phase() == ExecutionPhase.EXECUTING) {
                s = s.ended(ExecutionPhase.ERROR, Instant.now(), List.of(),
                        "the service stopped while this job was executing; submit the query again");
                store.save(s);
            }
            // the address of an anonymous job's client is not stored: those share one client's slots
            Job job = new Job(s, s.owner() == null ? "stored" : "user:" + s.owner(), created.incrementAndGet());
            jobs.put(s.id(), job);
            if (s.phase() == ExecutionPhase.QUEUED) {
                enqueue(job);
            }
        }
        if (!stored.isEmpty()) {
            LOG.info("loaded {} stored jobs", stored.size());
        }
        timers.scheduleWithFixedDelay(this::reap, limits.reaperInterval(), limits.reaperInterval(), TimeUnit.SECONDS);
        // a sync query ending frees a client's slot without telling the jobs: look again each second
        timers.scheduleWithFixedDelay(this::dispatch, 1, 1, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    protected void doStop() throws Exception {
        timers.shutdownNow();
        workers.shutdownNow();
        for (Job job : jobs.values()) {
            JobControl c = job.control();
            if (c != null && job.state().phase() == ExecutionPhase.EXECUTING) {
                c.cancel("the service stopped while this job was executing; submit the query again");
            }
        }
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Creates a PENDING job.
     *
     * @param parameters request parameters (names any case; kept upper case)
     * @param files      multipart file parts by part name; copied into the job directory
     * @param owner      the authenticated user creating the job, or null when anonymous
     * @param client     whose per-client slots and queue the job uses (user or address)
     * @param baseUrl    the public base URL of the creating request (for the links in its results)
     * @throws Fault (usage) when the runner rejects the parameters
     */
    public JobState create(Map<String, List<String>> parameters, Map<String, UploadSource> files, String owner,
                           String client, String baseUrl) throws IOException {
        Map<String, List<String>> params = upper(parameters);
        params.remove("PHASE");
        runner.check(params);
        String id = HexFormat.of().formatHex(randomBytes());
        Path dir = store.dir(id);
        Map<String, String> uploadFiles = new LinkedHashMap<>();
        try {
            int i = 0;
            for (Map.Entry<String, UploadSource> f : files.entrySet()) {
                String name = "upload-" + i++;
                try (InputStream in = f.getValue().open()) {
                    Files.copy(in, dir.resolve(name));
                }
                uploadFiles.put(f.getKey(), name);
            }
        } catch (IOException | RuntimeException e) {
            store.delete(id);
            throw e;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String runId = params.containsKey("RUNID") ? params.get("RUNID").get(0) : null;
        JobState s = new JobState(id, runId, ExecutionPhase.PENDING, now.toString(), null, null,
                limits.executionDuration(), now.plusSeconds(limits.destruction()).toString(), params, uploadFiles,
                List.of(), null, owner, baseUrl);
        store.save(s);
        jobs.put(id, new Job(s, client, created.incrementAndGet()));
        return s;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Map<String, List<String>> upper(Map<String, List<String>> p) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.computeIfAbsent(k.toUpperCase(java.util.Locale.ROOT), x -> new ArrayList<>())
                .addAll(v));
        return out;
    }

    /** The job, or empty when there is none with this id (never was, or deleted). */
    public Optional<JobState> find(String id) {
        Job j = jobs.get(id);
        return j == null ? Optional.empty() : Optional.of(j.state());
    }

    /** The job; 404 when there is none. */
    public JobState get(String id) {
        return job(id).state();
    }

    private Job job(String id) {
        Job j = id == null ? null : jobs.get(id);
        if (j == null) {
            throw Fault.notFound("no job " + id + " (it never existed, was deleted or has expired)");
        }
        return j;
    }

    /** Every job, oldest first. */
    public List<JobState> list() {
        return jobs.values().stream().sorted(Comparator.comparingLong(Job::order)).map(Job::state).toList();
    }

    /** The job's directory (results, uploads). */
    public Path dir(String id) throws IOException {
        return store.dir(job(id).state().id());
    }

    /** PHASE=RUN: queues a PENDING job; a no-op in any other active phase, 400 after the end. */
    public JobState run(String id) {
        Job job = job(id);
        if (job.state().phase() == ExecutionPhase.PENDING && queuedOf(job.client()) >= limits.queuedPerClient()) {
            throw Fault.tooManyRequests("this client already has " + limits.queuedPerClient() + " jobs waiting"
                    + " in QUEUED (limits.queued_jobs_per_client); run this one when they have started", 10);
        }
        JobState s = job.update(EnumSet.of(ExecutionPhase.PENDING), st -> st.withPhase(ExecutionPhase.QUEUED));
        if (s == null) {
            JobState now = job.state();
            if (now.phase().isFinal()) {
                throw Fault.usage("job " + id + " is " + now.phase() + " and cannot run again; create a new job");
            }
            return now;
        }
        store.save(s);
        enqueue(job);
        return s;
    }

    private long queuedOf(String client) {
        synchronized (queued) {
            return queued.stream().filter(j -> j.client().equals(client)
                    && j.state().phase() == ExecutionPhase.QUEUED).count();
        }
    }

    private void enqueue(Job job) {
        synchronized (queued) {
            queued.add(job);
        }
        dispatch();
    }

    /**
     * Starts queued jobs, oldest first, while a worker is free: each needs a free slot of its
     * client; a job without one stays QUEUED and the next client's job goes first.
     */
    private void dispatch() {
        List<Job> start = new ArrayList<>();
        synchronized (queued) {
            queued.removeIf(j -> j.state().phase() != ExecutionPhase.QUEUED);
            for (Iterator<Job> it = queued.iterator(); it.hasNext() && executing < limits.maxExecuting(); ) {
                Job j = it.next();
                if (slots.tryStart(j.client())) {
                    it.remove();
                    executing++;
                    start.add(j);
                }
            }
        }
        for (Job j : start) {
            try {
                workers.execute(() -> {
                    try {
                        execute(j);
                    } finally {
                        ended(j);
                        dispatch();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                ended(j);
            }
        }
    }

    private void ended(Job j) {
        slots.ended(j.client());
        synchronized (queued) {
            executing--;
        }
    }

    /** PHASE=ABORT: ends an active job as ABORTED; a no-op once it has ended. */
    public JobState abort(String id) {
        Job job = job(id);
        return abort(job, "aborted by the client");
    }

    private JobState abort(Job job, String why) {
        JobState s = job.update(ACTIVE, st -> st.ended(ExecutionPhase.ABORTED, Instant.now(), List.of(), null));
        if (s == null) {
            return job.state();
        }
        store.save(s);
        JobControl c = job.control();
        if (c != null) {
            c.cancel(why);
        }
        return s;
    }

    /** Deletes a job with its files; later requests for it get 404. */
    public void delete(String id) {
        Job job = job(id);
        abort(job, "deleted by the client");
        jobs.remove(id);
        store.delete(id);
    }

    /** Sets the destruction time, at most {@code destruction_limit_seconds} after creation. */
    public JobState setDestruction(String id, Instant when) {
        Job job = job(id);
        Instant latest = job.state().creationInstant().plusSeconds(limits.destructionLimit());
        Instant t = (when.isAfter(latest) ? latest : when).truncatedTo(ChronoUnit.MILLIS);
        JobState s = job.update(EnumSet.allOf(ExecutionPhase.class), st -> st.withDestruction(t));
        store.save(s);
        return s;
    }

    /** Sets the run-time limit of a PENDING job; 0 or more than the limit ask for the limit. */
    public JobState setExecutionDuration(String id, long seconds) {
        Job job = job(id);
        long d = seconds <= 0 || seconds > limits.executionDurationLimit() ? limits.executionDurationLimit() : seconds;
        JobState s = job.update(EnumSet.of(ExecutionPhase.PENDING), st -> st.withExecutionDuration(d));
        if (s == null) {
            throw Fault.usage("the execution duration can only be changed while the job is PENDING; it is "
                    + job.state().phase());
        }
        store.save(s);
        return s;
    }

    /** Adds or replaces parameters of a PENDING job. */
    public JobState setParameters(String id, Map<String, List<String>> changes) {
        Job job = job(id);
        Map<String, List<String>> merged = new LinkedHashMap<>(job.state().parameters());
        merged.putAll(upper(changes));
        merged.remove("PHASE");
        runner.check(merged);
        String runId = merged.containsKey("RUNID") ? merged.get("RUNID").get(0) : null;
        JobState s = job.update(EnumSet.of(ExecutionPhase.PENDING), st -> st.withParameters(merged, runId));
        if (s == null) {
            throw Fault.usage("parameters can only be changed while the job is PENDING; it is "
                    + job.state().phase());
        }
        store.save(s);
        return s;
    }

    /**
     * Blocks while the job is active (and in {@code phase}, when given), at most {@code seconds}
     * (negative: the longest wait allowed), capped by {@code max_wait_seconds}.
     */
    public JobState await(String id, ExecutionPhase phase, long seconds) throws InterruptedException {
        long s = seconds < 0 || seconds > limits.maxWait() ? limits.maxWait() : seconds;
        return job(id).await(phase, s * 1000);
    }

    private void execute(Job job) {
        JobControl control = new JobControl(Thread.currentThread());
        JobState s = job.update(EnumSet.of(ExecutionPhase.QUEUED), st -> st.started(Instant.now()));
        if (s == null) {
            return; // aborted or deleted while queued
        }
        job.control(control);
        store.save(s);
        ScheduledFuture<?> watchdog = s.executionDuration() > 0
                ? timers.schedule(() -> control.cancel("the job ran longer than its execution duration of "
                + job.state().executionDuration() + " s and was stopped"), s.executionDuration(), TimeUnit.SECONDS)
                : null;
        JobState end;
        try {
            Path dir = store.dir(s.id());
            List<JobResult> results = runner.run(s, dir, control);
            String cancelled = control.cancelReason();
            end = cancelled != null
                    ? job.update(EnumSet.of(ExecutionPhase.EXECUTING),
                        st -> st.ended(ExecutionPhase.ERROR, Instant.now(), List.of(), cancelled))
                    : job.update(EnumSet.of(ExecutionPhase.EXECUTING),
                        st -> st.ended(ExecutionPhase.COMPLETED, Instant.now(), results, null));
        } catch (Throwable t) {
            String cancelled = control.cancelReason();
            String message = cancelled != null ? cancelled : ErrorBoundary.classify(t).message();
            end = job.update(EnumSet.of(ExecutionPhase.EXECUTING),
                    st -> st.ended(ExecutionPhase.ERROR, Instant.now(), List.of(), message));
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            job.control(null);
            Thread.interrupted();
        }
        if (end != null && jobs.containsKey(s.id())) {
            store.save(end);
        }
    }

    /** Deletes jobs whose destruction time has passed. */
    void reap() {
        Instant now = Instant.now();
        for (Job job : List.copyOf(jobs.values())) {
            JobState s = job.state();
            try {
                if (s.destructionInstant().isBefore(now)) {
                    LOG.info("job {} reached its destruction time; deleting it", s.id());
                    abort(job, "the job reached its destruction time");
                    jobs.remove(s.id());
                    store.delete(s.id());
                }
            } catch (RuntimeException e) {
                LOG.warn("reaping job {} failed: {}", s.id(), e.getMessage());
            }
        }
    }
}
