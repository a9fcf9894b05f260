package meridian.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.ingest.catalogue.CatalogueDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML example in conf/collections/README.md loads (product and catalogue kinds), so the documentation cannot rot. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    @Test
    void everyExampleLoads() throws Exception {
        Path readme = Path.of("..", "conf", "collections", "README.md");
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        List<LoaderKind> loaders = new ArrayList<>();
        int n = 0;
        int catalogues = 0;
        while (m.find()) {
            Path yaml = Files.writeString(dir.resolve("example" + n++ + ".yaml"), m.group(1));
            if (CollectionKind.of(yaml).equals(CollectionKind.CATALOGUE)) {
                CatalogueDefinition.load(yaml);
                catalogues++;
            } else {
                loaders.add(CollectionDefinition.load(yaml).loader());
            }
        }
        assertEquals(List.of(LoaderKind.values()), loaders);
        assertEquals(1, catalogues);
    }
}
