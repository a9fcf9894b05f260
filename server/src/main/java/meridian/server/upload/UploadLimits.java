package meridian.server.upload;

import java.util.List;

/**
 * The upload limits from the configuration, declared in the capabilities and enforced here.
 *
 * @param maxRows           rows per uploaded table ({@code tap.upload_limit_rows})
 * @param maxBytes          bytes of all uploads of one request together ({@code tap.upload_limit_bytes})
 * @param urlAllow          hosts URL uploads may come from; empty turns URL uploads off
 * @param urlTimeoutSeconds time limit for fetching one URL upload
 */
public record UploadLimits(long maxRows, long maxBytes, List<String> urlAllow, int urlTimeoutSeconds) {

    public UploadLimits {
        urlAllow = List.copyOf(urlAllow);
    }
}
