package meridian.server.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request's parameters (query string, url-encoded form, multipart form fields) into
 * {@link DaliParameters}. Multipart file parts are not parameters; they are left for uploads.
 */
public final class RequestParameters {

    /** Largest multipart field read as a parameter value. */
    private static final int MAX_FIELD_BYTES = 1 << 20;

    private RequestParameters() {
    }

    public static DaliParameters read(HttpServletRequest request) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        try {
            request.getParameterMap().forEach((k, v) -> raw.computeIfAbsent(k, x -> new ArrayList<>())
                    .addAll(List.of(v)));
        } catch (RuntimeException e) {
            // Jetty throws BadMessageException for undecodable bytes (not UTF-8, bad %-escapes)
            throw Fault.usage("the request parameters cannot be decoded: " + e.getMessage()
                    + " (parameters must be UTF-8, percent-encoded)", e);
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            try {
                for (Part part : request.getParts()) {
                    if (part.getSubmittedFileName() == null && !raw.containsKey(part.getName())) {
                        raw.computeIfAbsent(part.getName(), x -> new ArrayList<>()).add(text(part));
                    }
                }
            } catch (IOException | ServletException | IllegalStateException e) {
                throw Fault.usage("the multipart request body cannot be read: " + e.getMessage(), e);
            }
        }
        return DaliParameters.of(raw);
    }

    private static String text(Part part) throws IOException {
        if (part.getSize() > MAX_FIELD_BYTES) {
            throw Fault.tooLarge("multipart field " + part.getName() + " is larger than " + MAX_FIELD_BYTES
                    + " bytes");
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Fault.usage("multipart field " + part.getName() + " is not valid UTF-8");
        }
    }
}
