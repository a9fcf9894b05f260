package meridian.server.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import meridian.server.http.Fault;

/** Bounded copying of upload bytes. */
final class Spool {

    private Spool() {
    }

    /** A check run between buffers (time limits); throws to stop the copy. */
    @FunctionalInterface
    interface Check {
        void run();
    }

    /**
     * Copies {@code in} to {@code out}, failing with 413 once more than {@code budget} bytes came
     * ({@code limit} is the configured limit the message names).
     *
     * @return the bytes copied
     */
    static long copy(InputStream in, OutputStream out, long budget, long limit, String table, Check check) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > budget) {
                throw Fault.tooLarge("UPLOAD " + table + ": the uploads of this request are larger than the limit"
                        + " of " + limit + " bytes (tap.upload_limit_bytes)");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IOException("upload cancelled");
            }
            check.run();
            out.write(buf, 0, n);
        }
        return total;
    }
}
