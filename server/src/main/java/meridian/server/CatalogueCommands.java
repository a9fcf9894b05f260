package meridian.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import meridian.ingest.CollectionDefinitionException;
import meridian.ingest.catalogue.CatalogueDefinition;
import meridian.sql.Database;
import meridian.sql.catalog.CatalogueStore;
import meridian.sql.model.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian catalogue list} and {@code meridian catalogue remove}: the published catalogues
 * ({@code kind: catalogue} collections) of the archive. A server running on the same PostgreSQL
 * database follows the change within seconds ({@link meridian.sql.catalog.CatalogueWatcher}).
 */
final class CatalogueCommands {

    private CatalogueCommands() {
    }

    @Command(name = "catalogue", mixinStandardHelpOptions = true,
            description = "List or remove published catalogues (kind: catalogue collections).",
            subcommands = {ListCatalogues.class, Remove.class})
    static final class Catalogue implements Callable<Integer> {
        @Override
        public Integer call() {
            CommandLine.usage(this, System.out);
            return 2;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the published catalogues.")
    static final class ListCatalogues implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Override
        public Integer call() throws SQLException {
            try (Archive archive = Archive.open(common.load())) {
                for (CatalogueStore.StoredCatalogue s : new CatalogueStore(archive.database()).load()) {
                    Table t = s.table();
                    System.out.printf(Locale.ROOT, "%s\t%d columns\t(stored as %s.%s)%s%n", t.qualifiedName(),
                            t.columns().size(), t.schema(), t.storedName(),
                            t.description() == null ? "" : "\t" + t.description());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Unpublish a catalogue: its table, its TAP_SCHEMA rows and its stored definition, in one"
                    + " transaction. Refused while another catalogue's foreign key references it.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Common common = new Main.Common();

        @Parameters(index = "0", paramLabel = "SCHEMA.TABLE|FILE.yaml",
                description = "the catalogue's ADQL name, or the collection YAML that published it")
        String target;

        @Override
        public Integer call() throws Exception {
            String name = target;
            Path yaml = Path.of(target);
            if ((target.endsWith(".yaml") || target.endsWith(".yml")) && Files.isRegularFile(yaml)) {
                try {
                    name = CatalogueDefinition.load(yaml).qualifiedName();
                } catch (CollectionDefinitionException e) {
                    System.err.println("meridian: " + e.getMessage());
                    return 2;
                }
            }
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
                System.err.println("meridian: '" + target + "' is neither SCHEMA.TABLE nor a catalogue YAML file");
                return 2;
            }
            try (Archive archive = Archive.open(common.load())) {
                Database db = archive.database();
                CatalogueStore store = new CatalogueStore(db);
                Table removed;
                try {
                    removed = store.remove(name.substring(0, dot), name.substring(dot + 1));
                } catch (IllegalArgumentException e) {
                    System.err.println("meridian: " + e.getMessage());
                    return 1;
                }
                dropNowWhenAlone(db, store);
                System.out.println("removed catalogue " + removed.qualifiedName() + " (table " + removed.schema() + "."
                        + removed.storedName() + ")");
                return 0;
            }
        }
    }

    /**
     * On embedded Derby the command line is the database's only user (a server cannot run
     * meanwhile), so replaced and removed tables go now; on a shared database they wait for
     * their grace period, for queries a server planned before the change.
     */
    static void dropNowWhenAlone(Database db, CatalogueStore store) throws SQLException {
        if ("derby".equals(db.backend().name())) {
            store.dropRetired(0);
        }
    }
}
