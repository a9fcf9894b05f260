package meridian.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.IngestOptions;
import meridian.ingest.Ingestor;
import meridian.ingest.ProgressListener;
import meridian.ingest.demo.DemoArchive;
import meridian.server.files.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.StarTable;

/**
 * SSA 1.1 against a real server holding {@link TestService}'s rows (spectra obs-00, obs-02, ...
 * at ra = 10 + i, dec = -5 + i/2) plus {@value #DEMO} real demo spectra with target aliases,
 * generated and ingested by the project's own code: every parameter, SIZE as a diameter,
 * TARGETNAME resolution, errors, VOSI, and the reference validator and client (votlint, pyvo).
 */
class SsaTest {

    static final String DEMO = "ssa_demo";

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start();
        Path yaml = DemoArchive.generateSpectra(service.dataDir(), DEMO, 30);
        new Ingestor(service.archive().database(), new Collections(service.archive().config())
                .settings()).ingest(CollectionDefinition.load(yaml), IngestOptions.defaults(),
                ProgressListener.NONE);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Response ssa(Map<String, ?> params) {
        return given().baseUri(service.baseUrl()).queryParams(params).get("/ssa");
    }

    /** The obs_ids of TestService's spectra in a response (demo spectra left out), in order. */
    private static List<String> testIds(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        List<String> ids = new ArrayList<>();
        for (String did : column(r, "ssa_pubdid")) {
            if (did.contains("/test?")) {
                ids.add(did.substring(did.indexOf('?') + 1));
            }
        }
        return ids;
    }

    private static List<String> column(Response r, String name) throws Exception {
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        StarTable t = VoTables.table(body);
        int col = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equals(name)) {
                col = i;
            }
        }
        List<String> out = new ArrayList<>();
        for (Object[] row : VoTables.rows(t)) {
            out.add(String.valueOf(row[col]));
        }
        return out;
    }

    private static String error(Response r) throws Exception {
        assertEquals(400, r.statusCode(), r.asString());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        assertEquals(List.of("ERROR"), VoTables.statuses(body));
        return VoTables.errorMessage(body);
    }

    @Test
    void sizeIsTheDiameterOfTheCone() throws Exception {
        // obs-08 and obs-12 are 2.24 degrees from (20, 0): outside a 4-degree-wide cone, inside a 4.6-degree one
        assertEquals(List.of("obs-10"), testIds(ssa(Map.of("REQUEST", "queryData", "POS", "20,0", "SIZE", "4"))));
        assertEquals(List.of("obs-08", "obs-10", "obs-12"),
                testIds(ssa(Map.of("REQUEST", "queryData", "POS", "20,0;ICRS", "SIZE", "4.6"))));
        // without SIZE the configured default (0.1 degrees wide) applies
        assertEquals(List.of("obs-10"), testIds(ssa(Map.of("POS", "20.04,0"))));
        assertEquals(List.of(), testIds(ssa(Map.of("POS", "20.06,0"))));
    }

    @Test
    void positionalQueriesUseTheIndexPreFilter() {
        String adql = meridian.ssa.SsaQuery.adql(meridian.ssa.SsaParameters.parse(
                n -> java.util.Optional.ofNullable(Map.of("POS", "20,0", "SIZE", "4").get(n)),
                new meridian.ssa.SsaParameters.Limits(0.1, 10, 10)), java.util.Set.of(), java.util.Set.of(),
                meridian.ssa.SsaFields.of("Test", java.util.Set.of()));
        var db = service.archive().database();
        String sql = service.archive().parts().planner().plan(adql, "2.1", db.model(), meridian.adql.RowFilter.NONE).sql();
        String index = "derby".equals(db.backend().name()) ? meridian.sql.geom.SkyCells.COLUMN : "\"MERIDIAN\".\"POS\"";
        assertTrue(sql.contains(index), sql);
    }

    @Test
    void onlySpectraAreFound() throws Exception {
        assertEquals(List.of(), testIds(ssa(Map.of("POS", "21,0.5", "SIZE", "0.2")))); // obs-11 is an image
    }

    @Test
    void everyFieldHasAnSsaUtypeAndUcd() throws Exception {
        Response r = ssa(Map.of("POS", "20,0", "SIZE", "4.6", "RUNID", "run-7"));
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        assertEquals(List.of("OK"), VoTables.statuses(body));
        StarTable t = VoTables.table(body);
        List<String> utypes = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            ColumnInfo c = t.getColumnInfo(i);
            assertTrue(c.getUtype() != null && c.getUtype().startsWith("ssa:"), c.getName() + " " + c.getUtype());
            assertNotNull(c.getUCD(), c.getName());
            utypes.add(c.getUtype());
        }
        // SSA 1.1 section 4.2: every MAN field, and the REC (and OPT) ones the archive has data for
        List<String> man = List.of("ssa:Access.Reference", "ssa:Access.Format", "ssa:Dataset.DataModel",
                "ssa:Dataset.Length", "ssa:DataID.Title", "ssa:Curation.Publisher");
        List<String> rec = List.of("ssa:Access.Size", "ssa:DataID.Collection", "ssa:DataID.CreatorDID",
                "ssa:Curation.PublisherDID", "ssa:Curation.Reference", "ssa:CoordSys.SpaceFrame.Name",
                "ssa:Char.FluxAxis.Ucd", "ssa:Char.SpectralAxis.Ucd", "ssa:Char.SpatialAxis.Coverage.Location.Value",
                "ssa:Char.SpatialAxis.Coverage.Bounds.Extent", "ssa:Char.SpatialAxis.Resolution",
                "ssa:Char.TimeAxis.Coverage.Location.Value", "ssa:Char.TimeAxis.Coverage.Bounds.Extent",
                "ssa:Char.SpectralAxis.Coverage.Location.Value", "ssa:Char.SpectralAxis.Coverage.Bounds.Extent",
                "ssa:Char.SpectralAxis.Coverage.Bounds.Start", "ssa:Char.SpectralAxis.Coverage.Bounds.Stop",
                "ssa:Char.SpectralAxis.ResPower", "ssa:Target.Name", "ssa:Target.Redshift", "ssa:Derived.SNR");
        for (String u : java.util.stream.Stream.concat(man.stream(), rec.stream()).toList()) {
            assertTrue(utypes.contains(u), u + " in " + utypes);
        }
        assertEquals(utypes.size(), Set.copyOf(utypes).size(), "each utype once: " + utypes);
        Map<String, ColumnInfo> byUtype = new java.util.HashMap<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            byUtype.put(t.getColumnInfo(i).getUtype(), t.getColumnInfo(i));
        }
        assertEquals("src.redshift", byUtype.get("ssa:Target.Redshift").getUCD());
        assertEquals("meta.curation", byUtype.get("ssa:Curation.Publisher").getUCD());
        assertEquals("m", byUtype.get("ssa:Char.SpectralAxis.Coverage.Bounds.Start").getUnitString());
        assertEquals("deg", byUtype.get("ssa:Char.SpatialAxis.Coverage.Bounds.Extent").getUnitString());
        List<Object[]> rows = VoTables.rows(t);
        int model = t.getColumnCount() - 1;
        while (!"ssa:Dataset.DataModel".equals(t.getColumnInfo(model).getUtype())) {
            model--;
        }
        int publisher = utypes.indexOf("ssa:Curation.Publisher");
        for (Object[] row : rows) {
            assertEquals("Spectrum-1.1", String.valueOf(row[model]).trim());
            assertEquals(service.config().publisher(), String.valueOf(row[publisher]).trim());
        }
        String xml = r.asString();
        assertTrue(xml.contains("<INFO name=\"SERVICE_PROTOCOL\" value=\"1.1\">SSAP</INFO>"), xml);
        assertTrue(xml.contains("<INFO name=\"RUNID\" value=\"run-7\">"), xml);
        List<String> starts = column(r, "ssa_specstart");
        assertEquals(4.08e-7, Double.parseDouble(starts.get(0)), 1e-15);
    }

    @Test
    void bandInMetresOpenRangesAndNames() throws Exception {
        Map<String, String> cone = Map.of("POS", "20,0", "SIZE", "4.6");
        assertEquals(List.of("obs-12"), testIds(ssa(with(cone, "BAND", "7.11e-7/8e-7"))));
        assertEquals(List.of("obs-12"), testIds(ssa(with(cone, "BAND", "7.11e-7/"))));
        assertEquals(List.of("obs-08"), testIds(ssa(with(cone, "BAND", "/4.09e-7"))));
        assertEquals(List.of("obs-08", "obs-12"), testIds(ssa(with(cone, "BAND", "/4.09e-7,7.11e-7/"))));
        assertEquals(List.of("obs-10", "obs-12"), testIds(ssa(with(cone, "BAND", "7.1e-7"))));
        assertEquals(List.of("obs-08", "obs-10", "obs-12"), testIds(ssa(with(cone, "BAND", "optical"))));
        assertEquals(List.of(), testIds(ssa(with(cone, "BAND", "K"))));
    }

    @Test
    void timeIsAnIsoInterval() throws Exception {
        Map<String, String> cone = Map.of("POS", "20,0", "SIZE", "4.6");
        // MJD 58008 is 2017-09-12
        assertEquals(List.of("obs-08"), testIds(ssa(with(cone, "TIME", "2017-09-12T00:00:00/2017-09-12T12:00:00"))));
        assertEquals(List.of("obs-10", "obs-12"), testIds(ssa(with(cone, "TIME", "2017-09-14/"))));
        assertEquals(List.of("obs-08"), testIds(ssa(with(cone, "TIME", "2017-09-12"))));
    }

    @Test
    void formatSelectsDatasetFormats() throws Exception {
        Map<String, String> cone = Map.of("POS", "20,0", "SIZE", "4.6");
        for (String f : List.of("all", "native", "fits", "application/fits", "ALL,votable")) {
            assertEquals(3, testIds(ssa(with(cone, "FORMAT", f))).size(), f);
        }
        for (String f : List.of("votable", "compliant", "application/x-votable+xml", "graphic")) {
            assertEquals(0, testIds(ssa(with(cone, "FORMAT", f))).size(), f);
        }
    }

    @Test
    void identifiersCollectionsAndResolution() throws Exception {
        assertEquals(List.of("obs-10"), testIds(ssa(Map.of("PUBDID", "ivo://meridian.demo/test?obs-10"))));
        assertEquals(20, testIds(ssa(Map.of("COLLECTION", "alpha,beta"))).size());
        assertEquals(7, testIds(ssa(Map.of("COLLECTION", "beta"))).size());
        assertEquals(List.of(), testIds(ssa(Map.of("COLLECTION", "alpha' OR '1'='1"))));
        assertEquals(20, testIds(ssa(Map.of("SPECRP", "1500"))).size());
        assertEquals(0, testIds(ssa(Map.of("SPECRP", "2500"))).size());
        assertEquals(0, testIds(ssa(Map.of("CREATORDID", "ivo://nobody/x"))).size());
        assertEquals(200, ssa(Map.of("SPATRES", "0.01", "TIMERES", "1", "TARGETCLASS", "star")).statusCode());
        assertEquals(200, ssa(Map.of("MTIME", "2020-01-01/2030-01-01", "WAVECALIB", "any")).statusCode());
    }

    @Test
    void targetNameResolvesNamesAndAliasesOfTheArchive() throws Exception {
        assertEquals(List.of("obs-00", "obs-10", "obs-20", "obs-30"), testIds(ssa(Map.of("TARGETNAME", "STAR-0"))));
        assertEquals(List.of(), testIds(ssa(Map.of("TARGETNAME", "no such star"))));
        // demo spectra: canonical names with aliases from the collection YAML
        String[][] targets = {{"HD 10700", "TAU  cet"}, {"Vega", "alf lyr"}, {"M 87", "vir a"}, {"3C 273", "pg1226+023"},
                {"Sirius", "ALF CMA"}, {"HD 209458", "hip108859"}};
        int checked = 0;
        for (String[] t : targets) {
            int n = demoSpectraOf(t[0]);
            if (n > 0) {
                assertEquals(n, column(ssa(Map.of("TARGETNAME", t[1])), "ssa_targname").size(), t[1]);
                assertEquals(n, column(ssa(Map.of("TARGETNAME", t[0].toLowerCase().replace(" ", ""))),
                        "ssa_targname").size(), t[0]);
                checked++;
            }
        }
        assertTrue(checked >= 2, "the demo spectra cover too few aliased targets: " + checked);
    }

    private static int demoSpectraOf(String target) throws Exception {
        try (Connection c = service.archive().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"ivoa\".\"obscore\""
                     + " WHERE \"target_name\" = ? AND \"dataproduct_type\" = 'spectrum'")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A demo spectrum as ivoa.obscore holds it. */
    private record DemoSpectrum(String did, String target, Double z, Double snr, String fluxCalib,
                                String waveCalib, double emMin, double emMax) {
    }

    private static List<DemoSpectrum> demoSpectra() throws Exception {
        List<DemoSpectrum> out = new ArrayList<>();
        try (Connection c = service.archive().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT \"obs_publisher_did\", \"target_name\","
                     + " \"redshift\", \"snr\", \"flux_calib\", \"wave_calib\", \"em_min\", \"em_max\""
                     + " FROM \"ivoa\".\"obscore\" WHERE \"obs_collection\" = ?"
                     + " AND \"dataproduct_type\" = 'spectrum'")) {
            ps.setString(1, DEMO);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DemoSpectrum(rs.getString(1), rs.getString(2), (Double) rs.getObject(3),
                            (Double) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getDouble(7),
                            rs.getDouble(8)));
                }
            }
        }
        assertTrue(out.size() >= 30, "demo spectra: " + out.size());
        return out;
    }

    /** The publisher DIDs SSA finds among the demo spectra. */
    private static java.util.Set<String> found(String name, String value) throws Exception {
        Response r = ssa(Map.of("COLLECTION", DEMO, "MAXREC", "10000", name, value));
        assertEquals(200, r.statusCode(), r.asString());
        return new java.util.TreeSet<>(column(r, "ssa_pubdid"));
    }

    private static java.util.Set<String> expected(List<DemoSpectrum> all,
                                                  java.util.function.Predicate<DemoSpectrum> p) {
        return all.stream().filter(p).map(DemoSpectrum::did).collect(java.util.stream.Collectors.toCollection(
                java.util.TreeSet::new));
    }

    private static boolean covers(DemoSpectrum s, double observed) {
        return s.emMin() <= observed && observed <= s.emMax();
    }

    @Test
    void redshiftSelectsBySourceRedshift() throws Exception {
        List<DemoSpectrum> all = demoSpectra();
        java.util.Set<String> qso = expected(all, s -> "3C 273".equals(s.target()));
        java.util.Set<String> galaxies = expected(all, s -> "NGC 1068".equals(s.target()) || "M 87".equals(s.target()));
        assertFalse(qso.isEmpty(), "the demo spectra include 3C 273");
        assertFalse(galaxies.isEmpty(), "the demo spectra include NGC 1068 or M 87");
        assertTrue(all.stream().filter(s -> "3C 273".equals(s.target())).allMatch(s -> s.z() == 0.158339));
        assertEquals(qso, found("REDSHIFT", "0.1/0.2"));
        assertEquals(qso, found("REDSHIFT", "0.1/"));
        assertEquals(galaxies, found("REDSHIFT", "0.003/0.005"));
        // the stars have z = 0; anonymous fields have no redshift and are never found
        java.util.Set<String> stars = expected(all, s -> s.z() != null && s.z() == 0);
        assertFalse(stars.isEmpty());
        assertEquals(stars, found("REDSHIFT", "/0.001"));
        assertEquals(expected(all, s -> s.z() != null), found("REDSHIFT", "-1/1"));
        assertTrue(all.stream().anyMatch(s -> s.z() == null), "some demo spectra are of fields without redshift");
        assertEquals(java.util.Set.of(), found("REDSHIFT", "0.5/2"));
    }

    @Test
    void bandrestShiftsTheBandByEachSpectrumsRedshift() throws Exception {
        List<DemoSpectrum> all = demoSpectra();
        // H-alpha at rest: a spectrum matches when it covers 656.3 nm * (1 + z)
        double halpha = 656.3e-9;
        java.util.Set<String> withHalpha = expected(all, s -> s.z() != null && covers(s, halpha * (1 + s.z())));
        assertTrue(withHalpha.stream().anyMatch(d -> all.stream().anyMatch(s -> s.did().equals(d)
                && "3C 273".equals(s.target()))), "some 3C 273 spectrum covers H-alpha at z = 0.158");
        assertEquals(withHalpha, found("BANDREST", "656.3e-9"));
        // a rest wavelength a 3C 273 spectrum covers as observed, but not once redshifted
        DemoSpectrum qso = all.stream().filter(s -> "3C 273".equals(s.target())).findFirst().orElseThrow();
        double rest = qso.emMax() / 1.1;
        java.util.Set<String> byRest = found("BANDREST", Double.toString(rest));
        assertEquals(expected(all, s -> s.z() != null && covers(s, rest * (1 + s.z()))), byRest);
        assertFalse(byRest.contains(qso.did()), "3C 273 at z = 0.158 does not reach " + rest * 1.158);
        assertTrue(found("BAND", Double.toString(rest)).contains(qso.did()), "but covers it as observed");
        // ranges and alternatives: a rest band overlaps the spectrum shifted by (1 + z)
        double lo = 380e-9;
        double hi = 390e-9;
        assertEquals(expected(all, s -> s.z() != null && s.emMax() >= lo * (1 + s.z()) && s.emMin() <= hi * (1 + s.z())),
                found("BANDREST", lo + "/" + hi));
        assertEquals(expected(all, s -> s.z() != null && (covers(s, halpha * (1 + s.z()))
                        || covers(s, rest * (1 + s.z())))),
                found("BANDREST", halpha + "," + rest));
    }

    @Test
    void snrAndCalibrationsComeFromTheCollectionMapping() throws Exception {
        List<DemoSpectrum> all = demoSpectra();
        assertTrue(all.stream().allMatch(s -> s.snr() != null && s.snr() >= 20 && s.snr() <= 100), "SNR keyword");
        java.util.Set<String> snr60 = expected(all, s -> s.snr() >= 60);
        assertFalse(snr60.isEmpty());
        assertTrue(snr60.size() < all.size());
        assertEquals(snr60, found("SNR", "60"));
        java.util.Set<String> every = expected(all, s -> true);
        assertTrue(all.stream().allMatch(s -> "ABSOLUTE".equals(s.fluxCalib()) && "ABSOLUTE".equals(s.waveCalib())));
        assertEquals(every, found("FLUXCALIB", "absolute"));
        assertEquals(every, found("FLUXCALIB", "ABSOLUTE"));
        assertEquals(java.util.Set.of(), found("FLUXCALIB", "normalized"));
        assertEquals(every, found("WAVECALIB", "absolute"));
        assertEquals(java.util.Set.of(), found("WAVECALIB", "relative"));
        assertEquals(every, found("WAVECALIB", "any"));
    }

    @Test
    void maxrecAndTopLimitTheResultAsDaliSays() throws Exception {
        Response r = ssa(Map.of("COLLECTION", "alpha", "MAXREC", "3"));
        assertEquals(3, testIds(r).size());
        assertEquals(List.of("OK", "OVERFLOW"), VoTables.statuses(r.asByteArray()));
        assertEquals(2, testIds(ssa(Map.of("COLLECTION", "alpha", "TOP", "2"))).size());
        Response none = ssa(Map.of("MAXREC", "0"));
        assertEquals(0, testIds(none).size());
        assertTrue(VoTables.table(none.asByteArray()).getColumnCount() > 20);
        assertEquals(13, testIds(ssa(Map.of("COLLECTION", "alpha", "MAXREC", "999999999"))).size());
    }

    @Test
    void formatMetadataDescribesInputsAndFields() throws Exception {
        Response r = ssa(Map.of("REQUEST", "queryData", "FORMAT", "METADATA"));
        assertEquals(200, r.statusCode());
        byte[] body = r.asByteArray();
        VoTables.assertSchemaValid(body);
        StarTable t = VoTables.table(body);
        assertEquals(0, VoTables.rows(t).size());
        List<String> params = new ArrayList<>();
        for (Object p : t.getParameters()) {
            params.add(((DescribedValue) p).getInfo().getName());
        }
        for (String p : List.of("POS", "SIZE", "BAND", "TIME", "FORMAT", "TARGETNAME", "TARGETCLASS", "COLLECTION",
                "PUBDID", "CREATORDID", "REDSHIFT", "SPECRP", "SPATRES", "TIMERES", "SNR", "FLUXCALIB", "WAVECALIB",
                "MTIME", "MAXREC", "TOP", "RUNID", "BANDREST")) {
            assertTrue(params.contains("INPUT:" + p), p + " in " + params);
        }
        // exactly the fields a query returns, with the same names, utypes, UCDs and units
        StarTable query = VoTables.table(ssa(Map.of("POS", "20,0", "SIZE", "4.6")).asByteArray());
        assertEquals(query.getColumnCount(), t.getColumnCount());
        for (int i = 0; i < t.getColumnCount(); i++) {
            ColumnInfo m = t.getColumnInfo(i);
            ColumnInfo q = query.getColumnInfo(i);
            assertEquals(List.of(q.getName(), q.getUtype(), q.getUCD(), String.valueOf(q.getUnitString())),
                    List.of(m.getName(), m.getUtype(), m.getUCD(), String.valueOf(m.getUnitString())));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POS|abc|POS",
            "POS|20,100|declination",
            "SIZE|0|SIZE",
            "SIZE|200|diameter",
            "BAND|6e-7/5e-7|inverted",
            "TIME|2020-02-30|ISO 8601",
            "FORMAT|spreadsheet|not a format",
            "MAXREC|-5|MAXREC",
            "REQUEST|getData|getData",
            "REQUEST|doQuery|REQUEST",
            "REDSHIFT|abc|REDSHIFT",
            "BANDREST|6e-7/5e-7|inverted",
            "BANDREST|-5e-7|positive",
            "SNR|-10|negative",
            "FLUXCALIB|bogus|not one of",
            "WAVECALIB|normalized|not one of",
            "RESPONSEFORMAT|csv|RESPONSEFORMAT"})
    void badInputGivesAnSsaErrorDocument(String name, String value, String message) throws Exception {
        String m = error(ssa(with(Map.of("POS", "20,0"), name, value)));
        assertTrue(m.contains(message), m);
    }

    @Test
    void unknownParametersAreIgnoredAndPostWorksLikeGet() throws Exception {
        assertEquals(List.of("obs-10"), testIds(ssa(Map.of("POS", "20,0", "SIZE", "4", "FOO", "bar"))));
        Response post = given().baseUri(service.baseUrl()).formParam("pos", "20,0").formParam("size", "4").post("/ssa");
        assertEquals(List.of("obs-10"), testIds(post));
    }

    @Test
    void vosiCapabilitiesAndAvailability() throws Exception {
        String caps = given().baseUri(service.baseUrl()).get("/ssa/capabilities").then().statusCode(200)
                .extract().asString();
        RegistrySchemas.valid(caps); // VOSI capabilities with the SSA capability schema (SSACapRegExt)
        assertTrue(caps.contains("standardID=\"ivo://ivoa.net/std/SSA\""), caps);
        assertTrue(caps.contains("<maxRecords>100000</maxRecords>"), caps);
        assertTrue(caps.contains("<defaultMaxRecords>1000</defaultMaxRecords>"), caps);
        assertTrue(caps.contains("<maxAperture>180.0</maxAperture>"), caps);
        assertTrue(caps.contains(service.baseUrl() + "/ssa</accessURL>"), caps);
        String avail = given().baseUri(service.baseUrl()).get("/ssa/availability").then().statusCode(200)
                .extract().asString();
        assertTrue(avail.contains("<vosi:available>true</vosi:available>"), avail);
    }

    @Test
    void resultsCarryTheDatalinkServiceDescriptor() throws Exception {
        String body = ssa(Map.of("POS", "20,0", "SIZE", "4.6")).asString();
        assertTrue(body.contains("utype=\"adhoc:service\""), body);
        assertTrue(body.contains(service.baseUrl() + "/datalink/links"), body);
        assertTrue(body.contains("ID=\"" + meridian.server.results.DatalinkDescriptor.FIELD_ID + "\""), body);
        String metadata = ssa(Map.of("FORMAT", "METADATA")).asString();
        assertTrue(!metadata.contains("adhoc:service"), "no descriptor with metadata-only answers");
    }

    @Test
    void votlintFindsNoErrors() throws Exception {
        Path stilts = Path.of("/usr/bin/stilts");
        assertTrue(Files.isExecutable(stilts), "install the Debian package stilts");
        Path file = service.dataDir().resolve("votlint.vot");
        for (Map<String, String> query : List.of(Map.of("POS", "20,0", "SIZE", "4.6", "RUNID", "x"),
                Map.of("FORMAT", "METADATA"), Map.of("COLLECTION", "alpha", "MAXREC", "2"), Map.of("POS", "abc"),
                Map.of("TARGETNAME", "tau cet", "RESPONSEFORMAT", "votable/b2"))) {
            // error documents come with status 400, which votlint does not fetch: check the saved body
            Files.write(file, ssa(query).asByteArray());
            String out = Commands.run(List.of(stilts.toString(), "votlint", "votable=" + file));
            System.out.println("votlint " + query + ":\n" + out);
            assertTrue(out.isBlank(), query + ":\n" + out);
        }
    }

    @Test
    void pyvoFindsAndDownloadsSpectra() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "install the Debian package python3-pyvo");
        String out = Commands.run(List.of(python.toString(), "src/test/python/pyvo_ssa_check.py", service.baseUrl() + "/ssa"));
        System.out.println(out);
        assertTrue(out.contains("pyvo ssa: OK"), out);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(name, value);
        return m;
    }
}
