package meridian.server;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import meridian.server.auth.AccessPolicy;
import meridian.server.auth.AuthFilter;
import meridian.server.auth.RateLimiter;
import meridian.server.auth.WorkLimiter;
import meridian.server.auth.UserStore;
import meridian.datalink.Bundles;
import meridian.datalink.FileAccess;
import meridian.datalink.Links;
import meridian.datalink.ProductCatalog;
import meridian.datalink.ServiceDescriptors;
import meridian.datalink.Sodas;
import meridian.server.config.MeridianConfig;
import meridian.server.datalink.BundleServlet;
import meridian.server.datalink.DatalinkCapabilities;
import meridian.server.datalink.DatalinkFaults;
import meridian.server.datalink.LinksServlet;
import meridian.server.datalink.SodaServlet;
import meridian.server.files.Collections;
import meridian.server.files.FileServlet;
import meridian.server.http.CorsFilter;
import meridian.server.http.FilterErrors;
import meridian.server.http.ServiceUrls;
import meridian.server.http.VoErrorHandler;
import meridian.server.http.VoServletErrorHandler;
import meridian.server.oai.OaiRepository;
import meridian.server.oai.OaiServlet;
import meridian.server.registry.AuthorityRecord;
import meridian.server.registry.CollectionRecords;
import meridian.server.registry.PublishedRecords;
import meridian.server.registry.PublishingRegistryRecord;
import meridian.server.registry.RecordProvider;
import meridian.server.registry.RegistryMetadata;
import meridian.server.registry.ServiceRecord;
import meridian.server.scs.ScsParameters;
import meridian.server.scs.ScsRecords;
import meridian.server.scs.ScsServlet;
import meridian.server.sia.SiaCapabilities;
import meridian.server.sia.SiaServlet;
import meridian.server.ssa.ArchiveTargets;
import meridian.server.results.DatalinkDescriptor;
import meridian.server.ssa.SsaServlet;
import meridian.server.tap.AsyncQueryRunner;
import meridian.server.tap.QueryPlanner;
import meridian.server.tap.TapParameters;
import meridian.server.tap.TapQueryRunner;
import meridian.server.tap.TapSyncServlet;
import meridian.server.upload.UploadLimits;
import meridian.server.upload.UploadLoader;
import meridian.server.uws.JobManager;
import meridian.server.uws.JobStore;
import meridian.server.uws.UwsServlet;
import meridian.server.vosi.AvailabilityServlet;
import meridian.server.vosi.CapabilitiesServlet;
import meridian.server.vosi.Example;
import meridian.server.vosi.ExamplesServlet;
import meridian.server.vosi.LanguageFeature;
import meridian.server.vosi.RunnableExamples;
import meridian.server.vosi.SsaCapabilities;
import meridian.server.vosi.TablesServlet;
import meridian.server.vosi.TapCapabilities;
import meridian.sql.Database;
import meridian.ssa.SsaParameters;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.sql.catalog.CatalogueRights;
import meridian.sql.catalog.CatalogueStore;
import meridian.sql.catalog.CatalogueWatcher;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Wires the whole service in plain Java: one servlet instance per endpoint, given its
 * dependencies. {@link #create} returns an unstarted Jetty server; tests start it on port 0 on
 * 127.0.0.1 and stop it through the handle.
 */
public final class MeridianServer {

    /** Largest request body accepted as form parameters (long ADQL queries by POST). */
    private static final int MAX_FORM_BYTES = 2 << 20;

    /** The OAI-PMH endpoint of the publishing registry. */
    private static final String OAI_PATH = "/oai";

    private MeridianServer() {
    }

    /** What the server needs besides the configuration. */
    public record Parts(Database database, QueryPlanner planner, List<LanguageFeature> adqlFeatures) {
    }

    /**
     * An unstarted server.
     *
     * @param config the configuration
     * @param parts  database and ADQL planner
     * @param host   interface to listen on ({@code 127.0.0.1} in tests, {@code 0.0.0.0} to serve)
     * @param port   port, 0 for any free one
     */
    public static Server create(MeridianConfig config, Parts parts, String host, int port) {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(64 * 1024); // long ADQL in GET query strings
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setErrorHandler(new VoErrorHandler());

        ServletContextHandler ctx = new ServletContextHandler("/");
        ctx.setMaxFormContentSize(MAX_FORM_BYTES);
        ctx.setErrorHandler(new VoServletErrorHandler());
        ServiceUrls urls = new ServiceUrls(config.service().baseUrl());
        TapParameters.Limits limits = new TapParameters.Limits(config.maxrecDefault(), config.maxrecLimit());

        MeridianConfig.Async a = config.async();
        UploadLoader uploads = new UploadLoader(parts.database(), new UploadLimits(config.uploadLimitRows(),
                config.uploadLimitBytes(), config.uploadUrlAllow(), config.uploadUrlTimeoutSeconds()), tmpDir(config));
        uploads.dropLeftovers();
        TapQueryRunner queries = new TapQueryRunner(parts.database(), parts.planner(), uploads);
        UserStore users = new UserStore(config.authDir());
        Collections collections = new Collections(config, parts.database());
        CatalogueStore catalogueStore = new CatalogueStore(parts.database());
        AccessPolicy access = new AccessPolicy(collections::definitions,
                () -> catalogueRights(catalogueStore, collections), config.archive().schema());
        // a request refused before its servlet runs is answered in its protocol's error form
        FilterErrors refusals = new FilterErrors(Map.of(ServiceDescriptors.SODA_PATH, DatalinkFaults::respondSoda));
        WorkLimiter work = new WorkLimiter(new WorkLimiter.Limits(config.limits().perClient(),
                config.concurrentQueries(), config.limits().waitingPerClient(), config.limits().queueWaitSeconds()),
                refusals);
        JobManager jobs = new JobManager(new JobStore(config.dataDir().resolve("jobs")),
                new AsyncQueryRunner(queries, limits, a.resultLimitBytes(), () -> jobBaseUrl(config, connector),
                        owner -> access.rows(users.identity(owner))),
                new JobManager.Limits(a.executionDurationSeconds(), a.executionDurationLimitSeconds(),
                        a.destructionSeconds(), a.destructionLimitSeconds(), a.maxExecutingJobs(), a.maxWaitSeconds(),
                        a.reaperIntervalSeconds(), a.resultLimitBytes(), config.limits().jobsQueuedPerClient()),
                work);
        server.addBean(jobs);
        server.addBean(new CatalogueFollower(parts.database()));
        // Jetty spools parts to disk. Its limits sit above ours, so that ours (which name the
        // configuration key: the Content-Length check, then the spooling byte budget) are the
        // ones clients meet
        long maxBody = config.uploadLimitBytes() + MAX_FORM_BYTES;
        MultipartConfigElement multipart = new MultipartConfigElement(tmpDir(config).toString(),
                maxBody, maxBody, 64 * 1024);
        ServletHolder sync = new ServletHolder("tap-sync", new TapSyncServlet(queries, limits,
                config.syncTimeoutSeconds(), jobs, urls, config.uploadLimitBytes(), MAX_FORM_BYTES, access));
        sync.getRegistration().setMultipartConfig(multipart);
        ctx.addServlet(sync, "/tap/sync");
        ServletHolder asyncHolder = new ServletHolder("tap-async",
                new UwsServlet(jobs, urls, "/tap/async", config.uploadLimitBytes(), MAX_FORM_BYTES));
        asyncHolder.getRegistration().setMultipartConfig(multipart);
        ctx.addServlet(asyncHolder, "/tap/async/*");
        TapCapabilities capabilities = new TapCapabilities(parts.adqlFeatures(), config.maxrecDefault(),
                config.maxrecLimit(), config.syncTimeoutSeconds(),
                new TapCapabilities.AsyncLimits(a.executionDurationSeconds(), a.executionDurationLimitSeconds(),
                        a.destructionSeconds(), a.destructionLimitSeconds(), a.maxExecutingJobs(), a.resultLimitBytes()),
                new TapCapabilities.UploadLimits(config.uploadLimitRows(), config.uploadLimitBytes(),
                        uploads.urlUploadsEnabled()),
                new TapCapabilities.WorkLimits(work.limits().perClient(), work.limits().total(),
                        work.limits().queueSeconds(), config.limits().jobsQueuedPerClient()));
        ctx.addServlet(new ServletHolder("tap-capabilities", new CapabilitiesServlet(capabilities, urls, "/tap")),
                "/tap/capabilities");
        ctx.addServlet(new ServletHolder("tap-availability", new AvailabilityServlet(parts.database())),
                "/tap/availability");
        ctx.addServlet(new ServletHolder("tap-tables", new TablesServlet(parts.database())), "/tap/tables/*");
        RunnableExamples examples = new RunnableExamples(Example.load(config.examplesFile(), config.archive().schema()),
                parts.planner(), parts.database()::model);
        examples.current(); // checked (and the ones left out logged) at start
        ctx.addServlet(new ServletHolder("tap-examples", new ExamplesServlet(examples)), "/tap/examples");
        ctx.addServlet(new ServletHolder("files", new FileServlet(collections::locator, access, parts.database())),
                "/files/*");
        addDatalink(ctx, config, parts, urls, queries, access);
        SsaCapabilities ssa = addSsa(ctx, config, parts, collections, urls, access);
        ScsParameters.Limits scs = new ScsParameters.Limits(config.scsMaxSr(), config.scsMaxrecDefault(),
                config.scsMaxrecLimit());
        ctx.addServlet(new ServletHolder("scs", new ScsServlet(parts.database(), parts.planner(), scs,
                config.syncTimeoutSeconds(), (base, columns) -> DatalinkDescriptor.annotate(columns, base), urls,
                access)), ScsServlet.PATH + "/*");
        SiaCapabilities sia = addSia(ctx, config, parts, urls, access, limits);
        ctx.addServlet(new ServletHolder("oai", new OaiServlet(registry(config, parts, capabilities, ssa, scs, sia,
                access), urls, OAI_PATH)), OAI_PATH);
        ctx.addServlet(new ServletHolder("landing", new LandingServlet(config, urls)), "/");
        addWebResources(ctx);

        ctx.addFilter(new FilterHolder(new CorsFilter(Set.of())), "/*", EnumSet.of(DispatcherType.REQUEST));
        // every request gets its identity (401 for wrong credentials) before any servlet runs
        ctx.addFilter(new FilterHolder(new AuthFilter(users, refusals)), "/*", EnumSet.of(DispatcherType.REQUEST));
        if (config.limits().perMinute() > 0) {
            FilterHolder rate = new FilterHolder(new RateLimiter(config.limits().perMinute(),
                    config.limits().burstSize(), refusals));
            ctx.addFilter(rate, "/tap/sync", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(rate, "/tap/async/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(rate, "/soda/sync", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(rate, "/bundle", EnumSet.of(DispatcherType.REQUEST));
        }
        // expensive work waits for a slot (after the rate limit: a refused request takes none);
        // VOSI, /files, DataLink and the landing page are never limited (SIA and cone search
        // VOSI documents under a cone search's path take a slot too, for the moment it takes)
        FilterHolder slots = new FilterHolder(work);
        for (String path : List.of("/tap/sync", "/ssa", "/soda/sync", "/bundle", SiaServlet.PATH + "/query",
                ScsServlet.PATH + "/*")) {
            ctx.addFilter(slots, path, EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(new ServerHeader(ctx));
        server.setStopAtShutdown(false);
        server.setStopTimeout(5_000);
        return server;
    }

    /**
     * Runs a {@link CatalogueWatcher} while the server runs, so that catalogues another process
     * ingests into (or removes from) the same database appear in (or vanish from) TAP within seconds.
     */
    private static final class CatalogueFollower extends org.eclipse.jetty.util.component.AbstractLifeCycle {
        private final meridian.sql.Database database;
        private CatalogueWatcher watcher;

        CatalogueFollower(meridian.sql.Database database) {
            this.database = database;
        }

        @Override
        protected void doStart() throws Exception {
            watcher = CatalogueWatcher.start(database, CatalogueWatcher.DEFAULT_INTERVAL_MILLIS);
        }

        @Override
        protected void doStop() {
            if (watcher != null) {
                watcher.close();
            }
        }
    }

    /** DataLink, SODA and bundles: all read the same product_files rows and files as /files and TAP. */
    private static void addDatalink(ServletContextHandler ctx, MeridianConfig config, Parts parts, ServiceUrls urls,
                                    TapQueryRunner queries, AccessPolicy access) {
        FileAccess files = new FileAccess(new Collections(config, parts.database())::locator);
        ProductCatalog catalog = new ProductCatalog(parts.database(), config.archive().schema());
        ctx.addServlet(new ServletHolder("datalink-links", new LinksServlet(
                new Links(catalog, files, config.datalinkMaxIds()), urls, access)), "/datalink/links");
        ctx.addServlet(new ServletHolder("datalink-capabilities", new CapabilitiesServlet(
                new DatalinkCapabilities(config.datalinkMaxIds()), urls, DatalinkCapabilities.PATH)),
                DatalinkCapabilities.PATH + "/capabilities");
        ctx.addServlet(new ServletHolder("soda-sync", new SodaServlet(new Sodas(catalog, files), access)), "/soda/sync");
        ctx.addServlet(new ServletHolder("bundle", new BundleServlet(new Bundles(catalog, files,
                new Bundles.Limits(config.bundleMaxIds(), config.bundleMaxFiles(), config.bundleMaxBytes())),
                queries, config.syncTimeoutSeconds(), access)), "/bundle");
    }

    /**
     * The web front end's static files: {@code /web/*} from the classpath's {@code web/}
     * (pages, scripts, styles) and {@code /webjars/uplot/*} from the uPlot WebJar; served by
     * Jetty's resource servlet (ETags, ranges, {@code If-None-Match}), never listing directories.
     */
    private static void addWebResources(ServletContextHandler ctx) {
        ctx.addServlet(resources("web", "web"), "/web/*");
        ctx.addServlet(resources("webjar-uplot", "META-INF/resources/webjars/uplot"), "/webjars/uplot/*");
    }

    private static ServletHolder resources(String name, String classpathDir) {
        java.net.URL url = MeridianServer.class.getClassLoader().getResource(classpathDir);
        if (url == null) {
            throw new IllegalStateException("missing resource " + classpathDir + " (a broken build?)");
        }
        ServletHolder h = new ServletHolder(name, org.eclipse.jetty.ee10.servlet.ResourceServlet.class);
        String base = url.toExternalForm();
        h.setInitParameter("baseResource", base.endsWith("/") ? base : base + "/");
        h.setInitParameter("pathInfoOnly", "true");
        h.setInitParameter("dirAllowed", "false");
        h.setInitParameter("etags", "true");
        h.setInitParameter("cacheControl", "no-cache");
        return h;
    }

    /**
     * The base URL written into async job results (no request to take it from): the configured
     * {@code service.base_url}, else this machine's loopback address and the listening port.
     */
    private static String jobBaseUrl(MeridianConfig config, ServerConnector connector) {
        String configured = config.service().baseUrl();
        if (configured != null && !configured.isBlank()) {
            String c = configured.trim();
            return c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
        }
        return "http://localhost:" + connector.getLocalPort();
    }

    /**
     * {@code /ssa} with its VOSI endpoints. SSA results end with the same DataLink service
     * descriptor as TAP results, on the SSA publisher DID column.
     *
     * @return the SSA capabilities, for the registry record
     */
    private static SsaCapabilities addSsa(ServletContextHandler ctx, MeridianConfig config, Parts parts,
                                          Collections collections, ServiceUrls urls, AccessPolicy access) {
        SsaParameters.Limits limits = new SsaParameters.Limits(config.ssaDefaultSize(), config.ssaMaxrecDefault(),
                config.ssaMaxrecLimit());
        ArchiveTargets targets = new ArchiveTargets(parts.database(), collections::definitions);
        ctx.addServlet(new ServletHolder("ssa", new SsaServlet(parts.database(), parts.planner(), targets, limits,
                config.syncTimeoutSeconds(), (base, columns) -> DatalinkDescriptor.annotate(columns, base), urls, access,
                config.publisher())),
                "/ssa");
        SsaCapabilities capabilities = new SsaCapabilities(limits.defaultSize(), SsaParameters.MAX_SIZE,
                limits.maxrecDefault(), limits.maxrecLimit(), "REQUEST=queryData&POS=187.2779,2.0524&SIZE=0.1");
        ctx.addServlet(new ServletHolder("ssa-capabilities", new CapabilitiesServlet(capabilities, urls, "/ssa")),
                "/ssa/capabilities");
        ctx.addServlet(new ServletHolder("ssa-availability", new AvailabilityServlet(parts.database())),
                "/ssa/availability");
        return capabilities;
    }

    /**
     * {@code /sia/query} with its VOSI endpoints; the MAXREC limits are TAP's. Results end with
     * the same DataLink service descriptor as TAP results.
     *
     * @return the SIA capabilities, for the registry record
     */
    private static SiaCapabilities addSia(ServletContextHandler ctx, MeridianConfig config, Parts parts,
                                          ServiceUrls urls, AccessPolicy access, TapParameters.Limits limits) {
        ctx.addServlet(new ServletHolder("sia", new SiaServlet(parts.database(), parts.planner(), limits,
                config.syncTimeoutSeconds(), (base, columns) -> DatalinkDescriptor.annotate(columns, base), urls,
                access)), SiaServlet.PATH + "/query");
        SiaCapabilities capabilities = new SiaCapabilities(limits.maxrecDefault(), limits.maxrecLimit());
        ctx.addServlet(new ServletHolder("sia-capabilities", new CapabilitiesServlet(capabilities, urls,
                SiaServlet.PATH)), SiaServlet.PATH + "/capabilities");
        ctx.addServlet(new ServletHolder("sia-availability", new AvailabilityServlet(parts.database())),
                SiaServlet.PATH + "/availability");
        return capabilities;
    }

    /**
     * The publishing registry: every record it publishes comes from this provider list. A new
     * service adds its {@link ServiceRecord} here, built from the same {@code ServiceCapabilities}
     * as its VOSI capabilities servlet (the SSA service: type {@code vs:CatalogService}, key
     * {@code ssa}); a service that serves the collections' data (SSA, DataLink) also goes into
     * {@link CollectionRecords}'s list, which gives each collection an auxiliary capability for it.
     */
    private static OaiRepository registry(MeridianConfig config, Parts parts, TapCapabilities tap,
                                          SsaCapabilities ssa, ScsParameters.Limits scs, SiaCapabilities sia,
                                          AccessPolicy access) {
        RegistryMetadata meta = RegistryMetadata.from(config);
        PublishingRegistryRecord registry = new PublishingRegistryRecord(meta, OAI_PATH, config.registryPageSize());
        ServiceRecord tapRecord = ServiceRecord.tap(meta, tap, parts.database()::model);
        ServiceRecord ssaRecord = new ServiceRecord(meta, "ssa", "vs:CatalogService", meta.title() + " SSA",
                "Simple Spectral Access (SSA 1.1) to the spectra of " + meta.title()
                        + ", answered from the same ObsCore table as the TAP service.", ssa, "/ssa", null);
        ServiceRecord datalinkRecord = new ServiceRecord(meta, "datalink", "vs:DataService",
                meta.title() + " DataLink and SODA",
                "DataLink 1.1 links (science files, previews, ancillary files, cutout and processing service"
                        + " descriptors) and SODA 1.0 cutouts of the products of " + meta.title() + ".",
                new DatalinkCapabilities(config.datalinkMaxIds()), DatalinkCapabilities.PATH, null);
        ServiceRecord siaRecord = new ServiceRecord(meta, "sia", "vs:CatalogService", meta.title() + " SIA",
                "Simple Image Access (SIA 2.0) to the images and cubes of " + meta.title()
                        + ", answered from the same ObsCore table as the TAP service.", sia, SiaServlet.PATH, null);
        List<RecordProvider> providers = List.of(
                registry,
                new AuthorityRecord(meta),
                tapRecord,
                ssaRecord,
                siaRecord,
                datalinkRecord,
                new ScsRecords(meta, parts.database()::model, scs),
                new CollectionRecords(meta, parts.database(), config.archive().schema(),
                        List.of(tapRecord, ssaRecord, siaRecord), () -> access.rows(meridian.server.auth.Identity.ANONYMOUS)));
        PublishedRecords published = new PublishedRecords(providers,
                config.dataDir().resolve("registry").resolve("record-dates.properties"), Clock.systemUTC());
        return new OaiRepository(published, registry.identifier(), meta.title() + " publishing registry",
                meta.curation().contactEmail(), config.registryPageSize(), Clock.systemUTC());
    }

    /** Names the software in every response's {@code Server} header (without Jetty's version). */
    private static final class ServerHeader extends org.eclipse.jetty.server.Handler.Wrapper {
        ServerHeader(org.eclipse.jetty.server.Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                              org.eclipse.jetty.util.Callback callback) throws Exception {
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.SERVER, "Meridian/0.1");
            return super.handle(request, response, callback);
        }
    }

    /** The directory multipart uploads are spooled to; created here. */
    private static Path tmpDir(MeridianConfig config) {
        Path tmp = config.dataDir().resolve("tmp");
        try {
            java.nio.file.Files.createDirectories(tmp);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + tmp, e);
        }
        return tmp;
    }

    /**
     * Each published catalogue's rights, by lower-case qualified name: as stored when it was
     * loaded, or as its YAML in the collections directory says now (so an edit there takes effect
     * without reloading the rows). A catalogue loaded from a YAML elsewhere keeps its stored rights.
     */
    static Map<String, CatalogueRights> catalogueRights(CatalogueStore store, Collections collections) {
        Map<String, CatalogueRights> out = new HashMap<>();
        try {
            for (CatalogueStore.StoredCatalogue s : store.load()) {
                out.put(s.table().qualifiedName().toLowerCase(Locale.ROOT), s.rights());
            }
        } catch (SQLException e) {
            // no answer is safer than an open one: the request fails like any other database error
            throw new IllegalStateException("cannot read the catalogue rights: " + e.getMessage(), e);
        }
        for (CatalogueDefinition d : collections.catalogues()) {
            String name = d.qualifiedName().toLowerCase(Locale.ROOT);
            if (out.containsKey(name)) {
                out.put(name, d.rights());
            }
        }
        return out;
    }
}
