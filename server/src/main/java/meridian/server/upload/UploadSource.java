package meridian.server.upload;

import java.io.IOException;
import java.io.InputStream;

/** Where the bytes of one upload come from: a multipart part, a file kept with a job, a URL. */
@FunctionalInterface
public interface UploadSource {

    /** Opens the bytes; the caller closes the stream. May be called more than once. */
    InputStream open() throws IOException;
}
