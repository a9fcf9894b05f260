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
        List<CollectionDefinition> defs = new ArrayList<>();
        int n = 0;
        int catalogues = 0;
        while (m.find()) {
            Path yaml = Files.writeString(dir.resolve("example" + n++ + ".yaml"), m.group(1));
            if (CollectionKind.of(yaml).equals(CollectionKind.CATALOGUE)) {
                CatalogueDefinition.load(yaml);
                catalogues++;
            } else {
                defs.add(CollectionDefinition.load(yaml));
                loaders.add(defs.get(defs.size() - 1).loader());
            }
        }
        // one example per loader, then the proprietary-data and per-product rights examples
        assertEquals(List.of(LoaderKind.values()), loaders.subList(0, LoaderKind.values().length));
        assertEquals(LoaderKind.values().length + 2, loaders.size());
        CollectionDefinition.Rights gto = defs.stream().filter(d -> d.name().equals("gto_spectra")).findFirst()
                .orElseThrow().rights();
        assertEquals(List.of("gto-2026"), gto.groups());
        assertEquals(CollectionDefinition.Proprietary.METADATA, gto.proprietary());
        assertEquals(365, gto.releaseDelayDays());
        CollectionDefinition.Rights survey = defs.stream().filter(d -> d.name().equals("survey_images")).findFirst()
                .orElseThrow().rights();
        assertEquals(3, survey.rules().size());
        assertEquals(List.of("partner-m31"), survey.rules().get(1).groups());
        assertEquals(730, survey.rules().get(1).releaseDelayDays());
        assertEquals(List.of("ESO OBS PROG ID", "PROG_ID"), survey.groupsHeader().keywords());
        assertEquals(1, catalogues);
    }
}
