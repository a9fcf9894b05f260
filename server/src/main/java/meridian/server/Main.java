package meridian.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import meridian.server.config.ConfigException;
import meridian.ingest.CollectionDefinition;
import meridian.ingest.CollectionDefinitionException;
import meridian.ingest.CollectionKind;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.ingest.catalogue.CatalogueLoadException;
import meridian.ingest.catalogue.CatalogueLoader;
import meridian.ingest.catalogue.CatalogueReport;
import meridian.ingest.IngestOptions;
import meridian.ingest.IngestReport;
import meridian.ingest.Ingestor;
import meridian.ingest.TextProgressBar;
import meridian.server.config.MeridianConfig;
import meridian.server.files.Collections;
import org.eclipse.jetty.server.Server;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code meridian} command line: {@code serve}, {@code ingest}, {@code catalogue}, {@code user}, {@code token}. */
@Command(name = "meridian", mixinStandardHelpOptions = true, version = "Meridian 0.1",
        description = "An IVOA data server: TAP, ObsCore, SSA, DataLink, SODA.",
        subcommands = {Main.Serve.class, Main.Ingest.class, CatalogueCommands.Catalogue.class, AuthCommands.User.class,
                AuthCommands.Token.class})
public final class Main implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit status (0 ok, 1 failures, 2 usage or setup errors). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("meridian: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    /** Options every subcommand shares. */
    static class Common {
        @Option(names = "--config", description = "configuration file (default: conf/meridian.yaml)",
                defaultValue = "conf/meridian.yaml")
        Path config;

        @Option(names = "--data", description = "data directory (default: archive.data_dir of the configuration)")
        Path data;

        MeridianConfig load() {
            if (!Files.isRegularFile(config)) {
                throw new ConfigException("configuration file " + config + " not found (run from the repository"
                        + " root or give --config)");
            }
            MeridianConfig c = MeridianConfig.load(config);
            return data == null ? c : c.withDataDir(data);
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest (or update) a collection declared in a YAML file: FITS products, or a catalogue"
                    + " (kind: catalogue); exit status 1 if any file failed.")
    static final class Ingest implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.Parameters(index = "0", paramLabel = "COLLECTION.yaml", description = "collection definition")
        Path definition;

        @Option(names = "--prune", description = "remove the rows of files that no longer exist")
        boolean prune;

        @Option(names = "--dry-run", description = "read and check everything, write nothing")
        boolean dryRun;

        @Option(names = "--no-previews", description = "do not draw previews for products that have none")
        boolean noPreviews;

        @Option(names = "--force", description = "re-read every file, also unchanged ones (after editing the mapping)")
        boolean force;

        @Override
        public Integer call() throws Exception {
            MeridianConfig config = common.load();
            CollectionDefinition def;
            try {
                if (CollectionKind.of(definition).equals(CollectionKind.CATALOGUE)) {
                    return ingestCatalogue(config, CatalogueDefinition.load(definition));
                }
                def = CollectionDefinition.load(definition);
            } catch (java.io.IOException e) {
                System.err.println("meridian: " + e.getMessage());
                return 2;
            }
            try (Archive archive = Archive.open(config)) {
                Collections collections = new Collections(config);
                IngestOptions options = IngestOptions.defaults().withPrune(prune).withDryRun(dryRun)
                        .withPreviews(!noPreviews).withForce(force);
                IngestReport report = new Ingestor(archive.database(),
                        collections.settings())
                        .ingest(def, options, TextProgressBar.onStandardError());
                System.out.print(report.summary());
                return report.succeeded() ? 0 : 1;
            }
        }

        private int ingestCatalogue(MeridianConfig config, CatalogueDefinition def) throws Exception {
            if (prune || noPreviews) {
                System.err.println("meridian: --prune and --no-previews apply to product collections only");
                return 2;
            }
            try (Archive archive = Archive.open(config)) {
                CatalogueReport report = new CatalogueLoader(archive.database()).load(def, dryRun,
                        rows -> System.err.printf(java.util.Locale.ROOT, "\r%s: %,d rows", def.qualifiedName(), rows));
                System.err.println();
                if (!dryRun) {
                    CatalogueCommands.dropNowWhenAlone(archive.database(),
                            new meridian.sql.catalog.CatalogueStore(archive.database()));
                }
                System.out.print(report.summary());
                return 0;
            } catch (CatalogueLoadException | CollectionDefinitionException e) {
                System.err.println();
                System.err.println("meridian: " + e.getMessage());
                System.err.println("meridian: nothing was published; the tables are as they were");
                return 1;
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the archive over HTTP (creates the archive, with demo data, when it is empty).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--port", description = "TCP port (default: service.port, 8080)")
        Integer port;

        @Option(names = "--host", description = "interface to listen on (default: 0.0.0.0)", defaultValue = "0.0.0.0")
        String host;

        @Option(names = "--no-demo", description = "do not generate and ingest the demo data when the archive is empty")
        boolean noDemo;

        @Override
        public Integer call() throws Exception {
            MeridianConfig config = common.load();
            int p = port != null ? port : config.port();
            // On Ctrl-C/SIGTERM the hook stops Jetty, then waits until this thread has closed the
            // database (the JVM waits for hooks), so Derby always shuts down cleanly.
            CountDownLatch closed = new CountDownLatch(1);
            Archive archive = Archive.open(config);
            try {
                Server server = MeridianServer.create(config, archive.parts(), host, p);
                server.start();
                int actual = ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
                if (!noDemo && DemoData.archiveIsEmpty(archive)) {
                    System.out.println("The archive is empty: generating and ingesting the demo collections...");
                    Collections collections = new Collections(config);
                    for (IngestReport report : DemoData.load(archive, collections)) {
                        System.out.print(report.summary());
                    }
                    System.out.print(DemoData.loadCatalogue(archive).summary());
                }
                String shown = host.equals("0.0.0.0") ? "localhost" : host;
                String base = "http://" + shown + ":" + actual;
                System.out.println("Meridian is serving " + config.dataDir());
                System.out.println("  landing page   " + base + "/");
                System.out.println("  TAP service    " + base + "/tap");
                System.out.println("  capabilities   " + base + "/tap/capabilities");
                System.out.println("  tables         " + base + "/tap/tables");
                System.out.println("  examples       " + base + "/tap/examples");
                System.out.println("Stop with Ctrl-C.");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                        closed.await();
                    } catch (Exception e) {
                        System.err.println("meridian: error while stopping: " + e.getMessage());
                    }
                }, "meridian-shutdown"));
                server.join();
            } finally {
                archive.close();
                System.out.println("Meridian stopped.");
                closed.countDown();
            }
            return 0;
        }
    }
}
