package meridian.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import meridian.server.oai.OaiRepository;
import meridian.server.registry.AuthorityRecord;
import meridian.server.registry.PublishedRecords;
import meridian.server.registry.PublishingRegistryRecord;
import meridian.server.registry.RecordProvider;
import meridian.server.registry.RegistryMetadata;
import meridian.server.registry.RegistryRecord;
import meridian.server.registry.ServiceRecord;
import meridian.server.vosi.CapabilitiesDocument;
import meridian.server.vosi.ServiceCapabilities;
import meridian.server.vosi.TapCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The registry records without HTTP: how another service plugs its record in (an SSA service
 * and a DataLink capability, as their branches will), and how records are dated.
 */
class RegistryRecordsTest {

    static final String BASE = "http://archive.example:8080";

    static final RegistryMetadata META = new RegistryMetadata("meridian.test", "Test archive", "A test archive.",
            "Test", new RegistryRecord.Curation("Test Publisher", null, "Test operators", null, "ops@example.org"),
            List.of("spectroscopy"), null, "public");

    /** What the SSA module will give: its capability, used by its VOSI endpoint and its record. */
    static final ServiceCapabilities SSA = url -> List.of(
            "  <capability standardID=\"ivo://ivoa.net/std/SSA\" xsi:type=\"ssa:SimpleSpectralAccess\">\n"
                    + "    <interface xsi:type=\"vs:ParamHTTP\" role=\"std\" version=\"1.1\">\n"
                    + "      <accessURL use=\"base\">" + url + "?</accessURL>\n"
                    + "    </interface>\n"
                    + "    <complianceLevel>full</complianceLevel>\n"
                    + "    <dataSource>pointed</dataSource>\n"
                    + "    <creationType>archival</creationType>\n"
                    + "    <supportedFrame>ICRS</supportedFrame>\n"
                    + "    <maxRecords>10000</maxRecords>\n"
                    + "    <defaultMaxRecords>1000</defaultMaxRecords>\n"
                    + "  </capability>\n",
            TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#capabilities", url + "/capabilities"));

    /** A DataLink capability, added to the TAP service's by the DataLink module. */
    static final ServiceCapabilities DATALINK = url -> List.of(
            TapCapabilities.simpleCapability("ivo://ivoa.net/std/DataLink#links-1.1", url.replace("/tap", "/datalink/links")));

    @Test
    void pluggedServiceRecordsAreValidAndMatchTheirVosiDocument(@TempDir Path dir) {
        TapCapabilities tap = new TapCapabilities(List.of(), 1000, 10000, 60,
                new TapCapabilities.AsyncLimits(60, 120, 3600, 7200, 2, 1_000_000),
                new TapCapabilities.UploadLimits(100, 100_000, false));
        ServiceCapabilities tapAndLinks = tap.and(DATALINK);
        PublishingRegistryRecord registry = new PublishingRegistryRecord(META, "/oai", 10);
        List<RecordProvider> providers = List.of(registry, new AuthorityRecord(META),
                ServiceRecord.tap(META, tapAndLinks, null),
                new ServiceRecord(META, "ssa", "vs:CatalogService", "Test SSA", "Spectra by SSA.", SSA, "/ssa", null));
        OaiRepository oai = new OaiRepository(new PublishedRecords(providers, dir.resolve("dates"),
                Clock.systemUTC()), registry.identifier(), "Test", "ops@example.org", 10, Clock.systemUTC());
        String xml = oai.respond(Map.of("verb", List.of("ListRecords"), "metadataPrefix", List.of("ivo_vor")),
                BASE + "/oai", BASE);
        Document d = RegistrySchemas.valid(xml);
        assertEquals(4, d.getElementsByTagNameNS(OaiTest.RI, "Resource").getLength());
        assertTrue(xml.contains("<identifier>ivo://meridian.test/ssa</identifier>"));
        assertTrue(xml.contains("xsi:type=\"ssa:SimpleSpectralAccess\""));
        assertTrue(xml.contains("ivo://ivoa.net/std/DataLink#links-1.1"));
        // the VOSI documents of both services come from the same capabilities and validate too
        RegistrySchemas.valid(CapabilitiesDocument.of(SSA, BASE + "/ssa"));
        String tapVosi = CapabilitiesDocument.of(tapAndLinks, BASE + "/tap");
        RegistrySchemas.valid(tapVosi);
        for (String capability : tapAndLinks.capabilities(BASE + "/tap")) {
            assertTrue(xml.contains(capability) && tapVosi.contains(capability));
        }
        RegistrySchemas.valid(oai.respond(Map.of("verb", List.of("ListRecords"), "metadataPrefix",
                List.of("oai_dc")), BASE + "/oai", BASE));
    }

    /** A clock that tests move. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(String now) {
            this.now = Instant.parse(now);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void recordsKeepTheirDatesUntilTheirContentChanges(@TempDir Path dir) {
        AtomicReference<String> description = new AtomicReference<>("first");
        AtomicReference<Instant> claimed = new AtomicReference<>();
        RecordProvider provider = base -> List.of(new RegistryRecord("ivo://meridian.test/x", "vs:CatalogResource",
                "X", null, META.curation(), META.content(base, description.get(), List.of(), List.of()), "",
                claimed.get()));
        Path file = dir.resolve("registry/dates.properties");
        TestClock clock = new TestClock("2024-01-01T00:00:00Z");
        PublishedRecords.Published first = new PublishedRecords(List.of(provider), file, clock).snapshot(BASE).get(0);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), first.created());
        assertEquals(first.created(), first.updated());
        assertTrue(Files.exists(file));

        // a restart, a later day, another host name in the request: same content, same dates
        clock.now = Instant.parse("2024-02-01T00:00:00Z");
        PublishedRecords restarted = new PublishedRecords(List.of(provider), file, clock);
        assertEquals(first.updated(), restarted.snapshot("http://other.example").get(0).updated());

        // changed content: updated moves, created stays
        description.set("second");
        PublishedRecords.Published changed = restarted.snapshot(BASE).get(0);
        assertEquals(Instant.parse("2024-02-01T00:00:00Z"), changed.updated());
        assertEquals(first.created(), changed.created());

        // the provider says what it describes changed (a collection re-ingested), content the same
        claimed.set(Instant.parse("2024-03-01T12:00:00.5Z"));
        clock.now = Instant.parse("2024-03-02T00:00:00Z");
        assertEquals(Instant.parse("2024-03-01T12:00:00Z"), restarted.snapshot(BASE).get(0).updated());
        assertNotEquals(first.updated(), restarted.snapshot(BASE).get(0).updated());
    }

    @Test
    void twoRecordsWithOneIdentifierAreRefused(@TempDir Path dir) {
        RecordProvider authority = new AuthorityRecord(META);
        PublishedRecords records = new PublishedRecords(List.of(authority, authority), dir.resolve("d"),
                Clock.systemUTC());
        assertThrows(IllegalStateException.class, () -> records.snapshot(BASE));
    }
}
