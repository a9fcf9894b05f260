package meridian.server.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import meridian.sql.DatabaseConfig;

/**
 * {@code conf/meridian.yaml}, read once at start-up. Unknown keys are errors, so a typo in the
 * file is reported instead of silently ignored. Relative paths are resolved against
 * {@link #baseDir()}, the Meridian home (see {@link #home()}), wherever the file lies; a file or
 * directory the configuration names that does not exist stops the start with a message naming
 * the key.
 */
public record MeridianConfig(Service service, Archive archive, Database database, Tap tap, Path baseDir,
                             Registry registry, Datalink datalink, Ssa ssa, Limits limits, Scs scs) {

    /**
     * {@code service:} identity, contact and the curation metadata of the registry records.
     * Use the accessors of {@link MeridianConfig} ({@link #publisher()}, {@link #subjects()}...)
     * for the values with their defaults.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Service(String title, String description, String authority,
                          @JsonProperty("base_url") String baseUrl, Integer port,
                          @JsonProperty("contact_name") String contactName,
                          @JsonProperty("contact_email") String contactEmail,
                          @JsonProperty("contact_address") String contactAddress,
                          @JsonProperty("short_name") String shortName,
                          String publisher, String creator,
                          java.util.List<String> subjects,
                          @JsonProperty("reference_url") String referenceUrl,
                          String rights) {
    }

    /** {@code registry:} the OAI-PMH publishing registry at {@code /oai}. */
    public record Registry(@JsonProperty("page_size") Integer pageSize) {
    }

    /**
     * {@code limits:} how much expensive work (TAP sync queries, SSA queries, SODA cutouts,
     * bundles, executing async jobs) a client (user, or address when anonymous) may have running
     * at once, how long a request over the limit waits for its turn, and an optional request rate.
     * Every key is optional; the accessors give the defaults.
     */
    public record Limits(@JsonProperty("requests_per_minute") Integer requestsPerMinute, Integer burst,
                         @JsonProperty("queries_per_client") Integer queriesPerClient,
                         @JsonProperty("queue_seconds") Integer queueSeconds,
                         @JsonProperty("queued_per_client") Integer queuedPerClient,
                         @JsonProperty("queued_jobs_per_client") Integer queuedJobsPerClient) {

        /** Only the request rate (tests and the benchmark server turn it off). */
        public Limits(Integer requestsPerMinute, Integer burst) {
            this(requestsPerMinute, burst, null, null, null, null);
        }

        /** Sustained expensive requests per minute per client; 0 (the default) turns the rate limit off. */
        public int perMinute() {
            return requestsPerMinute == null ? 0 : requestsPerMinute;
        }

        /** Expensive requests a client may send at once under the rate limit. */
        public int burstSize() {
            return burst == null ? 30 : burst;
        }

        /** Expensive requests and executing async jobs of one client running at once. */
        public int perClient() {
            return queriesPerClient == null ? 2 : queriesPerClient;
        }

        /** Longest wait of a request over a limit before 429. */
        public int queueWaitSeconds() {
            return queueSeconds == null ? 10 : queueSeconds;
        }

        /** Requests of one client waiting for their turn at once; more get 429 at once. */
        public int waitingPerClient() {
            return queuedPerClient == null ? 8 : queuedPerClient;
        }

        /** Async jobs of one client in QUEUED; PHASE=RUN on more gets 429. */
        public int jobsQueuedPerClient() {
            return queuedJobsPerClient == null ? 16 : queuedJobsPerClient;
        }
    }

    /**
     * {@code archive:} where data lives, the archive's schema, the collection definitions and the
     * DALI example queries ({@code examples}: a YAML file; an empty value serves none).
     */
    public record Archive(@JsonProperty("data_dir") String dataDir, String schema,
                          @JsonProperty("collections_dir") String collectionsDir, String examples) {
    }

    /** The system property naming the Meridian home (the launcher sets it to the repository root). */
    public static final String HOME_PROPERTY = "meridian.home";

    /** {@code database:} which backend. */
    public record Database(String kind, @JsonProperty("jdbc_url") String jdbcUrl, String user, String password,
                           @JsonProperty("password_file") String passwordFile,
                           @JsonProperty("pool_size") Integer poolSize) {
    }

    /** {@code tap:} limits declared in the capabilities and enforced. */
    public record Tap(@JsonProperty("maxrec_default") Long maxrecDefault,
                      @JsonProperty("maxrec_limit") Long maxrecLimit,
                      @JsonProperty("sync_timeout_seconds") Integer syncTimeoutSeconds,
                      @JsonProperty("upload_limit_rows") Long uploadLimitRows,
                      @JsonProperty("upload_limit_bytes") Long uploadLimitBytes,
                      @JsonProperty("upload_url_allow") java.util.List<String> uploadUrlAllow,
                      @JsonProperty("upload_url_timeout_seconds") Integer uploadUrlTimeoutSeconds,
                      Async async) {
    }

    /** {@code tap.async:} UWS job limits. */
    public record Async(@JsonProperty("execution_duration_seconds") Integer executionDurationSeconds,
                        @JsonProperty("execution_duration_limit_seconds") Integer executionDurationLimitSeconds,
                        @JsonProperty("destruction_seconds") Long destructionSeconds,
                        @JsonProperty("destruction_limit_seconds") Long destructionLimitSeconds,
                        @JsonProperty("max_executing_jobs") Integer maxExecutingJobs,
                        @JsonProperty("max_wait_seconds") Integer maxWaitSeconds,
                        @JsonProperty("reaper_interval_seconds") Integer reaperIntervalSeconds,
                        @JsonProperty("result_limit_bytes") Long resultLimitBytes) {
    }

    /** {@code datalink:} limits of DataLink, SODA and bundle requests; every key optional. */
    public record Datalink(@JsonProperty("max_ids") Integer maxIds,
                           @JsonProperty("bundle_max_ids") Integer bundleMaxIds,
                           @JsonProperty("bundle_max_files") Integer bundleMaxFiles,
                           @JsonProperty("bundle_max_bytes") Long bundleMaxBytes) {
    }

    /**
     * {@code ssa:} limits and defaults of the SSA service, declared in its capabilities; absent
     * values default to the TAP limits and a SIZE of {@link #DEFAULT_SSA_SIZE} degrees.
     */
    public record Ssa(@JsonProperty("default_size") Double defaultSize,
                      @JsonProperty("maxrec_default") Long maxrecDefault,
                      @JsonProperty("maxrec_limit") Long maxrecLimit) {
    }

    /**
     * {@code scs:} limits of the Simple Cone Search services ({@code /scs/<schema>.<table>}),
     * declared in their capabilities; absent values default to {@link #DEFAULT_SCS_MAX_SR} degrees
     * and the TAP MAXREC limits.
     */
    public record Scs(@JsonProperty("max_sr") Double maxSr,
                      @JsonProperty("maxrec_default") Long maxrecDefault,
                      @JsonProperty("maxrec_limit") Long maxrecLimit) {
    }

    /** Largest cone search radius (degrees) unless {@code scs.max_sr} says otherwise. */
    public static final double DEFAULT_SCS_MAX_SR = 10;

    /** SSA SIZE (cone diameter, degrees) when neither the request nor the configuration gives one. */
    public static final double DEFAULT_SSA_SIZE = 0.1;

    private record File(Service service, Archive archive, Database database, Tap tap, Registry registry,
                        Datalink datalink, Ssa ssa, Limits limits, Scs scs) {
    }

    /**
     * The base of relative paths in every configuration file: the Meridian home, the system
     * property {@value #HOME_PROPERTY} (the {@code meridian} launcher sets it to the repository
     * root, the build to the root of the source tree), else the working directory. A
     * configuration copied elsewhere ({@code --config /etc/meridian/meridian.yaml}) so keeps
     * meaning what the shipped one means.
     */
    public static Path home() {
        String h = System.getProperty(HOME_PROPERTY);
        return Path.of(h == null || h.isBlank() ? "" : h).toAbsolutePath().normalize();
    }

    /**
     * Reads a configuration file. Relative paths in it are resolved against {@link #home()}.
     *
     * @throws ConfigException naming the file and the problem, also when a file or directory it
     *                         names (examples, collections directory, password file) is missing
     */
    public static MeridianConfig load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        File f;
        try {
            f = yaml.readValue(Files.readAllBytes(file), File.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        if (f == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        return new MeridianConfig(f.service(), f.archive(), f.database(), f.tap(), home(),
                f.registry() == null ? new Registry(null) : f.registry(), f.datalink(), f.ssa(),
                f.limits() == null ? new Limits(null, null) : f.limits(), f.scs()).validated(file);
    }

    private MeridianConfig validated(Path file) {
        if (service == null || archive == null || tap == null) {
            throw new ConfigException(file + ": the sections service, archive and tap are required");
        }
        if (limits.perClient() < 1 || limits.queueWaitSeconds() < 0 || limits.waitingPerClient() < 0
                || limits.jobsQueuedPerClient() < 1 || limits.perMinute() < 0) {
            throw new ConfigException(file + ": limits.queries_per_client and limits.queued_jobs_per_client must be"
                    + " at least 1; limits.queue_seconds, limits.queued_per_client and limits.requests_per_minute"
                    + " at least 0");
        }
        if (archive.schema() == null || !archive.schema().matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ConfigException(file + ": archive.schema must be a plain identifier, got " + archive.schema());
        }
        if (service.authority() == null || service.authority().isBlank()) {
            throw new ConfigException(file + ": service.authority is required (the ivo:// authority)");
        }
        if (!service.authority().matches("[A-Za-z0-9][A-Za-z0-9._~-]{2,}")) {
            throw new ConfigException(file + ": service.authority must be an IVOA authority id (three or more"
                    + " letters, digits and ._~-, e.g. example.org), got " + service.authority());
        }
        if (service.contactEmail() == null || service.contactEmail().isBlank()) {
            throw new ConfigException(file + ": service.contact_email is required (the registry records' contact and"
                    + " the OAI-PMH adminEmail)");
        }
        if (service.shortName() != null && service.shortName().length() > 16) {
            throw new ConfigException(file + ": service.short_name must be at most 16 characters (VOResource)");
        }
        if (registryPageSize() < 1) {
            throw new ConfigException(file + ": registry.page_size must be at least 1");
        }
        if (maxrecDefault() < 0 || maxrecLimit() < maxrecDefault()) {
            throw new ConfigException(file + ": tap.maxrec_default must be between 0 and tap.maxrec_limit");
        }
        if (ssaDefaultSize() <= 0 || ssaDefaultSize() > 180 || ssaMaxrecDefault() < 0
                || ssaMaxrecLimit() < ssaMaxrecDefault()) {
            throw new ConfigException(file + ": ssa.default_size must be above 0 and at most 180 (degrees, the cone"
                    + " diameter), ssa.maxrec_default between 0 and ssa.maxrec_limit");
        }
        if (!(scsMaxSr() > 0 && scsMaxSr() <= 180) || scsMaxrecDefault() < 0 || scsMaxrecLimit() < 1
                || scsMaxrecLimit() < scsMaxrecDefault()) {
            throw new ConfigException(file + ": scs.max_sr must be above 0 and at most 180 (degrees, the cone"
                    + " radius), scs.maxrec_limit at least 1 and scs.maxrec_default between 0 and scs.maxrec_limit");
        }
        Async a = async();
        if (a.executionDurationSeconds() <= 0 || a.executionDurationLimitSeconds() < a.executionDurationSeconds()) {
            throw new ConfigException(file + ": tap.async.execution_duration_seconds must be positive and at most"
                    + " tap.async.execution_duration_limit_seconds");
        }
        if (a.destructionSeconds() <= 0 || a.destructionLimitSeconds() < a.destructionSeconds()) {
            throw new ConfigException(file + ": tap.async.destruction_seconds must be positive and at most"
                    + " tap.async.destruction_limit_seconds");
        }
        if (a.maxExecutingJobs() < 1 || a.reaperIntervalSeconds() < 1 || a.maxWaitSeconds() < 0) {
            throw new ConfigException(file + ": tap.async.max_executing_jobs and reaper_interval_seconds must be"
                    + " at least 1, max_wait_seconds at least 0");
        }
        if (datalinkMaxIds() < 1 || bundleMaxIds() < 1 || bundleMaxFiles() < 1 || bundleMaxBytes() < 1) {
            throw new ConfigException(file + ": datalink.max_ids and the datalink.bundle_* limits must be positive");
        }
        if (!Files.isDirectory(collectionsDir())) {
            throw new ConfigException(file + ": archive.collections_dir " + collectionsDir() + " is not a directory"
                    + " (relative paths start at " + baseDir + ")");
        }
        if (examplesFile() != null && !Files.isRegularFile(examplesFile())) {
            throw new ConfigException(file + ": archive.examples " + examplesFile() + " does not exist (relative"
                    + " paths start at " + baseDir + "; an empty value serves no examples)");
        }
        if (database != null && database.password() == null && database.passwordFile() != null
                && !Files.isRegularFile(baseDir.resolve(database.passwordFile()))) {
            throw new ConfigException(file + ": database.password_file " + baseDir.resolve(database.passwordFile())
                    + " does not exist");
        }
        return this;
    }

    /** A copy with other DataLink limits (tests lower the caps). */
    public MeridianConfig withDatalink(Datalink newDatalink) {
        return new MeridianConfig(service, archive, database, tap, baseDir, registry, newDatalink, ssa, limits, scs);
    }

    /** A copy with other TAP settings (tests shorten the async limits). */
    public MeridianConfig withTap(Tap newTap) {
        return new MeridianConfig(service, archive, database, newTap, baseDir, registry, datalink, ssa, limits, scs);
    }

    /** A copy with other registry settings (tests shorten the OAI-PMH page). */
    public MeridianConfig withRegistry(Registry newRegistry) {
        return new MeridianConfig(service, archive, database, tap, baseDir, newRegistry, datalink, ssa, limits, scs);
    }

    /** A copy with other request limits (tests lower the rate limit). */
    public MeridianConfig withLimits(Limits newLimits) {
        return new MeridianConfig(service, archive, database, tap, baseDir, registry, datalink, ssa, newLimits, scs);
    }

    /** A copy with another {@code database:} section (tests point the archive at a scratch database). */
    public MeridianConfig withDatabase(Database newDatabase) {
        return new MeridianConfig(service, archive, newDatabase, tap, baseDir, registry, datalink, ssa, limits, scs);
    }

    /** A copy with another data directory (the {@code --data} option). */
    public MeridianConfig withDataDir(Path dataDir) {
        return new MeridianConfig(service, new Archive(dataDir.toAbsolutePath().toString(), archive.schema(),
                archive.collectionsDir(), archive.examples()),
                database, tap, baseDir, registry, datalink, ssa, limits, scs);
    }

    /** The data directory, absolute. */
    public Path dataDir() {
        String d = archive.dataDir() == null ? "data" : archive.dataDir();
        return baseDir.resolve(d).toAbsolutePath().normalize();
    }

    /** Where users.yaml and tokens.yaml live ({@code meridian user}, {@code meridian token}). */
    public Path authDir() {
        return dataDir().resolve("auth");
    }

    /** The directory of collection definitions served and ingested, absolute. */
    public Path collectionsDir() {
        String d = archive.collectionsDir() == null ? "conf/collections" : archive.collectionsDir();
        return baseDir.resolve(d).toAbsolutePath().normalize();
    }

    /**
     * The DALI examples file ({@code archive.examples}, default {@code conf/examples.yaml}),
     * absolute, or null when the configuration says none (an empty value).
     */
    public Path examplesFile() {
        String e = archive.examples() == null ? "conf/examples.yaml" : archive.examples().strip();
        return e.isEmpty() ? null : baseDir.resolve(e).toAbsolutePath().normalize();
    }

    /** The database to open. */
    public DatabaseConfig databaseConfig() {
        String kind = database == null || database.kind() == null ? "derby" : database.kind();
        int pool = poolSize();
        if ("derby".equals(kind)) {
            return new DatabaseConfig("derby", dataDir().resolve("db"), null, null, null, pool);
        }
        if ("postgresql".equals(kind)) {
            String password = database.password();
            if (password == null && database.passwordFile() != null) {
                try {
                    password = Files.readString(baseDir.resolve(database.passwordFile())).strip();
                } catch (IOException e) {
                    throw new ConfigException("database.password_file: cannot read " + database.passwordFile()
                            + ": " + e.getMessage());
                }
            }
            return new DatabaseConfig(kind, null, database.jdbcUrl(), database.user(), password, pool);
        }
        throw new ConfigException("database.kind must be derby or postgresql, got " + kind);
    }

    public long maxrecDefault() {
        return tap.maxrecDefault() == null ? 10_000 : tap.maxrecDefault();
    }

    public long maxrecLimit() {
        return tap.maxrecLimit() == null ? 10_000_000 : tap.maxrecLimit();
    }

    public int syncTimeoutSeconds() {
        return tap.syncTimeoutSeconds() == null ? 600 : tap.syncTimeoutSeconds();
    }

    public long uploadLimitRows() {
        return tap.uploadLimitRows() == null ? 100_000 : tap.uploadLimitRows();
    }

    public long uploadLimitBytes() {
        return tap.uploadLimitBytes() == null ? 50_000_000 : tap.uploadLimitBytes();
    }

    /** Hosts URL uploads may be fetched from; empty: URL uploads are refused. */
    public java.util.List<String> uploadUrlAllow() {
        return tap.uploadUrlAllow() == null ? java.util.List.of() : java.util.List.copyOf(tap.uploadUrlAllow());
    }

    public int uploadUrlTimeoutSeconds() {
        return tap.uploadUrlTimeoutSeconds() == null ? 30 : tap.uploadUrlTimeoutSeconds();
    }

    /**
     * Expensive requests of all clients running at once: the connection pool less the async
     * workers' connections (each executing job holds one), at least 1.
     */
    public int concurrentQueries() {
        return Math.max(1, poolSize() - async().maxExecutingJobs());
    }

    private int poolSize() {
        return database == null || database.poolSize() == null ? 8 : database.poolSize();
    }

    /** {@code tap.async}, with defaults for what is missing. */
    public Async async() {
        Async a = tap.async() == null ? new Async(null, null, null, null, null, null, null, null) : tap.async();
        return new Async(or(a.executionDurationSeconds(), 3600), or(a.executionDurationLimitSeconds(), 4 * 3600),
                or(a.destructionSeconds(), 7 * 86400L), or(a.destructionLimitSeconds(), 30 * 86400L),
                or(a.maxExecutingJobs(), 4), or(a.maxWaitSeconds(), 60), or(a.reaperIntervalSeconds(), 60),
                or(a.resultLimitBytes(), 10_000_000_000L));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** SSA SIZE default: the search cone's diameter in degrees. */
    public double ssaDefaultSize() {
        return ssa == null || ssa.defaultSize() == null ? DEFAULT_SSA_SIZE : ssa.defaultSize();
    }

    /** SSA MAXREC default (the TAP default unless {@code ssa.maxrec_default} is set). */
    public long ssaMaxrecDefault() {
        return ssa == null || ssa.maxrecDefault() == null ? maxrecDefault() : ssa.maxrecDefault();
    }

    /** SSA MAXREC limit (the TAP limit unless {@code ssa.maxrec_limit} is set). */
    public long ssaMaxrecLimit() {
        return ssa == null || ssa.maxrecLimit() == null ? maxrecLimit() : ssa.maxrecLimit();
    }

    /** Largest SR of the cone searches, degrees. */
    public double scsMaxSr() {
        return scs == null || scs.maxSr() == null ? DEFAULT_SCS_MAX_SR : scs.maxSr();
    }

    /** Cone search MAXREC default (the TAP default unless {@code scs.maxrec_default} is set). */
    public long scsMaxrecDefault() {
        return scs == null || scs.maxrecDefault() == null ? maxrecDefault() : scs.maxrecDefault();
    }

    /** Cone search MAXREC limit, SCS MaxRecords (the TAP limit unless {@code scs.maxrec_limit} is set). */
    public long scsMaxrecLimit() {
        return scs == null || scs.maxrecLimit() == null ? maxrecLimit() : scs.maxrecLimit();
    }

    /** Records per OAI-PMH list response; longer lists continue with a resumption token. */
    public int registryPageSize() {
        return registry == null || registry.pageSize() == null ? 100 : registry.pageSize();
    }

    /** {@code service.publisher}, by default the service title. */
    public String publisher() {
        return blankOr(service.publisher(), service.title());
    }

    /** {@code service.subjects}, by default the UAT concept {@code astronomical-databases}. */
    public java.util.List<String> subjects() {
        return service.subjects() == null || service.subjects().isEmpty()
                ? java.util.List.of("astronomical-databases") : java.util.List.copyOf(service.subjects());
    }

    /** {@code service.contact_name}, by default the publisher. */
    public String contactName() {
        return blankOr(service.contactName(), publisher());
    }

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public int port() {
        return service.port() == null ? 8080 : service.port();
    }

    private Datalink datalinkSection() {
        return datalink == null ? new Datalink(null, null, null, null) : datalink;
    }

    /** Most IDs in one DataLink links request. */
    public int datalinkMaxIds() {
        return or(datalinkSection().maxIds(), 5_000);
    }

    /** Most product IDs in one bundle. */
    public int bundleMaxIds() {
        return or(datalinkSection().bundleMaxIds(), 1_000);
    }

    /** Most files in one bundle. */
    public int bundleMaxFiles() {
        return or(datalinkSection().bundleMaxFiles(), 10_000);
    }

    /** Most bytes (before compression) in one bundle. */
    public long bundleMaxBytes() {
        return or(datalinkSection().bundleMaxBytes(), 10_000_000_000L);
    }
}
