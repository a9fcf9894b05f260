package meridian.server.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import meridian.server.upload.UploadSource;
import meridian.server.upload.UploadSpec;

/**
 * The multipart parts of a request that carry upload tables: every file part, and any part an
 * {@code UPLOAD=name,param:part} names. The bytes stay where Jetty spooled them.
 */
public final class UploadParts {

    private UploadParts() {
    }

    /**
     * Refuses bodies larger than the upload limit before they are read, naming the limit.
     *
     * @param maxUploadBytes {@code tap.upload_limit_bytes}
     * @param maxFormBytes   room for the ordinary parameters besides the uploads
     */
    public static void checkLength(HttpServletRequest request, long maxUploadBytes, long maxFormBytes) {
        long length = request.getContentLengthLong();
        if (length > maxUploadBytes + maxFormBytes) {
            throw Fault.tooLarge("the request body has " + length + " bytes; uploads are limited to " + maxUploadBytes
                    + " bytes (tap.upload_limit_bytes)");
        }
    }

    /** Upload parts by part name; empty for requests that are not multipart. */
    public static Map<String, UploadSource> read(HttpServletRequest request, DaliParameters params) {
        Map<String, UploadSource> out = new LinkedHashMap<>();
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return out;
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (UploadSpec spec : UploadSpec.parseAll(params.all("UPLOAD"))) {
            if (spec.isInline()) {
                named.add(spec.partName());
            }
        }
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null || named.contains(part.getName())) {
                    out.putIfAbsent(part.getName(), part::getInputStream);
                }
            }
        } catch (IOException | ServletException | IllegalStateException e) {
            throw Fault.usage("the multipart request body cannot be read: " + e.getMessage(), e);
        }
        return out;
    }
}
