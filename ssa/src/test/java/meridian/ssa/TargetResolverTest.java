package meridian.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import meridian.ingest.CollectionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {

    @TempDir
    Path dir;

    private CollectionDefinition definition(String name, String aliases) throws IOException {
        return CollectionDefinition.load(Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                title: Test
                obs_id_pattern: 'S\\d+'
                sources: ['*.fits']
                loader: spectrum-image
                target_aliases:
                %s
                """.formatted(name, aliases)));
    }

    @Test
    void namesAndAliasesCaseAndSpaceInsensitively() throws IOException {
        TargetResolver r = new TargetResolver(List.of("HD 10700", "tau Cet", "Vega", "FIELD-0002"),
                List.of(definition("a", "  HD 10700: ['tau Cet', 'HIP 8102']")));
        Set<String> both = Set.of("HD 10700", "tau Cet");
        assertEquals(both, r.resolve("hd10700"));
        assertEquals(both, r.resolve("  TAU   CET "));
        assertEquals(both, r.resolve("HIP 8102"));
        assertEquals(Set.of("Vega"), r.resolve("VEGA"));
        assertEquals(Set.of("FIELD-0002"), r.resolve("field-0002"));
        assertEquals(Set.of(), r.resolve("Betelgeuse"));
    }

    @Test
    void anAliasOfTwoTargetsIsAmbiguous() throws IOException {
        TargetResolver r = new TargetResolver(List.of("M 87", "NGC 4486", "Vir A"),
                List.of(definition("a", "  M 87: ['Vir A']"), definition("b", "  NGC 4486: ['Vir A']"),
                        definition("c", "  M 87: ['NGC 4486']")));
        assertEquals(Set.of(), r.resolve("vir a"));
    }

    @Test
    void theSameTargetInTwoCollectionsIsOneTarget() throws IOException {
        TargetResolver r = new TargetResolver(List.of("Vega", "alf Lyr"),
                List.of(definition("a", "  Vega: ['alf Lyr']"), definition("b", "  Vega: ['HD 172167']")));
        assertEquals(Set.of("Vega", "alf Lyr"), r.resolve("HD172167"));
    }
}
