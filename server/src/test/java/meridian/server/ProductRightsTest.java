package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import meridian.ingest.IngestReport;
import meridian.server.auth.UserStore;
import meridian.sql.archive.ObscoreTable;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ac.starlink.table.StarTable;

/**
 * Per-product rights on a real server and database, from real FITS images ingested with
 * {@code rights.rules} and {@code rights.groups_header}.
 * <ul>
 * <li>{@code progs} (metadata-proprietary, release 2999, groups [staff], groups from PROG_ID):
 *     img-a (P100A), img-b (P200B), img-cal (CAL-1, public by rule, also M31), img-sec (SEC-9,
 *     secure by rule, groups [security]), img-old (OLD-3, released 2000 by rule), img-m31
 *     (0105.C-0001(A), M31: groups [andromeda] by rule, plus 0105.C-0001_A_ from its header);</li>
 * <li>{@code progdata} (data-proprietary, release 100 years after the observation, groups from
 *     PROG_ID): d-a (P100A), d-b (P200B), d-rel (P200B, released 2001 by its RELDATE header),
 *     d-nodate (P100A, no observation date, so no release date: never released), d-bad (skipped:
 *     its RIGHTS header is no data_rights value).</li>
 * </ul>
 * Users: alice (P100A), bert (P200B), sam (staff), sec (security), andy (andromeda), eso
 * (0105.C-0001_A_), bob (no group).
 */
class ProductRightsTest {

    private static final String PASSWORD = "correct horse battery";
    private static TestService service;
    private static IngestReport progs;
    private static IngestReport progdata;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        Path dir = service.dataDir();
        Path defs = Files.createDirectories(dir.resolve("demo/collections"));
        image(dir.resolve("progs/img-a.fits"), 10, "P100A", "NGC 1", null);
        image(dir.resolve("progs/img-b.fits"), 11, "P200B", "NGC 2", null);
        image(dir.resolve("progs/img-cal.fits"), 12, "CAL-1", "M31", null);
        image(dir.resolve("progs/img-sec.fits"), 13, "SEC-9", "NGC 3", null);
        image(dir.resolve("progs/img-old.fits"), 14, "OLD-3", "NGC 4", null);
        image(dir.resolve("progs/img-m31.fits"), 15, "0105.C-0001(A)", "M31", null);
        image(dir.resolve("progdata/d-a.fits"), 20, "P100A", "NGC 5", null);
        image(dir.resolve("progdata/d-b.fits"), 21, "P200B", "NGC 6", null);
        image(dir.resolve("progdata/d-rel.fits"), 22, "P200B", "NGC 7", "2001-02-03");
        image(dir.resolve("progdata/d-bad.fits"), 23, "P200B", "NGC 8", null);
        image(dir.resolve("progdata/d-nodate.fits"), 24, "P100A", "NGC 9", null);
        progs = service.ingest(Files.writeString(defs.resolve("progs.yaml"), """
                name: progs
                title: Per-programme rights
                obs_id_pattern: 'img-[a-z0-9]+'
                rights:
                  data_rights: proprietary
                  proprietary: metadata
                  release_date: 2999-01-01
                  groups: [staff]
                  groups_header: PROG_ID
                  rules:
                    - {match: {PROG_ID: 'CAL-.*'}, data_rights: public}
                    - {match: {PROG_ID: 'SEC-.*'}, data_rights: secure, groups: [security]}
                    - {match: {PROG_ID: 'OLD-.*'}, release_date: 2000-01-01}
                    - {match: {OBJECT: M31}, groups: [andromeda]}
                sources: ['*.fits']
                loader: image
                """), true);
        progdata = service.ingest(Files.writeString(defs.resolve("progdata.yaml"), """
                name: progdata
                title: Per-programme data rights
                obs_id_pattern: 'd-[a-z]+'
                mapping:
                  obs_release_date: RELDATE
                  data_rights: {keyword: RIGHTS, convert: lower}
                rights:
                  data_rights: proprietary
                  release_delay_days: 36500
                  groups_header: {keyword: PROG_ID, required: true}
                sources: ['*.fits']
                loader: image
                """), false);
        UserStore users = new UserStore(dir.resolve("auth"));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("alice", List.of("P100A"));
        groups.put("bert", List.of("P200B"));
        groups.put("sam", List.of("staff"));
        groups.put("sec", List.of("security"));
        groups.put("andy", List.of("andromeda"));
        groups.put("eso", List.of("0105.C-0001_A_"));
        groups.put("bob", List.of());
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            users.putUser(e.getKey(), PASSWORD.toCharArray(), e.getValue());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** A 40 x 40 image at (ra, +20) with 1" pixels, its programme, target and optional release date. */
    static Path image(Path file, double ra, String prog, String object, String releaseDate) throws Exception {
        Files.createDirectories(file.getParent());
        float[][] px = new float[40][40];
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                px[y][x] = x + 40 * y;
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(px);
        Header h = hdu.getHeader();
        h.addValue("OBJECT", object, "Target");
        h.addValue("PROG_ID", prog, "Programme");
        if (releaseDate != null) {
            h.addValue("RELDATE", releaseDate, "Release date");
        }
        if (file.getFileName().toString().equals("d-bad.fits")) {
            h.addValue("RIGHTS", "OPEN", "not a data_rights value");
        }
        if (!file.getFileName().toString().equals("d-nodate.fits")) {
            h.addValue("DATE-OBS", "2024-01-01T00:00:00", "Start");
        }
        h.addValue("EXPTIME", 60.0, "[s]");
        h.addValue("RADESYS", "ICRS", "");
        h.addValue("CTYPE1", "RA---TAN", "");
        h.addValue("CTYPE2", "DEC--TAN", "");
        h.addValue("CUNIT1", "deg", "");
        h.addValue("CUNIT2", "deg", "");
        h.addValue("CRPIX1", 20.5, "");
        h.addValue("CRPIX2", 20.5, "");
        h.addValue("CRVAL1", ra, "");
        h.addValue("CRVAL2", 20.0, "");
        h.addValue("CDELT1", -1 / 3600.0, "");
        h.addValue("CDELT2", 1 / 3600.0, "");
        try (Fits f = new Fits()) {
            f.addHDU(hdu);
            f.write(file.toFile());
        }
        return file;
    }

    private static RequestSpecification as(String user) {
        RequestSpecification r = given().baseUri(service.baseUrl()).redirects().follow(false);
        return user.equals("anonymous") ? r : r.auth().preemptive().basic(user, PASSWORD);
    }

    private static List<String> rows(String user, String adql) {
        Response r = as(user).formParams(Map.of("LANG", "ADQL", "QUERY", adql, "FORMAT", "csv")).post("/tap/sync");
        assertEquals(200, r.statusCode(), r.asString());
        List<String> lines = r.asString().lines().toList();
        return lines.subList(1, lines.size());
    }

    private static String did(String obsId) {
        return "ivo://meridian.demo/" + (obsId.startsWith("d-") ? "progdata" : "progs") + "?" + obsId;
    }

    @Test
    void everyFileWasIngestedButTheOneWithBadRights() {
        assertEquals(6, progs.ingested(), progs.summary());
        assertTrue(progs.succeeded(), progs.summary());
        assertEquals(4, progdata.ingested(), progdata.summary());
        assertEquals(1, progdata.skipped().size(), progdata.summary());
        assertEquals("d-bad.fits", progdata.skipped().get(0).file().getFileName().toString());
        assertEquals("data_rights: 'open' is not public, secure or proprietary (mapping.data_rights can translate"
                + " header values with values: {...})", progdata.skipped().get(0).reason());
    }

    /** Metadata-proprietary: each user sees the released products and those of its groups. */
    @ParameterizedTest(name = "{0} sees {1}")
    @CsvSource(delimiter = '|', textBlock = """
            anonymous | img-cal img-old
            bob       | img-cal img-old
            alice     | img-a img-cal img-old
            bert      | img-b img-cal img-old
            sam       | img-a img-b img-cal img-old
            sec       | img-cal img-old img-sec
            andy      | img-cal img-m31 img-old
            eso       | img-cal img-m31 img-old
            """)
    void tapRowsFollowEachProductsGroups(String user, String expected) {
        String visible = String.join(" ", rows(user,
                "SELECT obs_id FROM ivoa.obscore WHERE obs_collection = 'progs' ORDER BY obs_id"));
        assertEquals(expected, visible);
        int n = expected.split(" ").length;
        // the same rows through product_files, joins, subqueries, set operations and aggregates
        assertEquals(List.of(Integer.toString(2 * n)), rows(user,
                "SELECT COUNT(*) FROM archive.product_files WHERE archive_id LIKE 'progs/%'"), "science + preview");
        assertEquals(List.of(Integer.toString(2 * n)), rows(user, "SELECT COUNT(*) FROM ivoa.obscore AS o"
                + " JOIN archive.product_files AS f ON f.product_id = o.obs_publisher_did WHERE o.obs_collection = 'progs'"));
        assertEquals(List.of(Integer.toString(n)), rows(user, "SELECT COUNT(*) FROM (SELECT obs_publisher_did"
                + " FROM ivoa.obscore WHERE obs_collection = 'progs' UNION SELECT product_id FROM archive.product_files"
                + " WHERE archive_id LIKE 'progs/%') AS u"));
        assertEquals(List.of(Integer.toString(n)), rows(user, "SELECT COUNT(*) FROM ivoa.obscore WHERE obs_publisher_did"
                + " IN (SELECT product_id FROM archive.product_files WHERE category = 'SCIENCE.IMAGE')"
                + " AND obs_collection = 'progs'"));
        // data-proprietary: the rows are public
        assertEquals(List.of("d-a", "d-b", "d-nodate", "d-rel"), rows(user,
                "SELECT obs_id FROM ivoa.obscore WHERE obs_collection = 'progdata' ORDER BY obs_id"));
    }

    @Test
    void rightsColumnsSayWhatTheRulesDecided() throws Exception {
        List<String> stored = new java.util.ArrayList<>();
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"obs_id\", \"data_rights\", \"obs_release_date\" FROM"
                     + " \"ivoa\".\"obscore\" WHERE \"obs_collection\" IN ('progs', 'progdata') ORDER BY \"obs_id\"")) {
            while (rs.next()) {
                java.sql.Timestamp t = rs.getTimestamp(3);
                stored.add(rs.getString(1) + " " + rs.getString(2) + " "
                        + (t == null ? "-" : t.toInstant().toString().substring(0, 10)));
            }
        }
        String later = java.time.LocalDate.of(2024, 1, 1).plusDays(36500).toString(); // t_max + release_delay_days
        assertEquals(List.of("d-a proprietary " + later, "d-b proprietary " + later, "d-nodate proprietary -", "d-rel proprietary 2001-02-03",
                "img-a proprietary 2999-01-01", "img-b proprietary 2999-01-01", "img-cal public -",
                "img-m31 proprietary 2999-01-01", "img-old proprietary 2000-01-01", "img-sec secure 2999-01-01"), stored);
    }

    @Test
    void theGroupsColumnIsStoredButNeverShown() throws Exception {
        Map<String, String> stored = new LinkedHashMap<>();
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"obs_id\", \"" + ObscoreTable.GROUPS + "\" FROM \"ivoa\".\"obscore\""
                     + " WHERE \"obs_collection\" IN ('progs', 'progdata') ORDER BY \"obs_id\"")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(Map.of("d-a", "+|P100A|", "d-b", "+|P200B|", "d-nodate", "+|P100A|", "d-rel", "+|P200B|", "img-a", "+|P100A|",
                "img-b", "+|P200B|", "img-cal", "+|CAL-1|", "img-m31", "|andromeda|0105.C-0001_A_|",
                "img-old", "+|OLD-3|", "img-sec", "|security|SEC-9|"), stored);

        Response all = as("sam").formParams(Map.of("LANG", "ADQL", "FORMAT", "csv",
                "QUERY", "SELECT * FROM ivoa.obscore WHERE obs_id = 'img-a'")).post("/tap/sync");
        assertEquals(200, all.statusCode(), all.asString());
        String header = all.asString().lines().findFirst().orElseThrow();
        assertFalse(header.contains("meridian"), header);
        assertEquals(ObscoreTable.table().columns().size(), header.split(",").length, header);
        assertEquals(List.of("0"), rows("sam", "SELECT COUNT(*) FROM TAP_SCHEMA.columns"
                + " WHERE column_name = 'meridian_groups'"));
        for (String adql : List.of("SELECT meridian_groups FROM ivoa.obscore",
                "SELECT obs_id FROM ivoa.obscore WHERE meridian_groups LIKE '%P100A%'",
                "SELECT o.\"meridian_groups\" FROM ivoa.obscore AS o")) {
            Response r = as("anonymous").formParams(Map.of("LANG", "ADQL", "QUERY", adql)).post("/tap/sync");
            assertEquals(400, r.statusCode(), adql + ": " + r.asString());
            assertTrue(r.asString().contains("Unknown column"), r.asString());
        }
    }

    @ParameterizedTest(name = "{0} reads {1}: {2}")
    @CsvSource(textBlock = """
            alice,     progs/img-a.fits,      200
            sam,       progs/img-a.fits,      200
            bert,      progs/img-a.fits,      404
            anonymous, progs/img-a.fits,      404
            anonymous, progs/img-cal.fits,    200
            anonymous, progs/img-old.fits,    200
            sec,       progs/img-sec.fits,    200
            sam,       progs/img-sec.fits,    404
            anonymous, progs/img-sec.fits,    404
            andy,      progs/img-m31.fits,    200
            eso,       progs/img-m31.fits,    200
            sam,       progs/img-m31.fits,    404
            alice,     progdata/d-a.fits,     200
            bert,      progdata/d-a.fits,     403
            anonymous, progdata/d-a.fits,     401
            bert,      progdata/d-b.fits,     200
            alice,     progdata/d-b.fits,     403
            anonymous, progdata/d-rel.fits,   200
            alice,     progdata/d-nodate.fits, 200
            bert,      progdata/d-nodate.fits, 403
            anonymous, progdata/d-nodate.fits, 401
            """)
    void filesFollowEachProductsRights(String user, String path, int status) {
        Response r = as(user).get("/files/" + path);
        assertEquals(status, r.statusCode(), r.asString());
        if (status == 200) {
            assertTrue(r.asString().startsWith("SIMPLE  ="), "the FITS file");
        }
    }

    @ParameterizedTest(name = "{0}'s preview of {1}: {2}")
    @CsvSource(textBlock = """
            alice,     img-a,   200
            bert,      img-a,   404
            anonymous, img-a,   404
            anonymous, img-old, 200
            """)
    void previewsFollowTheirProducts(String user, String obsId, int status) throws Exception {
        String url;
        try (Connection c = service.archive().database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"access_url\" FROM \"archive\".\"product_files\" WHERE"
                     + " \"category\" = 'ANCILLARY.PREVIEW' AND \"product_id\" = '" + did(obsId) + "'")) {
            assertTrue(rs.next(), "a generated preview");
            url = rs.getString(1);
        }
        assertTrue(url.startsWith("/files/"), "stored relative to the service: " + url);
        Response r = as(user).get(url);
        assertEquals(status, r.statusCode(), url);
        if (status == 200) {
            assertEquals("image/png", r.contentType());
        }
    }

    /**
     * A visible product's links carry DataLink 1.1 {@code link_authorized} for the caller (true:
     * it may use them; false: they answer 401/403); a hidden product is a NotFoundFault row.
     */
    @ParameterizedTest(name = "{0} links {1}: {2}")
    @CsvSource(textBlock = """
            alice,     img-a,  authorized
            sam,       img-a,  authorized
            bert,      img-a,  NotFoundFault
            anonymous, img-a,  NotFoundFault
            sec,       img-sec, authorized
            sam,       img-sec, NotFoundFault
            anonymous, img-old, authorized
            alice,     d-a,    authorized
            bert,      d-a,    unauthorized
            anonymous, d-a,    unauthorized
            anonymous, d-rel,  authorized
            alice,     d-nodate, authorized
            bert,      d-nodate, unauthorized
            anonymous, d-nodate, unauthorized
            """)
    void datalinkFollowsEachProductsRights(String user, String obsId, String expected) throws Exception {
        Response r = as(user).queryParam("ID", did(obsId)).get("/datalink/links");
        assertEquals(200, r.statusCode(), r.asString());
        StarTable t = VoTables.table(r.asByteArray());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            names.add(t.getColumnInfo(i).getName());
        }
        List<Object[]> rows = VoTables.rows(t);
        assertFalse(rows.isEmpty());
        for (Object[] row : rows) {
            Object error = row[names.indexOf("error_message")];
            if (expected.equals("NotFoundFault")) {
                assertTrue(String.valueOf(error).startsWith("NotFoundFault: "), Arrays.toString(row));
            } else {
                assertEquals(null, error, Arrays.toString(row));
                assertEquals(expected.equals("authorized"), row[names.indexOf("link_authorized")],
                        Arrays.toString(row));
            }
        }
    }

    @ParameterizedTest(name = "{0} cuts out and bundles {1}: {2}")
    @CsvSource(textBlock = """
            alice,     img-a,  10,  200
            bert,      img-a,  10,  404
            anonymous, img-a,  10,  404
            anonymous, img-cal, 12, 200
            eso,       img-m31, 15, 200
            sam,       img-m31, 15, 404
            alice,     d-a,    20,  200
            bert,      d-a,    20,  403
            anonymous, d-a,    20,  401
            anonymous, d-rel,  22,  200
            bert,      d-nodate, 24, 403
            alice,     d-nodate, 24, 200
            """)
    void cutoutsAndBundlesFollowEachProductsRights(String user, String obsId, double ra, int status) {
        Response soda = as(user).queryParam("ID", did(obsId))
                .queryParam("CIRCLE", String.format(Locale.ROOT, "%.1f 20 0.002", ra)).get("/soda/sync");
        assertEquals(status, soda.statusCode(), soda.asString());
        if (status == 200) {
            assertTrue(soda.asString().startsWith("SIMPLE  ="), "a FITS cutout");
        } else {
            // SODA 1.0 section 5.2: text/plain beginning with its own labels
            assertTrue(soda.contentType().startsWith("text/plain"), soda.contentType());
            String label = switch (status) {
                case 401 -> "AuthenticationError: ";
                case 403 -> "AuthorizationError: ";
                default -> "UsageError: "; // 404: no such product (or not one this user may know of)
            };
            assertTrue(soda.asString().startsWith(label), soda.asString());
            assertEquals(status == 401, !soda.headers().getValues("WWW-Authenticate").isEmpty());
        }
        Response bundle = as(user).queryParam("ID", did(obsId)).get("/bundle");
        assertEquals(status, bundle.statusCode(), bundle.asString());
    }

    @ParameterizedTest(name = "{0} sees the progs collection: {1}")
    @CsvSource({"anonymous, 0", "bob, 0", "alice, 1", "eso, 1", "sam, 1"})
    void aMetadataProprietaryCollectionIsVisibleToItsProductsGroups(String user, String count) {
        assertEquals(List.of(count), rows(user, "SELECT COUNT(*) FROM archive.collections WHERE collection = 'progs'"));
    }
}
