package meridian.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the reference clients and validators (stilts, pyvo scripts) the integration tests call. */
final class Commands {

    private Commands() {
    }

    /** Runs {@code command} (without PYTHONPATH) for at most 180 s; its stdout and stderr together. */
    static String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("PYTHONPATH");
        Process p = pb.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
