package meridian.server.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import meridian.server.http.Fault;
import meridian.server.http.FilterErrors;
import meridian.server.uws.ClientSlots;

/**
 * Limits expensive work, not requests: a client that sends one request at a time is never
 * refused, however many it sends. Each expensive request (the paths this filter is mapped to:
 * TAP sync queries, SSA queries, SODA cutouts, bundles) holds a slot while it runs:
 * <ul>
 * <li>at most {@code perClient} of one client's requests and executing async jobs run at once
 *     (the client is the authenticated user, else the remote address);
 * <li>at most {@code total} requests of all clients run at once (the connection pool minus the
 *     async workers' connections);
 * <li>a request over either limit waits in one first-come-first-served queue, at most
 *     {@code queueSeconds}; each time a slot frees, the oldest waiting request whose client is
 *     under its own limit goes next, so one busy client cannot starve the others;
 * <li>a request that waited that long, or finds {@code queuedPerClient} requests of its client
 *     (or {@link #MAX_WAITING} in all) already waiting, gets 429 with {@code Retry-After}.
 * </ul>
 * Async jobs take the same per-client slots through {@link ClientSlots} without waiting: a job
 * without a free slot stays QUEUED. Thread-safe.
 */
public final class WorkLimiter implements Filter, ClientSlots {

    /** Requests waiting in all: each holds a server thread. */
    static final int MAX_WAITING = 256;

    /**
     * @param perClient       expensive requests plus executing jobs of one client at once
     * @param total           expensive requests of all clients at once
     * @param queuedPerClient requests of one client waiting for a slot
     * @param queueSeconds    longest wait for a slot before 429
     */
    public record Limits(int perClient, int total, int queuedPerClient, int queueSeconds) {
    }

    private final Limits limits;
    private final FilterErrors errors;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, int[]> running = new HashMap<>();
    private final Map<String, int[]> waitingOf = new HashMap<>();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int total;

    private final class Waiter {
        final String client;
        final Condition turn = lock.newCondition();
        boolean granted;

        Waiter(String client) {
            this.client = client;
        }
    }

    public WorkLimiter(Limits limits) {
        this(limits, FilterErrors.DALI);
    }

    /** @param errors the form of the 429 answers, by the protocol of the request */
    public WorkLimiter(Limits limits, FilterErrors errors) {
        this.limits = limits;
        this.errors = errors;
    }

    public Limits limits() {
        return limits;
    }

    /** The client a request counts against: its user when authenticated, else its address. */
    public static String client(HttpServletRequest req) {
        Identity who = AuthFilter.identity(req);
        return who.isAnonymous() ? "ip:" + req.getRemoteAddr() : "user:" + who.user();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String client = client((HttpServletRequest) request);
        boolean admitted;
        try {
            admitted = acquire(client, TimeUnit.SECONDS.toNanos(limits.queueSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            errors.respond((HttpServletRequest) request, (HttpServletResponse) response, Fault.tooManyRequests(
                    "the service is busy with this client's (or all clients') other queries: at most "
                            + limits.perClient() + " of one client and " + limits.total() + " in all run at once,"
                            + " and this one waited " + limits.queueSeconds() + " s for its turn; retry later"
                            + " (limits.queries_per_client)", Math.max(1, limits.queueSeconds())));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            release(client, true);
        }
    }

    /**
     * Takes a slot for one request, waiting at most {@code nanos} in the queue.
     *
     * @return false when refused (queue full or wait over)
     */
    boolean acquire(String client, long nanos) throws InterruptedException {
        lock.lock();
        try {
            // waiting requests are all held back by their own client's limit (grant() runs
            // whenever a slot frees), so a request that can run now passes none of them unfairly
            if (canRun(client)) {
                take(client, true);
                return true;
            }
            int[] w = waitingOf.computeIfAbsent(client, k -> new int[1]);
            if (w[0] >= limits.queuedPerClient() || queue.size() >= MAX_WAITING) {
                forgetIfIdle(client);
                return false;
            }
            Waiter me = new Waiter(client);
            queue.addLast(me);
            w[0]++;
            try {
                long left = nanos;
                while (!me.granted && left > 0) {
                    left = me.turn.awaitNanos(left);
                }
            } finally {
                w[0]--;
                if (!me.granted) {
                    queue.remove(me);
                    grant(); // a request behind this one may be able to run
                }
                forgetIfIdle(client);
            }
            return me.granted;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back and hands it to the oldest waiting request that may run. */
    void release(String client, boolean counted) {
        lock.lock();
        try {
            int[] r = running.get(client);
            if (r != null && --r[0] <= 0) {
                running.remove(client);
            }
            if (counted) {
                total--;
            }
            grant();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean tryStart(String client) {
        lock.lock();
        try {
            if (running(client) >= limits.perClient()) {
                return false;
            }
            take(client, false);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void ended(String client) {
        release(client, false);
    }

    /** Requests running now, for tests and the status. */
    int runningTotal() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }

    private boolean canRun(String client) {
        return total < limits.total() && running(client) < limits.perClient();
    }

    private int running(String client) {
        int[] r = running.get(client);
        return r == null ? 0 : r[0];
    }

    private void take(String client, boolean counted) {
        running.computeIfAbsent(client, k -> new int[1])[0]++;
        if (counted) {
            total++;
        }
    }

    private void grant() {
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext() && total < limits.total(); ) {
            Waiter w = it.next();
            if (running(w.client) < limits.perClient()) {
                it.remove();
                take(w.client, true);
                w.granted = true;
                w.turn.signal();
            }
        }
    }

    private void forgetIfIdle(String client) {
        int[] w = waitingOf.get(client);
        if (w != null && w[0] <= 0) {
            waitingOf.remove(client);
        }
    }
}
