package meridian.server.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import meridian.server.http.Fault;
import meridian.server.http.FilterErrors;

/**
 * A token bucket per client for expensive requests (TAP sync queries, async job creation, SODA
 * cutouts, bundles): {@code burst} requests at once, refilled at {@code perMinute}. The client
 * is the authenticated user when there is one (so users behind one proxy do not share a budget), else
 * the remote address. Requests over budget get 429 with {@code Retry-After}. Only POST and GET
 * requests that start work are counted: reading job state is not. Runs after {@link AuthFilter}.
 * Thread-safe.
 */
public final class RateLimiter implements Filter {

    private static final int MAX_CLIENTS = 100_000;

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private final FilterErrors errors;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /**
     * @param perMinute sustained requests per minute per client; 0 or less turns limiting off
     * @param burst     requests a client may make at once
     */
    public RateLimiter(int perMinute, int burst) {
        this(perMinute, burst, FilterErrors.DALI);
    }

    /** As {@link #RateLimiter(int, int)}, with the form of the 429 answers by the protocol of the request. */
    public RateLimiter(int perMinute, int burst, FilterErrors errors) {
        this(perMinute, burst, System::nanoTime, errors);
    }

    RateLimiter(int perMinute, int burst, LongSupplier clock) {
        this(perMinute, burst, clock, FilterErrors.DALI);
    }

    private RateLimiter(int perMinute, int burst, LongSupplier clock, FilterErrors errors) {
        this.perNano = perMinute / 60e9;
        this.burst = Math.max(1, burst);
        this.clock = clock;
        this.errors = errors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (perNano > 0 && startsWork(req)) {
            Identity who = AuthFilter.identity(req);
            String client = who.isAnonymous() ? "ip:" + req.getRemoteAddr() : "user:" + who.user();
            long wait = take(client);
            if (wait > 0) {
                errors.respond(req, (HttpServletResponse) response, Fault.tooManyRequests(
                        "too many expensive requests from this client; retry in " + wait
                                + " s (limits.requests_per_minute)", wait));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Sync queries, and the creation of (or a phase change on) async jobs; not reading them. */
    private static boolean startsWork(HttpServletRequest req) {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.endsWith("/sync") || path.equals("/bundle")) {
            return true;
        }
        return "POST".equals(req.getMethod()) && (path.endsWith("/async") || path.endsWith("/async/")
                || path.endsWith("/phase"));
    }

    /** Takes a token; 0 when there was one, else seconds until there will be. */
    long take(String client) {
        long now = clock.getAsLong();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }
}
