package meridian.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sends a small, cacheable metadata document (capabilities, tables, examples...) with a
 * strong ETag computed from its bytes and a Last-Modified date, answering conditional
 * requests ({@code If-None-Match}, {@code If-Modified-Since}) with 304.
 */
public final class MetadataResponse {

    private MetadataResponse() {
    }

    public static void send(HttpServletRequest req, HttpServletResponse resp, String contentType, String body,
                            long lastModifiedMillis) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String etag = '"' + sha256(bytes).substring(0, 32) + '"';
        long lastModified = lastModifiedMillis / 1000 * 1000;
        resp.setHeader("ETag", etag);
        resp.setDateHeader("Last-Modified", lastModified);
        resp.setHeader("Cache-Control", "no-cache");
        String inm = req.getHeader("If-None-Match");
        boolean notModified;
        if (inm != null) {
            notModified = inm.trim().equals("*") || java.util.Arrays.stream(inm.split(","))
                    .map(String::trim).anyMatch(etag::equals);
        } else {
            long ims = -1;
            try {
                ims = req.getDateHeader("If-Modified-Since");
            } catch (IllegalArgumentException ignored) {
                // an unparseable date is ignored, as RFC 9110 says
            }
            notModified = ims >= lastModified;
        }
        if (notModified && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(contentType);
        resp.setContentLength(bytes.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(bytes);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
