package meridian.server.uws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs on disk: {@code <data_dir>/jobs/<id>/job.json} holds the state, the same directory the
 * uploads and results. Each save replaces job.json atomically, so a crash leaves the previous
 * or the new state, never half of one. Thread-safe (one writer per job, the {@link JobManager}).
 */
public final class JobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9]{8,64}");
    private static final String STATE_FILE = "job.json";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public JobStore(Path root) {
        this.root = root;
    }

    /** True when {@code id} could be a job identifier (so it is safe as a directory name). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The directory of a job, created when missing. */
    Path dir(String id) throws IOException {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("bad job id " + id);
        }
        return Files.createDirectories(root.resolve(id));
    }

    void save(JobState state) {
        try {
            Path dir = dir(state.id());
            Path tmp = dir.resolve(STATE_FILE + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save job " + state.id(), e);
        }
    }

    /** Every stored job; unreadable ones are logged and skipped. */
    List<JobState> loadAll() throws IOException {
        List<JobState> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                Path f = d.resolve(STATE_FILE);
                if (!isValidId(d.getFileName().toString()) || !Files.isRegularFile(f)) {
                    continue;
                }
                try {
                    out.add(json.readValue(f.toFile(), JobState.class));
                } catch (IOException e) {
                    LOG.warn("skipping unreadable job {}: {}", d.getFileName(), e.getMessage());
                }
            }
        }
        return out;
    }

    /** Deletes a job's directory with its uploads and results. */
    void delete(String id) {
        Path dir = root.resolve(id);
        if (!isValidId(id) || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete all files of job {}: {}", id, e.getMessage());
        }
    }
}
