package meridian.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileLocatorTest {

    @TempDir
    Path dir;

    private FileLocator locator() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("spec/sub"));
        Files.writeString(data.resolve("spec/sub/a.fits"), "x");
        Files.writeString(data.resolve("secret.txt"), "x");
        Files.writeString(dir.resolve("outside.txt"), "x");
        Files.createSymbolicLink(data.resolve("spec/link.txt"), dir.resolve("outside.txt"));
        Path yaml = Files.writeString(dir.resolve("c.yaml"), """
                name: spec
                title: t
                obs_id_pattern: '.*'
                sources: ['*.fits']
                loader: spectrum-image
                """);
        return FileLocator.of(new IngestSettings("a", "archive", List.of(data), ""),
                List.of(CollectionDefinition.load(yaml)));
    }

    @Test
    void findsFilesOfTheCollection() throws Exception {
        assertEquals(Optional.of(dir.resolve("data/spec/sub/a.fits").toAbsolutePath().normalize()),
                locator().locate("spec", "sub/a.fits"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "sub/../../secret.txt", "/etc/passwd", "sub//a.fits", "./sub/a.fits",
        "sub", "missing.fits", "link.txt", "sub\\a.fits", ""})
    void refusesEverythingElse(String path) throws Exception {
        assertTrue(locator().locate("spec", path).isEmpty(), path);
    }

    @Test
    void unknownCollection() throws Exception {
        assertTrue(locator().locate("other", "sub/a.fits").isEmpty());
    }
}
