package meridian.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meridian.ingest.mapping.KeywordSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectionDefinitionTest {

    private static final String MINIMAL = """
            name: test_spectra
            title: Test spectra
            obs_id_pattern: 'S\\d+'
            sources: ['*.fits']
            loader: spectrum-image
            """;

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), text);
    }

    @Test
    void minimalDefinitionGetsDefaults() throws IOException {
        CollectionDefinition d = CollectionDefinition.load(yaml(MINIMAL));
        assertEquals("test_spectra", d.name());
        assertEquals(LoaderKind.SPECTRUM_IMAGE, d.loader());
        assertEquals("test_spectra", d.root());
        assertEquals("ICRS", d.coordinateFrame());
        assertEquals(2, d.calibLevel());
        assertEquals("public", d.rights().dataRights());
        assertEquals("{base}/files/{collection}/{path}", d.access().url());
        assertTrue(d.previews().generate());
        assertTrue(d.obsIdPattern().matcher("S12").matches());
    }

    @Test
    void fullDefinition() throws IOException {
        CollectionDefinition d = CollectionDefinition.load(yaml(MINIMAL + """
                description: All keys
                facility: ESO VLT
                instruments: [UVES, XSHOOTER]
                fov: 0.001
                calib_level: 3
                rights: {data_rights: proprietary, release_delay_days: 365, citation: 'Doe et al.'}
                root: surveys/test
                loader_options: {layout: array, wave_column: LAMBDA, spectral_unit: nm}
                mapping:
                  target_name: OBJECT
                  t_exptime: {expression: 'EXPTIME * NCOMBINE', unit: min}
                  em_res_power: {keyword: SPEC_RES, default: 5000}
                  obs_title: {template: '{OBJECT} with {INSTRUME}'}
                  dataproduct_subtype: {keyword: MODE, values: {ECH: echelle}}
                  obs_release_date: {keyword: RELDATE, convert: timestamp}
                target_aliases:
                  'HD 10700': ['tau Cet', 'HIP 8102']
                ancillary:
                  - {match: '{stem}.png', category: ANCILLARY.PREVIEW}
                previews: {generate: false}
                access: {url: 'https://data.example.org/{collection}/{path}', format: application/fits}
                """));
        assertEquals(List.of("UVES", "XSHOOTER"), d.instruments());
        assertEquals("LAMBDA", d.loaderOptions().waveColumn());
        assertEquals(6, d.mapping().size());
        assertEquals("HD 10700", d.canonicalTarget("TAU  CET").orElseThrow());
        assertEquals("HD 10700", d.canonicalTarget("hd10700").orElseThrow());
        KeywordSource h = new KeywordSource() {
            @Override
            public boolean has(String k) {
                return List.of("EXPTIME", "NCOMBINE", "OBJECT", "INSTRUME", "MODE").contains(k);
            }

            @Override
            public String string(String k) {
                return switch (k) {
                    case "OBJECT" -> "HD 1";
                    case "INSTRUME" -> "UVES";
                    case "MODE" -> "ECH";
                    default -> has(k) ? "1" : null;
                };
            }

            @Override
            public Double number(String k) {
                return switch (k) {
                    case "EXPTIME" -> 10.0;
                    case "NCOMBINE" -> 3.0;
                    default -> null;
                };
            }
        };
        assertEquals(1800.0, d.mapping().get("t_exptime").evaluate(h, "s"));
        assertEquals(5000.0, d.mapping().get("em_res_power").evaluate(h, null));
        assertEquals("HD 1 with UVES", d.mapping().get("obs_title").evaluate(h, null));
        assertEquals("echelle", d.mapping().get("dataproduct_subtype").evaluate(h, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "titel: x | titel: unknown key",
        "loader_options: {layout: rows} | loader_options.layout: 'rows' is not auto, array or columns",
        "mapping: {em_minimum: WAVELMIN} | mapping.em_minimum: 'em_minimum' is not an ivoa.obscore column",
        "mapping: {em_min: {keyword: WAVELMIN, unit: deg}} | mapping.em_min.unit: 'deg' does not convert to m",
        "mapping: {em_min: {keyword: WAVELMIN, unti: nm}} | mapping.em_min.unti: unknown key",
        "mapping: {t_exptime: {expression: 'EXPTIME *'}} | mapping.t_exptime.expression:",
        "mapping: {obs_publisher_did: X} | mapping.obs_publisher_did: computed by the ingestor",
        "mapping: {target_name: {keyword: A, constant: B}} | mapping.target_name: give one of",
        "ancillary: [{match: '{stem}.png', category: preview}] | ancillary[0].category:",
        "rights: {data_rights: open} | rights.data_rights: 'open' is not public, secure or proprietary",
        "calib_level: 7 | calib_level: must be 0 to 4",
        "fov: wide | fov: expected a number",
        "rights: {citation: [a, b]} | rights.citation: expected text",
        "previews: {directory: .} | previews.directory: '.' must be a sub-directory",
        "previews: {directory: 'a/../b'} | previews.directory:",
        "sources: [{glob: '../x/*.fits'}] | sources[0].glob: '../x/*.fits' must be a glob relative",
        "ancillary: [{match: 'a.png'}] | ancillary[0]: match and category are required",
    })
    void badDefinitionsSayWhatIsWrong(String extra, String message) throws IOException {
        Path f = yaml(MINIMAL + extra + "\n");
        CollectionDefinitionException e = assertThrows(CollectionDefinitionException.class,
                () -> CollectionDefinition.load(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void previewDirectoriesAndGlobs() throws IOException {
        assertEquals("pv/generated", CollectionDefinition.load(yaml(MINIMAL + "previews: {directory: pv/generated}\n"))
                .previews().directory());
        Path bad = yaml(MINIMAL.replace("['*.fits']", "['../*.fits']"));
        assertTrue(assertThrows(CollectionDefinitionException.class, () -> CollectionDefinition.load(bad))
                .getMessage().contains("sources[0]: '../*.fits' must be a glob relative"));
    }

    @Test
    void missingAndInvalidRequiredKeys() throws IOException {
        Path noLoader = yaml(MINIMAL.replace("loader: spectrum-image\n", ""));
        assertTrue(assertThrows(CollectionDefinitionException.class, () -> CollectionDefinition.load(noLoader))
                .getMessage().endsWith("loader: required"));
        Path badLoader = yaml(MINIMAL.replace("spectrum-image", "spectra"));
        assertTrue(assertThrows(CollectionDefinitionException.class, () -> CollectionDefinition.load(badLoader))
                .getMessage().contains("loader: unknown loader 'spectra'"));
        Path badRegex = yaml(MINIMAL.replace("'S\\d+'", "'S(\\d+'"));
        assertTrue(assertThrows(CollectionDefinitionException.class, () -> CollectionDefinition.load(badRegex))
                .getMessage().contains("obs_id_pattern: not a valid regular expression"));
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() throws IOException {
        Path f = yaml("name: x\ntitle: [unclosed\nloader: image\n");
        CollectionDefinitionException e = assertThrows(CollectionDefinitionException.class,
                () -> CollectionDefinition.load(f));
        assertTrue(e.getMessage().contains("not valid YAML") && e.getMessage().contains("line"), e.getMessage());
        Path list = yaml("- a\n- b\n");
        assertTrue(assertThrows(CollectionDefinitionException.class, () -> CollectionDefinition.load(list))
                .getMessage().contains("expected a mapping of keys"));
    }

    @Test
    void rootOutsideTheDataRootsIsRefused() throws IOException {
        CollectionDefinition d = CollectionDefinition.load(yaml(MINIMAL + "root: /etc\n"));
        IngestSettings s = new IngestSettings("a", "archive", List.of(dir.resolve("data")), "");
        assertTrue(assertThrows(CollectionDefinitionException.class, () -> s.collectionRoot(d)).getMessage()
                .contains("outside the data roots"));
        CollectionDefinition up = CollectionDefinition.load(yaml(MINIMAL + "root: ../elsewhere\n"));
        assertThrows(CollectionDefinitionException.class, () -> s.collectionRoot(up));
    }
}
