package meridian.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import meridian.server.http.Fault;

/**
 * Fetches {@code UPLOAD=name,http(s)://...} tables, guarded against abuse of the service as a
 * proxy: only hosts on the configured allow-list ({@code tap.upload_url_allow}: {@code host},
 * {@code host:port} or {@code *.domain}; empty turns URL uploads off), no redirects, a time limit
 * for the whole transfer and the byte budget of the request. Thread-safe.
 */
public final class UrlFetcher {

    private final UploadLimits limits;
    private final HttpClient client;

    public UrlFetcher(UploadLimits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(Math.max(1, limits.urlTimeoutSeconds())))
                .build();
    }

    /** True when URL uploads are possible at all (the allow-list is not empty). */
    public boolean enabled() {
        return !limits.urlAllow().isEmpty();
    }

    /**
     * Copies the document at {@code url} to {@code out}, at most {@code budget} bytes.
     *
     * @return the bytes copied
     * @throws Fault (usage) for a host not allowed, an HTTP error, a time-out; (too large) past the budget
     */
    public long fetch(String table, String url, long budget, OutputStream out) throws IOException {
        URI uri = check(table, url);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(limits.urlTimeoutSeconds()))
                .header("User-Agent", "Meridian TAP upload").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw Fault.usage("UPLOAD " + table + ": " + url + " did not answer within "
                    + limits.urlTimeoutSeconds() + " s (tap.upload_url_timeout_seconds)", e);
        } catch (IOException e) {
            throw Fault.usage("UPLOAD " + table + ": cannot fetch " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw Fault.usage("UPLOAD " + table + ": " + url + " answered HTTP " + response.statusCode()
                        + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(limits.urlTimeoutSeconds()).toNanos();
            return Spool.copy(in, out, budget, limits.maxBytes(), table, () -> {
                if (System.nanoTime() > deadline) {
                    throw Fault.usage("UPLOAD " + table + ": fetching " + url + " took longer than "
                            + limits.urlTimeoutSeconds() + " s (tap.upload_url_timeout_seconds)");
                }
            });
        }
    }

    /** The parsed URL when its scheme and host are allowed. */
    URI check(String table, String url) {
        if (!enabled()) {
            throw Fault.usage("UPLOAD " + table + ": URL uploads are turned off on this service;"
                    + " send the table inline (UPLOAD=" + table + ",param:part in a multipart request)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Fault.usage("UPLOAD " + table + ": " + url + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw Fault.usage("UPLOAD " + table + ": " + url + " is not an http(s) URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw Fault.usage("UPLOAD " + table + ": URLs with user names or passwords are not accepted");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (String allowed : limits.urlAllow()) {
            if (matches(allowed.trim().toLowerCase(Locale.ROOT), host, port)) {
                return uri;
            }
        }
        throw Fault.usage("UPLOAD " + table + ": the service does not fetch uploads from " + host
                + " (tap.upload_url_allow); send the table inline instead");
    }

    private static boolean matches(String allowed, String host, int port) {
        String allowedHost = allowed;
        int colon = allowed.lastIndexOf(':');
        if (colon > 0 && allowed.indexOf(']') < colon && allowed.substring(colon + 1).matches("[0-9]+")) {
            if (Integer.parseInt(allowed.substring(colon + 1)) != port) {
                return false;
            }
            allowedHost = allowed.substring(0, colon);
        }
        if (allowedHost.startsWith("*.")) {
            return host.endsWith(allowedHost.substring(1));
        }
        return host.equals(allowedHost);
    }
}
