package meridian.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The harness's HTTP client: GET and POST (form and multipart) with the whole body read and
 * timed, redirects left to the caller. Bodies are either captured (small results, parsed after
 * the clock stops) or only counted (streams). Thread-safe: one instance serves all clients of
 * the concurrency scenario.
 */
public final class HttpDriver {

    /** Bodies up to this size are kept when capture is asked for. */
    static final int CAPTURE_LIMIT = 512 << 20;
    private static final int TAIL = 4096;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** A URL with form-encoded query parameters appended. */
    public static String withParams(String url, Map<String, String> params) {
        return params.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form(params);
    }

    /** {@code application/x-www-form-urlencoded} text of {@code params}. */
    public static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public HttpResult get(String url, Duration timeout, boolean capture) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), capture);
    }

    /** POSTs an urlencoded form; {@code pairs} may repeat a name (DataLink IDs). */
    public HttpResult postForm(String url, List<Map.Entry<String, String>> pairs, Duration timeout, boolean capture)
            throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            sb.append(sb.length() == 0 ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build(), capture);
    }

    /** POSTs {@code multipart/form-data}: text fields, then one file part per entry of {@code files}. */
    public HttpResult postMultipart(String url, Map<String, String> fields, Map<String, byte[]> files,
                                    Duration timeout, boolean capture) throws IOException, InterruptedException {
        String boundary = "----meridian-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"; filename=\"" + f.getKey() + ".xml\"\r\nContent-Type: application/x-votable+xml\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), capture);
    }

    private HttpResult send(HttpRequest request, boolean capture) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream kept = capture ? new ByteArrayOutputStream() : null;
        byte[] tail = new byte[TAIL];
        int tailLen = 0;
        long bytes = 0;
        long lines = 0;
        long trs = 0;
        int trState = 0; // matched prefix length of "<TR>"
        byte[] buf = new byte[1 << 16];
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        lines++;
                    }
                    trState = switch (trState) {
                        case 0 -> b == '<' ? 1 : 0;
                        case 1 -> b == 'T' ? 2 : (b == '<' ? 1 : 0);
                        case 2 -> b == 'R' ? 3 : (b == '<' ? 1 : 0);
                        default -> {
                            if (b == '>') {
                                trs++;
                            }
                            yield b == '<' ? 1 : 0;
                        }
                    };
                }
                if (kept != null && kept.size() + n <= CAPTURE_LIMIT) {
                    kept.write(buf, 0, n);
                }
                if (n >= TAIL) {
                    System.arraycopy(buf, n - TAIL, tail, 0, TAIL);
                    tailLen = TAIL;
                } else {
                    int keep = Math.min(tailLen, TAIL - n);
                    System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                    System.arraycopy(buf, 0, tail, keep, n);
                    tailLen = keep + n;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new HttpResult(r.statusCode(), bytes, seconds, kept == null ? null : kept.toByteArray(),
                new String(tail, 0, tailLen, StandardCharsets.UTF_8), lines, trs,
                r.headers().firstValue("Location").orElse(null));
    }
}
