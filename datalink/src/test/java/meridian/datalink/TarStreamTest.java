package meridian.datalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar writer's output is read by GNU tar, long names included. */
class TarStreamTest {

    @TempDir
    Path dir;

    @Test
    void gnuTarReadsIt() throws Exception {
        String longName = "collection/" + "d".repeat(90) + "/" + "f".repeat(60) + ".fits";
        byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarStream tar = new TarStream(out);
        for (String name : new String[] {"a.txt", longName}) {
            tar.entry(name, body.length, 1_700_000_000_000L);
            out.write(body);
            tar.pad(body.length);
        }
        tar.finish();
        assertEquals(0, out.size() % 512);
        Path file = Files.write(dir.resolve("t.tar"), out.toByteArray());
        Path gnuTar = Path.of("/usr/bin/tar");
        if (!Files.isExecutable(gnuTar)) {
            gnuTar = Path.of("/bin/tar");
        }
        Process p = new ProcessBuilder(gnuTar.toString(), "-tvf", file.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), listing);
        assertTrue(listing.contains("a.txt") && listing.contains(longName), listing);
    }
}
