package meridian.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import meridian.ingest.fits.HeaderView;
import meridian.ingest.fits.LoadException;
import meridian.ingest.fits.ProductDraft;
import meridian.sql.archive.ObscoreTable;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-product rights ({@code rights.rules}, {@code rights.groups_header}): how the definition
 * reader validates them and which rights, release date and groups each product row gets.
 */
class RightsRulesTest {

    private static final String BASE = """
            name: progs
            title: Programmes
            obs_id_pattern: 'img-\\w+'
            sources: ['*.fits']
            loader: image
            """;

    private static final String RIGHTS = """
            rights:
              data_rights: proprietary
              release_date: 2999-01-01
              groups: [staff]
              groups_header: PROG_ID
              rules:
                - {match: {PROG_ID: 'CAL-.*'}, data_rights: public}
                - {match: {PROG_ID: 'SEC-.*'}, data_rights: secure, groups: [security]}
                - {match: {PROG_ID: 'OLD-.*'}, release_date: 2000-01-01}
                - {match: {OBJECT: M31, PROG_ID: '0.*'}, groups: [andromeda]}
                - {match: {PROG_ID: 'DLY-.*'}, release_delay_days: 10}
            """;

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("progs.yaml"), text);
    }

    private Map<String, Object> row(CollectionDefinition def, String... cards) throws LoadException {
        Header h = new Header();
        for (int i = 0; i < cards.length; i += 2) {
            h.addValue(cards[i], cards[i + 1], "");
        }
        ProductDraft d = new ProductDraft(HeaderView.of(h, null), "", null, null);
        d.put("t_min", 60000.0).put("t_max", 60000.5);
        return new ObscoreRowBuilder(def, new IngestSettings("test", "archive", List.of(dir), "http://x"))
                .build(d, "img-x", "http://x/f", 2048);
    }

    private static Instant date(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }

    @Test
    void theFirstMatchingRuleDecidesAndHeadersGiveGroups() throws Exception {
        CollectionDefinition def = CollectionDefinition.load(yaml(BASE + RIGHTS));
        Map<String, Object> a = row(def, "PROG_ID", "P100A", "OBJECT", "NGC 1");
        assertEquals("proprietary", a.get("data_rights"));
        assertEquals(date("2999-01-01"), a.get("obs_release_date"));
        assertEquals("+|P100A|", a.get(ObscoreTable.GROUPS), "own group, and the collection's");

        Map<String, Object> cal = row(def, "PROG_ID", "CAL-1", "OBJECT", "M31");
        assertEquals("public", cal.get("data_rights"), "the first rule wins over the M31 rule");
        assertNull(cal.get("obs_release_date"), "public by a rule: released at once");
        assertEquals("+|CAL-1|", cal.get(ObscoreTable.GROUPS));

        Map<String, Object> sec = row(def, "PROG_ID", "SEC-9");
        assertEquals("secure", sec.get("data_rights"));
        assertEquals(date("2999-01-01"), sec.get("obs_release_date"));
        assertEquals("|security|SEC-9|", sec.get(ObscoreTable.GROUPS), "the rule's groups replace the collection's");

        Map<String, Object> old = row(def, "PROG_ID", "OLD-3");
        assertEquals("proprietary", old.get("data_rights"));
        assertEquals(date("2000-01-01"), old.get("obs_release_date"));

        Map<String, Object> m31 = row(def, "PROG_ID", "0105.C-0001(A)", "OBJECT", "M31");
        assertEquals("|andromeda|0105.C-0001_A_|", m31.get(ObscoreTable.GROUPS),
                "characters outside group names become _");
        assertEquals(date("2999-01-01"), m31.get("obs_release_date"), "a groups-only rule keeps the release policy");
        assertEquals("+|P1|", row(def, "PROG_ID", "P1", "OBJECT", "M31").get(ObscoreTable.GROUPS),
                "every match key must match");

        Map<String, Object> delayed = row(def, "PROG_ID", "DLY-1");
        assertEquals(Instant.parse("2023-03-07T12:00:00Z"), delayed.get("obs_release_date"), "t_max + 10 days");

        assertEquals("+|P2|", row(def, "PROG_ID", "  P2 ").get(ObscoreTable.GROUPS));
        assertEquals("+|g1|g2|", row(def, "PROG_ID", "g1, g2").get(ObscoreTable.GROUPS));
    }

    @Test
    void withoutRulesNothingChanges() throws Exception {
        CollectionDefinition def = CollectionDefinition.load(yaml(BASE + """
                rights: {data_rights: proprietary, release_date: 2999-01-01, groups: [staff]}
                """));
        Map<String, Object> r = row(def, "PROG_ID", "P100A");
        assertEquals("proprietary", r.get("data_rights"));
        assertEquals(date("2999-01-01"), r.get("obs_release_date"));
        assertEquals(false, r.containsKey(ObscoreTable.GROUPS), "no own groups: the collection's apply");
    }

    @Test
    void headersGiveReleaseDatesAndRightsThroughTheMappingAndRulesOverrideThem() throws Exception {
        CollectionDefinition def = CollectionDefinition.load(yaml(BASE + """
                mapping:
                  obs_release_date: RELDATE
                  data_rights: {keyword: RIGHTS, convert: lower}
                rights:
                  data_rights: proprietary
                  release_delay_days: 365
                  rules:
                    - {match: {PROG_ID: 'OPEN'}, data_rights: public}
                """));
        Map<String, Object> r = row(def, "RELDATE", "2001-02-03", "RIGHTS", "PUBLIC");
        assertEquals("public", r.get("data_rights"));
        assertEquals(date("2001-02-03"), r.get("obs_release_date"));
        assertEquals(Instant.parse("2024-02-25T12:00:00Z"), row(def).get("obs_release_date"), "collection delay");
        Map<String, Object> open = row(def, "RELDATE", "2999-02-03", "PROG_ID", "OPEN");
        assertEquals("public", open.get("data_rights"));
        assertNull(open.get("obs_release_date"), "the rule wins over the header's date");
        LoadException e = assertThrows(LoadException.class, () -> row(def, "RIGHTS", "open"));
        assertEquals("data_rights: 'open' is not public, secure or proprietary (mapping.data_rights can translate"
                + " header values with values: {...})", e.getMessage());
    }

    @Test
    void requiredGroupsHeaderSkipsProductsWithoutIt() throws Exception {
        CollectionDefinition def = CollectionDefinition.load(yaml(BASE + """
                rights: {data_rights: proprietary, groups_header: {keyword: PROG_ID, required: true}}
                """));
        assertEquals("missing required keyword PROG_ID for rights.groups_header",
                assertThrows(LoadException.class, () -> row(def, "OBJECT", "x")).getMessage());
        CollectionDefinition templated = CollectionDefinition.load(yaml(BASE + """
                rights: {data_rights: proprietary, groups_header: {template: 'eso-{PROG_ID}'}}
                """));
        assertEquals("+|eso-P1|", row(templated, "PROG_ID", "P1").get(ObscoreTable.GROUPS));
    }

    @Test
    void hierarchKeywordsMatchAsWrittenInTheHeader() throws Exception {
        CollectionDefinition def = CollectionDefinition.load(yaml(BASE + """
                rights:
                  data_rights: proprietary
                  groups_header: ESO OBS PROG ID
                  rules:
                    - {match: {HIERARCH ESO OBS PROG ID: '60\\.A-9.*'}, data_rights: public}
                """));
        Map<String, Object> cal = row(def, "HIERARCH.ESO.OBS.PROG.ID", "60.A-9700(G)");
        assertEquals("public", cal.get("data_rights"));
        assertEquals("+|60.A-9700_G_|", cal.get(ObscoreTable.GROUPS));
        assertEquals("proprietary", row(def, "HIERARCH.ESO.OBS.PROG.ID", "0105.C-0001(A)").get("data_rights"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rules: [{match: {PROG_ID: P1}, groups: [a], colour: red}]"
                + " | rights.rules[0].colour: unknown key (allowed: data_rights, groups, match, release_date,"
                + " release_delay_days)",
        "rules: [{match: {PROG_ID: 'P(1'}, groups: [a]}]"
                + " | rights.rules[0].match.PROG_ID: not a valid regular expression: Unclosed group",
        "rules: [{match: {PROG_ID: P1}, release_date: 2030-13-01}]"
                + " | rights.rules[0].release_date: '2030-13-01' is not a date (YYYY-MM-DD)",
        "rules: [{match: {PROG_ID: P1}, release_date: 2030-01-01, release_delay_days: 5}]"
                + " | rights.rules[0]: give release_date or release_delay_days, not both",
        "rules: [{match: {PROG_ID: P1}, release_delay_days: -5}]"
                + " | rights.rules[0].release_delay_days: must not be negative",
        "rules: [{match: {PROG_ID: P1}, data_rights: open}]"
                + " | rights.rules[0].data_rights: 'open' is not public, secure or proprietary",
        "rules: [{match: {PROG_ID: P1}, groups: [\"a b\"]}]"
                + " | rights.rules[0].groups: 'a b' is not a group name (letters, digits, _ . -) or user:NAME",
        "rules: [{match: {PROG_ID: P1}}]"
                + " | rights.rules[0]: sets nothing (give data_rights, release_date, release_delay_days or groups)",
        "rules: [{groups: [a]}]"
                + " | rights.rules[0].match: required, a mapping of header keywords to regular expressions",
        "rules: [{match: P1, groups: [a]}] | rights.rules[0].match: expected a mapping of keys",
        "rules: [{match: {'PROG ID=': P1}, groups: [a]}] | rights.rules[0].match.PROG ID=: 'PROG ID=' is not a"
                + " FITS keyword",
        "rules: {PROG_ID: P1} | rights.rules: expected a list of {match: {KEYWORD: regex}, data_rights,"
                + " release_date, release_delay_days, groups}",
        "groups_header: {keyword: PROG_ID, unit: deg}"
                + " | rights.groups_header.unit: column groups has no unit to convert to",
        "groups_header: {keyword: PROG_ID, colour: red} | rights.groups_header.colour: unknown key (allowed:"
                + " constant, convert, default, expression, keyword, keywords, required, template, unit, values)",
        "release_date: 2030-02-30 | rights.release_date: '2030-02-30' is not a date (YYYY-MM-DD)",
    })
    void badRulesNameTheFileAndTheKey(String rights, String message) throws IOException {
        Path f = yaml(BASE + "rights: {data_rights: proprietary, " + rights + "}\n");
        CollectionDefinitionException e = assertThrows(CollectionDefinitionException.class,
                () -> CollectionDefinition.load(f));
        assertEquals(f + ": " + message, e.getMessage());
    }
}
