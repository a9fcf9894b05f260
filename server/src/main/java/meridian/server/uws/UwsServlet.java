package meridian.server.uws;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import meridian.server.auth.AuthFilter;
import meridian.server.auth.WorkLimiter;
import meridian.server.auth.Identity;
import meridian.server.http.DaliParameters;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.ErrorDocument;
import meridian.server.http.Fault;
import meridian.server.http.RequestParameters;
import meridian.server.http.ServiceUrls;
import meridian.server.http.UploadParts;
import meridian.server.upload.UploadSource;

/**
 * A UWS 1.1 job list (TAP: {@code /tap/async}) and every job resource below it: the job
 * (GET with WAIT/PHASE, POST ACTION=DELETE, DELETE), {@code phase}, {@code executionduration},
 * {@code destruction}, {@code quote}, {@code error}, {@code parameters}, {@code results},
 * {@code results/<id>} and {@code owner}. Changes answer 303 to the job; DELETE answers 303 to
 * the list of executing jobs (short, whatever the number of jobs). Errors are DALI VOTable
 * error documents from the one error boundary.
 */
public class UwsServlet extends HttpServlet {

    private final transient JobManager jobs;
    private final transient ServiceUrls urls;
    private final String listPath;
    private final long maxUploadBytes;
    private final long maxFormBytes;

    /**
     * @param jobs           the jobs
     * @param urls           the public base URL
     * @param listPath       the job list's path, e.g. {@code /tap/async}
     * @param maxUploadBytes upload limit, for refusing large bodies early
     * @param maxFormBytes   room for ordinary parameters
     */
    public UwsServlet(JobManager jobs, ServiceUrls urls, String listPath, long maxUploadBytes, long maxFormBytes) {
        this.jobs = jobs;
        this.urls = urls;
        this.listPath = listPath;
        this.maxUploadBytes = maxUploadBytes;
        this.maxFormBytes = maxFormBytes;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp, this::get);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp, this::post);
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp, (r, s, path) -> {
            if (path.size() != 1) {
                throw Fault.usage("DELETE applies to a job: " + listPath + "/<job id>");
            }
            jobs.delete(path.get(0));
            redirect(r, s, listUrl(r) + "?PHASE=EXECUTING");
        });
    }

    private interface Action {
        void run(HttpServletRequest req, HttpServletResponse resp, List<String> path) throws Exception;
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp, Action action) throws IOException {
        try {
            resp.setHeader("Cache-Control", "no-cache");
            List<String> path = path(req);
            if (!path.isEmpty()) {
                jobs.find(path.get(0)).ifPresent(job -> checkOwner(req, job));
            }
            action.run(req, resp, path);
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ErrorBoundary.respond(resp, t);
        }
    }

    /**
     * A job created by a user belongs to that user alone: anyone else gets 401 (anonymous) or
     * 403, for reading, changing and deleting alike. Jobs created anonymously stay usable by
     * whoever knows their (unguessable) id.
     */
    private static void checkOwner(HttpServletRequest req, JobState job) {
        Identity who = AuthFilter.identity(req);
        if (job.owner() == null || job.owner().equals(who.user())) {
            return;
        }
        throw who.isAnonymous() ? Fault.unauthenticated("this job belongs to a user: authenticate as its owner")
                : Fault.forbidden("this job belongs to another user");
    }

    /** The jobs the caller may list: its own, or the anonymous ones when it is anonymous. */
    private List<JobState> visibleJobs(HttpServletRequest req) {
        String user = AuthFilter.identity(req).user();
        return jobs.list().stream().filter(j -> java.util.Objects.equals(j.owner(), user)).toList();
    }

    private static List<String> path(HttpServletRequest req) {
        String info = req.getPathInfo();
        List<String> out = new ArrayList<>();
        if (info != null) {
            for (String s : info.split("/")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private String listUrl(HttpServletRequest req) {
        return urls.base(req) + listPath;
    }

    private void get(HttpServletRequest req, HttpServletResponse resp, List<String> path) throws Exception {
        DaliParameters p = RequestParameters.read(req);
        if (path.isEmpty()) {
            xml(resp, UwsDocument.jobList(JobFilter.parse(p).apply(visibleJobs(req)), listUrl(req)));
            return;
        }
        String id = path.get(0);
        String jobUrl = listUrl(req) + "/" + id;
        JobState job = jobs.get(id);
        if (path.size() == 1) {
            if (p.has("WAIT")) {
                long wait = parseLong("WAIT", p.single("WAIT").orElseThrow());
                ExecutionPhase phase = p.single("PHASE").map(UwsServlet::phase).orElse(null);
                job = jobs.await(id, phase, wait);
            }
            xml(resp, UwsDocument.job(job, jobUrl));
            return;
        }
        String resource = path.get(1);
        if (path.size() > 2 && !resource.equals("results")) {
            throw Fault.notFound("no such resource: " + req.getRequestURI());
        }
        switch (resource) {
            case "phase" -> text(resp, job.phase().name());
            case "executionduration" -> text(resp, Long.toString(job.executionDuration()));
            case "destruction" -> text(resp, job.destruction());
            case "quote" -> text(resp, job.quote() == null ? "" : job.quote());
            case "owner" -> text(resp, job.owner() == null ? "" : job.owner());
            case "parameters" -> xml(resp, UwsDocument.parameters(job));
            case "error" -> error(resp, job);
            case "results" -> {
                if (path.size() == 2) {
                    xml(resp, UwsDocument.results(job, jobUrl));
                } else if (path.size() == 3) {
                    result(resp, job, path.get(2));
                } else {
                    throw Fault.notFound("no such resource: " + req.getRequestURI());
                }
            }
            default -> throw Fault.notFound("job " + id + " has no resource " + resource);
        }
    }

    private void post(HttpServletRequest req, HttpServletResponse resp, List<String> path) throws Exception {
        UploadParts.checkLength(req, maxUploadBytes, maxFormBytes);
        DaliParameters p = RequestParameters.read(req);
        if (path.isEmpty()) {
            Map<String, UploadSource> files = UploadParts.read(req, p);
            JobState job = jobs.create(raw(p), files, AuthFilter.identity(req).user(), WorkLimiter.client(req),
                    urls.base(req));
            if (p.single("PHASE").map(v -> v.equalsIgnoreCase("RUN")).orElse(false)) {
                jobs.run(job.id());
            } else if (p.has("PHASE")) {
                throw Fault.usage("PHASE=" + p.single("PHASE").orElse("") + " is not allowed at creation; only RUN");
            }
            redirect(req, resp, listUrl(req) + "/" + job.id());
            return;
        }
        String id = path.get(0);
        String jobUrl = listUrl(req) + "/" + id;
        jobs.get(id);
        String resource = path.size() == 1 ? "" : path.get(1);
        if (path.size() > 2) {
            throw Fault.notFound("no such resource: " + req.getRequestURI());
        }
        switch (resource) {
            case "" -> {
                if (p.single("ACTION").map(a -> a.equalsIgnoreCase("DELETE")).orElse(false)) {
                    jobs.delete(id);
                    redirect(req, resp, listUrl(req) + "?PHASE=EXECUTING");
                    return;
                }
                if (p.has("ACTION")) {
                    throw Fault.usage("ACTION=" + p.single("ACTION").orElse("") + " is not supported; use ACTION=DELETE");
                }
                if (p.has("PHASE")) {
                    phaseChange(id, p);
                } else {
                    throw Fault.usage("POST to a job takes ACTION=DELETE; to change it POST to its phase,"
                            + " executionduration, destruction or parameters");
                }
            }
            case "phase" -> phaseChange(id, p);
            case "executionduration" -> jobs.setExecutionDuration(id,
                    parseLong("EXECUTIONDURATION", p.required("EXECUTIONDURATION")));
            case "destruction" -> jobs.setDestruction(id, instant(p.required("DESTRUCTION")));
            case "parameters" -> {
                Map<String, List<String>> changes = raw(p);
                if (!UploadParts.read(req, p).isEmpty()) {
                    throw Fault.usage("uploads can be sent only when the job is created");
                }
                jobs.setParameters(id, changes);
            }
            default -> throw Fault.notFound("job " + id + " has no resource " + resource + " to change");
        }
        redirect(req, resp, jobUrl);
    }

    private void phaseChange(String id, DaliParameters p) {
        String value = p.required("PHASE");
        switch (value.toUpperCase(Locale.ROOT)) {
            case "RUN" -> jobs.run(id);
            case "ABORT" -> jobs.abort(id);
            default -> throw Fault.usage("PHASE=" + value + " is not supported; use RUN or ABORT");
        }
    }

    private static Map<String, List<String>> raw(DaliParameters p) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : p.names()) {
            out.put(name, p.all(name));
        }
        return out;
    }

    private static ExecutionPhase phase(String value) {
        try {
            return ExecutionPhase.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Fault.usage("PHASE=" + value + " is not a UWS phase; use one of " + EnumSet.allOf(ExecutionPhase.class));
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Fault.usage(name + "=" + value + " is not a whole number");
        }
    }

    private static Instant instant(String value) {
        String v = value.trim();
        try {
            return v.endsWith("Z") || v.matches(".*[+-][0-9]{2}:[0-9]{2}$")
                    ? OffsetDateTime.parse(v).toInstant() : Instant.parse(v + "Z");
        } catch (DateTimeParseException e) {
            throw Fault.usage("DESTRUCTION=" + value + " is not an ISO 8601 date and time (e.g. 2030-01-01T00:00:00Z)");
        }
    }

    private static void redirect(HttpServletRequest req, HttpServletResponse resp, String url) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", url);
    }

    private static void xml(HttpServletResponse resp, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/xml;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void text(HttpServletResponse resp, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse resp, JobState job) throws IOException {
        if (job.phase() != ExecutionPhase.ERROR || job.error() == null) {
            throw Fault.notFound("job " + job.id() + " has no error; it is " + job.phase());
        }
        resp.setContentType(ErrorDocument.CONTENT_TYPE);
        resp.setCharacterEncoding("UTF-8");
        Writer w = new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        ErrorDocument.write(w, job.error());
    }

    private void result(HttpServletResponse resp, JobState job, String resultId) throws IOException {
        JobResult r = job.results().stream().filter(x -> x.id().equals(resultId)).findFirst()
                .orElseThrow(() -> Fault.notFound("job " + job.id() + " has no result " + resultId
                        + (job.phase() == ExecutionPhase.COMPLETED ? "" : " (it is " + job.phase() + ")")));
        Path file = jobs.dir(job.id()).resolve(r.file());
        if (!Files.isRegularFile(file)) {
            throw Fault.notFound("the result of job " + job.id() + " is gone");
        }
        resp.setContentType(r.mimeType());
        resp.setContentLengthLong(Files.size(file));
        try (OutputStream out = resp.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    /** The PHASE, AFTER and LAST filters of the job list. */
    record JobFilter(Set<ExecutionPhase> phases, Instant after, Integer last) {

        static JobFilter parse(DaliParameters p) {
            Set<ExecutionPhase> phases = EnumSet.noneOf(ExecutionPhase.class);
            p.all("PHASE").forEach(v -> phases.add(phase(v)));
            Instant after = p.single("AFTER").map(UwsServlet::instant).orElse(null);
            Integer last = null;
            if (p.has("LAST")) {
                long n = parseLong("LAST", p.single("LAST").orElseThrow());
                if (n <= 0) {
                    throw Fault.usage("LAST=" + n + " must be a positive whole number");
                }
                last = (int) Math.min(n, Integer.MAX_VALUE);
            }
            return new JobFilter(phases, after, last);
        }

        /** Filters jobs given oldest first; LAST gives the most recent, newest first. */
        List<JobState> apply(List<JobState> all) {
            List<JobState> out = new ArrayList<>();
            for (JobState j : all) {
                boolean phaseOk = phases.isEmpty() ? j.phase() != ExecutionPhase.ARCHIVED : phases.contains(j.phase());
                if (phaseOk && (after == null || j.creationInstant().isAfter(after))) {
                    out.add(j);
                }
            }
            if (last != null) {
                java.util.Collections.reverse(out);
                return out.subList(0, Math.min(last, out.size()));
            }
            return out;
        }
    }
}
