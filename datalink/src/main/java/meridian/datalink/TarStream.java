package meridian.datalink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes POSIX ustar headers and padding around file contents the caller copies itself, so
 * files stream from disk without a library. Names longer than 100 bytes are split into the
 * ustar prefix (at most 155 bytes) and name at a slash. Not thread-safe.
 */
final class TarStream {

    private static final int BLOCK = 512;

    private final OutputStream out;

    TarStream(OutputStream out) {
        this.out = out;
    }

    /** Writes the header of a regular file of {@code size} bytes; the caller then writes them and {@link #pad}s. */
    void entry(String name, long size, long mtimeMillis) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String base = name;
        if (n.length > 100) {
            int cut = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
            while (cut > 0 && name.substring(cut + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                cut = -1;
            }
            if (cut <= 0 || name.substring(0, cut).getBytes(StandardCharsets.UTF_8).length > 155) {
                throw new IOException("the file name is too long for a tar archive: " + name);
            }
            prefix = name.substring(0, cut);
            base = name.substring(cut + 1);
        }
        put(h, 0, 100, base);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", mtimeMillis / 1000));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = '0';
        put(h, 257, 6, "ustar");
        h[262] = 0;
        h[263] = '0';
        h[264] = '0';
        put(h, 345, 155, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 7, String.format("%06o", sum));
        h[155] = ' ';
        out.write(h);
    }

    /** Pads the entry's content to a whole block. */
    void pad(long written) throws IOException {
        int rest = (int) (written % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** The two zero blocks that end an archive. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    private static void put(byte[] h, int at, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }
}
