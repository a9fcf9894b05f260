package meridian.server.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Every record of every provider, each with a stable {@code created} date and an {@code updated}
 * date (the OAI-PMH datestamp) that changes exactly when the record's content does, or when its
 * provider says what it describes changed (a re-ingested collection); a record is never dated
 * before it was first published, so incremental harvests cannot miss it. The dates are kept in a small properties
 * file in the data directory, keyed by identifier with a digest of the content (access URLs taken
 * from the request's host are masked out, so clients using different host names see the same
 * dates). Thread-safe.
 */
public final class PublishedRecords {

    /**
     * A record as published.
     *
     * @param record  the record
     * @param body    its XML children ({@link ResourceXml#body})
     * @param created first published, to the second
     * @param updated last changed, to the second, never before {@code created}
     */
    public record Published(RegistryRecord record, String body, Instant created, Instant updated) {

        /** The {@code ri:Resource} element. */
        public String resourceElement() {
            return ResourceXml.element(record, body, created, updated);
        }
    }

    private final List<RecordProvider> providers;
    private final Path datesFile;
    private final Clock clock;
    private final Properties dates = new Properties();

    /**
     * @param providers where records come from, asked in this order
     * @param datesFile where created/updated dates are kept (created with its directory when missing)
     * @param clock     the time of changes
     */
    public PublishedRecords(List<RecordProvider> providers, Path datesFile, Clock clock) {
        this.providers = List.copyOf(providers);
        this.datesFile = datesFile;
        this.clock = clock;
        if (Files.exists(datesFile)) {
            try (Reader in = Files.newBufferedReader(datesFile, StandardCharsets.UTF_8)) {
                dates.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + datesFile, e);
            }
        }
    }

    /**
     * All current records, sorted by identifier.
     *
     * @param baseUrl the public base URL the records' access URLs hang under
     * @throws IllegalStateException when two providers give the same identifier
     */
    public List<Published> snapshot(String baseUrl) {
        List<RegistryRecord> records = new ArrayList<>();
        for (RecordProvider p : providers) {
            records.addAll(p.records(baseUrl));
        }
        records.sort(Comparator.comparing(RegistryRecord::identifier));
        Set<String> seen = new HashSet<>();
        List<Published> out = new ArrayList<>(records.size());
        synchronized (dates) {
            boolean changed = false;
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            for (RegistryRecord r : records) {
                if (!seen.add(r.identifier())) {
                    throw new IllegalStateException("two registry records have the identifier " + r.identifier());
                }
                String body = ResourceXml.body(r);
                String digest = digest(body.replace(baseUrl, "\u0000"));
                Instant claimed = r.updated() == null ? null : r.updated().truncatedTo(ChronoUnit.SECONDS);
                String[] stored = dates.getProperty(r.identifier(), "").split(" ");
                Instant created;
                Instant updated;
                if (stored.length != 3) {
                    // first published now: a harvester that last came before now must see it,
                    // whatever earlier date its provider claims
                    created = claimed != null && claimed.isBefore(now) ? claimed : now;
                    updated = now;
                } else {
                    created = Instant.parse(stored[0]);
                    updated = stored[2].equals(digest) ? Instant.parse(stored[1]) : now;
                }
                if (claimed != null && claimed.isAfter(updated)) {
                    updated = claimed;
                }
                String value = created + " " + updated + " " + digest;
                if (!value.equals(dates.getProperty(r.identifier()))) {
                    dates.setProperty(r.identifier(), value);
                    changed = true;
                }
                out.add(new Published(r, body, created, updated));
            }
            if (changed) {
                save();
            }
        }
        return out;
    }

    private void save() {
        try {
            Files.createDirectories(datesFile.getParent());
            Path tmp = datesFile.resolveSibling(datesFile.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                dates.store(w, "created updated content-digest of each published registry record");
            }
            Files.move(tmp, datesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + datesFile, e);
        }
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
