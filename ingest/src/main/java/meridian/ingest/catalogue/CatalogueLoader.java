package meridian.ingest.catalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import meridian.ingest.CollectionDefinitionException;
import meridian.sql.Database;
import meridian.sql.backend.Backend;
import meridian.sql.catalog.CatalogueStore;
import meridian.sql.model.Column;
import meridian.sql.model.Table;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Loads a catalogue: {@code CatalogueFiles -> TableDesign -> a new stored table -> primary key and
 * indexes -> CatalogueStore.replace}. On Derby the converted rows go to a temporary delimited file
 * that Derby's bulk import loads ({@link DerbyImportFile}); on PostgreSQL they stream into a
 * {@code COPY} ({@link PostgresCopy}); elsewhere they go in batched prepared inserts. Rows stream from the files
 * (no table is held in memory). The new version is invisible until it is complete and indexed;
 * then the catalogue record, TAP_SCHEMA and the model switch together, and the old version's
 * table is dropped. Any failure drops the new table and leaves the published one as it was.
 * One load per catalogue at a time; instances are stateless otherwise.
 */
public final class CatalogueLoader {

    /** Rows per JDBC batch. */
    static final int BATCH = 2_000;
    /** Rows per commit: bounds the transaction log of a huge load. */
    static final int COMMIT = 200_000;

    /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger STIL_LOG = java.util.logging.Logger.getLogger("uk.ac.starlink");

    private final Database db;

    public CatalogueLoader(Database db) {
        this.db = db;
        // STIL reports each memory-mapped file at INFO: noise on an operator's terminal
        STIL_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Loads and publishes {@code def}.
     *
     * @param dryRun   read and convert every value, write nothing
     * @param progress told the number of rows loaded so far, now and then
     * @throws CollectionDefinitionException the definition does not fit the files or the archive
     * @throws CatalogueLoadException        a value, column or key is wrong (file, row, column named)
     */
    public CatalogueReport load(CatalogueDefinition def, boolean dryRun, LongConsumer progress)
            throws IOException, SQLException {
        Objects.requireNonNull(progress, "progress");
        List<Path> files = CatalogueFiles.resolve(def);
        CatalogueFiles reader = new CatalogueFiles();
        StarTable first = reader.open(files.get(0), def.format());
        TableDesign design;
        try {
            design = TableDesign.of(def, files.get(0), first,
                    CatalogueFiles.typesGuessed(files.get(0), def.format()));
        } finally {
            first.close();
        }
        CatalogueStore store = new CatalogueStore(db);
        store.ensure();
        checkAgainstModel(def, store, design.table());
        long start = System.nanoTime();
        Table table = design.table().withStoredName(store.nextStoredName(def.schema(), def.table()));
        if (dryRun) {
            long rows = 0;
            for (Path f : files) {
                rows += insert(null, null, reader, f, def.format(), design, rows, progress);
            }
            return new CatalogueReport(def.qualifiedName(), null, files.size(), rows, seconds(start), 0, true,
                    design.skipped());
        }
        Backend backend = db.backend();
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            backend.ensureSchema(c, table.schema());
            try (Statement st = c.createStatement()) {
                for (String ddl : backend.createTableForLoading(table)) {
                    st.execute(ddl);
                }
            }
        }
        try {
            long rows = 0;
            Path importDir = importDirectory(table);
            if (importDir != null) {
                try (DerbyImportFile out = DerbyImportFile.create(importDir)) {
                    for (Path f : files) {
                        out.startFile(f);
                        rows += insert(null, out, reader, f, def.format(), design, rows, progress);
                    }
                    try (Connection c = db.connection()) {
                        c.setAutoCommit(false);
                        try {
                            out.importInto(c, backend, table);
                            c.commit();
                        } catch (IOException | SQLException | RuntimeException e) {
                            c.rollback();
                            throw e;
                        }
                    }
                }
            } else if (copyLoad(table)) {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    try (PostgresCopy out = new PostgresCopy(c, backend, table)) {
                        for (Path f : files) {
                            out.startFile(f);
                            rows += insert(null, out, reader, f, def.format(), design, rows, progress);
                        }
                        out.finish();
                        c.commit();
                    } catch (IOException | SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    }
                }
            } else {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement(insertSql(backend, table))) {
                        for (Path f : files) {
                            rows += insert(ps, null, reader, f, def.format(), design, rows, progress);
                        }
                        c.commit();
                    } catch (IOException | SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    }
                }
            }
            double loadSeconds = seconds(start);
            long indexStart = System.nanoTime();
            buildIndexes(table, files, reader, def, design);
            double indexSeconds = seconds(indexStart);
            table = design.withTextAsLoaded(table);
            store.replace(table, def.schemaDescription(), def.rights());
            return new CatalogueReport(def.qualifiedName(), table.storedName(), files.size(), rows, loadSeconds,
                    indexSeconds, false, design.skipped());
        } catch (IOException | SQLException | RuntimeException e) {
            store.dropLoaded(table);
            if (e instanceof IllegalArgumentException) {
                throw new CollectionDefinitionException(def.file(), e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The name is free or a catalogue's, and the foreign keys resolve, before anything is loaded. */
    private void checkAgainstModel(CatalogueDefinition def, CatalogueStore store, Table table)
            throws SQLException, CollectionDefinitionException {
        if (db.model().table(table.qualifiedName()).isPresent() && store.find(def.schema(), def.table()).isEmpty()) {
            throw new CollectionDefinitionException(def.file(), "table " + table.qualifiedName() + " already exists and"
                    + " is not a catalogue: choose another schema or table name");
        }
        try {
            db.model().withTable(table, def.schemaDescription());
        } catch (IllegalArgumentException e) {
            throw new CollectionDefinitionException(def.file(), "foreign_keys: " + e.getMessage(), e);
        }
    }

    private static String insertSql(Backend backend, Table table) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(backend.qualified(table)).append(" (");
        for (int i = 0; i < table.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(backend.quote(table.columns().get(i).dbName()));
        }
        return sql.append(") VALUES (").append("?, ".repeat(table.columns().size() - 1)).append("?)").toString();
    }

    /**
     * Where a Derby load writes its import file ({@link DerbyImportFile}): the data directory's
     * {@code tmp} (the data directory holds the database's {@code db}); null to load with
     * a COPY or batched INSERTs instead (PostgreSQL; a one-column table, whose NULL rows would be empty lines).
     */
    private Path importDirectory(Table table) {
        if (!"derby".equals(db.backend().name()) || db.config() == null || db.config().derbyPath() == null
                || table.columns().size() < 2) {
            return null;
        }
        Path dbDir = db.config().derbyPath().toAbsolutePath();
        return (dbDir.getParent() != null ? dbDir.getParent() : dbDir).resolve("tmp");
    }

    /**
     * True to load with {@link PostgresCopy} (PostgreSQL; not a one-column table, whose NULL rows
     * would be empty lines).
     */
    private boolean copyLoad(Table table) {
        return "postgresql".equals(db.backend().name()) && table.columns().size() >= 2;
    }

    /**
     * Reads one file into {@code ps} or {@code out} (or only converts, when both are null);
     * returns its row count.
     */
    private static long insert(PreparedStatement ps, RowSink out, CatalogueFiles reader, Path file,
                               String format,
                               TableDesign design, long before, LongConsumer progress)
            throws IOException, SQLException {
        StarTable t = reader.open(file, format);
        int[] at = design.locate(file, t);
        List<ValueBinder> binders = design.binders();
        long row = 0;
        try (t; RowSequence seq = t.getRowSequence()) {
            while (seq.next()) {
                row++;
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("catalogue load interrupted at " + file + " row " + row);
                }
                for (int i = 0; i < at.length; i++) {
                    Object cell = seq.getCell(at[i]);
                    try {
                        if (out != null) {
                            binders.get(i).appendImportField(out.field(i), cell);
                        } else if (ps == null) {
                            binders.get(i).convert(cell);
                        } else {
                            binders.get(i).bind(ps, i + 1, cell);
                        }
                    } catch (IllegalArgumentException | ClassCastException e) {
                        throw new CatalogueLoadException(file, row, design.fileNames().get(i), e.getMessage());
                    }
                }
                if (out != null) {
                    out.endRow();
                    if ((before + row) % COMMIT == 0) {
                        progress.accept(before + row);
                    }
                } else if (ps != null) {
                    ps.addBatch();
                    if (row % BATCH == 0) {
                        execute(ps, file, row);
                    }
                    if ((before + row) % COMMIT == 0) {
                        execute(ps, file, row);
                        ps.getConnection().commit();
                        progress.accept(before + row);
                    }
                }
            }
            if (ps != null) {
                execute(ps, file, row);
            }
        } catch (IOException e) {
            if (e instanceof CatalogueLoadException) {
                throw e;
            }
            throw new CatalogueLoadException(file, row + 1, null, "cannot read the table: " + e.getMessage(), e);
        }
        progress.accept(before + row);
        return row;
    }

    private static void execute(PreparedStatement ps, Path file, long row) throws CatalogueLoadException {
        try {
            ps.executeBatch();
        } catch (SQLException e) {
            // values were checked when bound: what remains is the database's own refusal
            throw new CatalogueLoadException(file, row, null, "the database refused a row of the batch ending here: "
                    + e.getMessage(), e);
        }
    }

    /** Adds the primary key and indexes; a duplicate key is traced back to its rows. */
    private void buildIndexes(Table table, List<Path> files, CatalogueFiles reader, CatalogueDefinition def,
                              TableDesign design) throws SQLException, IOException {
        // PostgreSQL: one transaction, so that its SET LOCAL settings hold for the whole build;
        // Derby: one statement a transaction, as before
        boolean oneTransaction = "postgresql".equals(db.backend().name());
        try (Connection c = db.connection()) {
            c.setAutoCommit(!oneTransaction);
            try (Statement st = c.createStatement()) {
                for (String ddl : db.backend().createIndexes(table)) {
                    try {
                        st.execute(ddl);
                    } catch (SQLException e) {
                        if (oneTransaction) {
                            c.rollback();
                        }
                        if (!table.primaryKey().isEmpty() && "23505".equals(e.getSQLState())) {
                            throw duplicate(c, table, files, reader, def, design);
                        }
                        throw e;
                    }
                }
                if (oneTransaction) {
                    c.commit();
                }
            } catch (IOException | SQLException | RuntimeException e) {
                if (oneTransaction) {
                    c.rollback();
                }
                throw e;
            }
        }
    }

    private CatalogueLoadException duplicate(Connection c, Table table, List<Path> files, CatalogueFiles reader,
                                             CatalogueDefinition def, TableDesign design)
            throws SQLException, IOException {
        Backend b = db.backend();
        String cols = String.join(", ", table.primaryKey().stream()
                .map(k -> b.quote(table.column(k).map(Column::dbName).orElse(k))).toList());
        List<Object> key = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + cols + " FROM " + b.qualified(table) + " GROUP BY " + cols
                     + " HAVING COUNT(*) > 1 FETCH FIRST 1 ROWS ONLY")) {
            if (rs.next()) {
                for (int i = 0; i < table.primaryKey().size(); i++) {
                    key.add(rs.getObject(i + 1));
                }
            }
        }
        String keyName = String.join(", ", table.primaryKey());
        List<Integer> keyIndexes = new ArrayList<>();
        for (String k : table.primaryKey()) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equals(k)) {
                    keyIndexes.add(i);
                }
            }
        }
        String firstSeen = null;
        for (Path f : files) {
            StarTable t = reader.open(f, def.format());
            int[] at = design.locate(f, t);
            long row = 0;
            try (t; RowSequence seq = t.getRowSequence()) {
                while (seq.next()) {
                    row++;
                    boolean same = true;
                    for (int k = 0; k < keyIndexes.size() && same; k++) {
                        int i = keyIndexes.get(k);
                        Object v = design.binders().get(i).convert(seq.getCell(at[i]));
                        same = sameValue(v, key.get(k));
                    }
                    if (same) {
                        if (firstSeen != null) {
                            return new CatalogueLoadException(f, row, design.fileNames().get(keyIndexes.get(0)),
                                    "duplicate primary key (" + keyName + ") " + key + ", first at " + firstSeen);
                        }
                        firstSeen = f.getFileName() + " row " + row;
                    }
                }
            }
        }
        return new CatalogueLoadException(files.get(0), 0, keyName, "duplicate primary key " + key);
    }

    private static boolean sameValue(Object converted, Object stored) {
        if (converted == null || stored == null) {
            return converted == stored;
        }
        if (converted instanceof Number a && stored instanceof Number s) {
            return a.doubleValue() == s.doubleValue();
        }
        return converted.toString().trim().equals(stored.toString().trim());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
