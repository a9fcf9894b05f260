package meridian.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** A collection definition that cannot be used; the message names the file and the reason. */
public class CollectionDefinitionException extends IOException {

    private final transient Path file;

    public CollectionDefinitionException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public CollectionDefinitionException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The YAML file. */
    public Path file() {
        return file;
    }
}
