package meridian.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import meridian.ingest.fits.FitsContent;
import meridian.ingest.fits.FitsHeaderReader;
import meridian.ingest.fits.FitsLoader;
import meridian.ingest.fits.LoadException;
import meridian.ingest.fits.ProductDraft;
import meridian.ingest.preview.PreviewRenderer;
import meridian.ingest.store.ArchiveWriter;
import meridian.ingest.store.ProductFile;
import meridian.ingest.store.StoredFile;
import meridian.sql.Database;
import meridian.sql.archive.StoredCollections;

/**
 * Ingests collections into an archive database:
 * {@code SourceScanner -> FitsHeaderReader -> FitsLoader -> ObscoreRowBuilder + product files
 * (+ PreviewRenderer) -> ArchiveWriter -> IngestReport}.
 *
 * <p>Each science file is all or nothing: its old products (if any) are deleted and its new
 * products and files inserted together, or nothing changes. Files are committed in groups (a
 * commit forces the database log to disk, which costs more than a file's rows); when one file of
 * a group fails, the group is rolled back and its other files are written again one transaction
 * each, and a crash loses whole files only, which the next run ingests again. A file whose content and whose
 * ancillary files have the checksums stored for it is left alone, so re-running changes nothing;
 * a file that fails (not FITS, truncated, missing keyword, obs_id not matching the pattern) is
 * reported and skipped, and any rows of an earlier successful ingest of it are kept.
 *
 * <p>One ingest at a time per collection: concurrent ingests of the same collection are not
 * coordinated. Instances are otherwise stateless and may be shared.
 */
public final class Ingestor {

    /** Most files committed together (see {@code Run.flush}). */
    static final int GROUP_FILES = 64;
    /** Longest time files wait for their commit, so progress and crash losses stay small. */
    static final long GROUP_NANOS = 500_000_000L;

    private final Database db;
    private final IngestSettings settings;
    private final PreviewRenderer renderer = new PreviewRenderer();
    private final int workers;

    public Ingestor(Database db, IngestSettings settings) {
        this.db = db;
        this.settings = settings;
        this.workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        // Java2D must not look for a display, whatever machine runs the ingest
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        FitsHeaderReader.quietLibraryLogging();
    }

    /**
     * Ingests every science file of {@code def}.
     *
     * @param listener told about each file; {@link ProgressListener#NONE} for none
     * @throws CollectionDefinitionException when the collection root is missing or outside the data roots
     * @throws SQLException                  when the database fails outside a single file's transaction
     */
    public IngestReport ingest(CollectionDefinition def, IngestOptions opts, ProgressListener listener)
            throws IOException, SQLException {
        long t0 = System.nanoTime();
        Path root = settings.collectionRoot(def);
        List<SourceScanner.SourceFile> files = SourceScanner.scan(root, def, settings.dataRoots());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Run run = new Run(def, opts, root, c);
            try {
                IngestReport report = run.execute(files, listener, t0);
                safely(() -> listener.finished(report));
                return report;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a progress display must never stop an ingest
        }
    }

    /** The state of one ingest run. */
    private final class Run {
        private final CollectionDefinition def;
        private final IngestOptions opts;
        private final Connection connection;
        private final ArchiveWriter writer;
        private final FitsLoader loader;
        private final ObscoreRowBuilder rows;
        private final ProductFileRowBuilder names;
        private final boolean previewsWanted;
        private final Map<String, String> didOwner = new HashMap<>();
        /** Files written in the open transaction, in order, not committed yet. */
        private final List<Prepared> group = new ArrayList<>();
        /** How to undo the open transaction's changes to didOwner: {did, previous owner or null}. */
        private final Deque<String[]> ownerUndo = new ArrayDeque<>();
        private long groupStarted;
        private ProgressListener listener = ProgressListener.NONE;
        private int total;
        private int done;
        private final List<IngestReport.Skipped> skipped = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private int ingested;
        private int updated;
        private int unchanged;
        private int pruned;
        private long products;
        private long rowsWritten;
        private int previews;

        Run(CollectionDefinition def, IngestOptions opts, Path root, Connection connection) {
            this.def = def;
            this.opts = opts;
            this.connection = connection;
            this.writer = new ArchiveWriter(connection, db.backend(), settings.archiveSchema());
            this.loader = FitsLoader.of(def.loader());
            this.rows = new ObscoreRowBuilder(def, settings);
            this.previewsWanted = opts.generatePreviews() && def.previews().generate();
            this.names = new ProductFileRowBuilder(def, settings, root, renderer, previewsWanted && !opts.dryRun());
        }

        IngestReport execute(List<SourceScanner.SourceFile> files, ProgressListener listener, long t0)
                throws SQLException, IOException {
            Map<String, StoredFile> state = writer.storedFiles(def.name());
            connection.commit();
            state.forEach((file, s) -> s.products().forEach(did -> didOwner.put(did, file)));
            this.listener = listener;
            this.total = files.size();
            safely(() -> listener.started(def.name(), files.size()));
            Set<String> seen = new HashSet<>();
            // reading, checksumming and drawing previews run in parallel; writing stays on this
            // thread, in file order, so the database sees one transaction at a time
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                Deque<Future<Prepared>> window = new ArrayDeque<>();
                int next = 0;
                while (next < files.size() || !window.isEmpty()) {
                    while (next < files.size() && window.size() < 2 * workers) {
                        SourceScanner.SourceFile f = files.get(next++);
                        String id = fileId(f.relative());
                        seen.add(id);
                        StoredFile stored = state.get(id);
                        window.add(pool.submit(() -> prepare(f, id, stored)));
                    }
                    accept(await(window.poll()));
                }
                flush();
            } finally {
                pool.shutdownNow();
            }
            if (opts.prune()) {
                for (Map.Entry<String, StoredFile> e : state.entrySet()) {
                    if (!seen.contains(e.getKey())) {
                        prune(e.getValue());
                    }
                }
            }
            if (!opts.dryRun()) {
                rowsWritten += writer.upsertCollection(collectionRow(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
                // what serving the files needs goes with the published collection, wherever its YAML lies
                StoredCollections.save(connection, db.backend(), new StoredCollections.Stored(def.name(),
                        def.file().toAbsolutePath().normalize().toString(), Files.readString(def.file())));
                connection.commit();
            }
            List<String> notes = new ArrayList<>(warnings);
            rows.unitNotes().forEach(n -> notes.add("unit from a keyword comment: " + n));
            return new IngestReport(def.name(), opts.dryRun(), files.size(), ingested, updated, unchanged,
                    List.copyOf(skipped), pruned, products, rowsWritten, previews, List.copyOf(notes),
                    Duration.ofNanos(System.nanoTime() - t0));
        }

        private String fileId(String relative) {
            return names.fileId(relative);
        }

        private Path pathOf(String fileId) {
            return names.pathOf(fileId);
        }

        /**
         * What one file will do to the database, worked out off the writing thread: its
         * checksums, its rows and its generated previews (a file is only read here).
         */
        private Prepared prepare(SourceScanner.SourceFile f, String id, StoredFile stored) {
            try {
                return prepareFile(f, id, stored);
            } catch (RuntimeException e) {
                // whatever a damaged file does to a library costs that file only
                return Prepared.outcome(f, id, stored, FileOutcome.SKIPPED, "cannot load: " + e);
            }
        }

        private Prepared prepareFile(SourceScanner.SourceFile f, String id, StoredFile stored) {
            Map<String, String> current = new LinkedHashMap<>();
            try {
                current.put(id, FileFacts.sha256(f.path()));
                for (SourceScanner.Ancillary a : f.ancillaries()) {
                    current.put(fileId(a.relative()), FileFacts.sha256(a.path()));
                }
                if (stored != null && !opts.force() && unchanged(stored, current)) {
                    return Prepared.outcome(f, id, stored, FileOutcome.UNCHANGED, null);
                }
            } catch (IOException e) {
                return Prepared.outcome(f, id, stored, FileOutcome.SKIPPED, "cannot read: " + e.getMessage());
            }
            Prepared p = new Prepared(f, id, stored);
            try (FitsContent content = FitsHeaderReader.open(f.path())) {
                List<ProductDraft> drafts = loader.load(content, def.loaderOptions());
                build(p, content.size(), current, drafts);
            } catch (LoadException e) {
                discardPreviews(p, stored);
                return Prepared.outcome(f, id, stored, FileOutcome.SKIPPED, e.getMessage());
            } catch (RuntimeException e) {
                // a library failing on a malformed file must cost that file only
                discardPreviews(p, stored);
                return Prepared.outcome(f, id, stored, FileOutcome.SKIPPED, "cannot load: " + e);
            }
            return p;
        }

        /**
         * Deletes the previews drawn for a file that then failed, unless an earlier ingest
         * published them: nothing half-done stays behind, on disk or in the database.
         */
        private void discardPreviews(Prepared p, StoredFile stored) {
            for (ProductFile pf : p.files()) {
                if (ProductFileRowBuilder.PREVIEW.equals(pf.category()) && (stored == null
                        || !stored.checksums().containsKey(pf.fileId()))) {
                    Path png = pathOf(pf.fileId());
                    if (names.isGenerated(png)) {
                        try {
                            Files.deleteIfExists(png);
                        } catch (IOException ignored) {
                            // an orphan preview is harmless: it is redrawn or pruned later
                        }
                    }
                }
            }
        }

        /**
         * Takes a prepared file on the writing thread: reports early outcomes, checks identifiers,
         * and writes the file's rows into the open group transaction (see {@link #flush}).
         */
        private void accept(Prepared p) throws SQLException {
            warnings.addAll(p.warnings());
            previews += p.previews()[0];
            if (p.early() == FileOutcome.UNCHANGED) {
                unchanged++;
                report(p, FileOutcome.UNCHANGED);
                return;
            }
            if (p.early() == FileOutcome.SKIPPED) {
                report(p, skip(p.file(), p.reason()));
                return;
            }
            for (Map<String, Object> r : p.obscore()) {
                String owner = didOwner.get((String) r.get("obs_publisher_did"));
                if (owner != null && !owner.equals(p.id())) {
                    report(p, skip(p.file(), "obs_id '" + r.get("obs_id") + "' is already published by " + owner));
                    return;
                }
            }
            if (opts.dryRun()) {
                p.rows()[0] = p.obscore().size() + p.files().size();
                claim(p, false);
                committed(p);
                return;
            }
            try {
                p.rows()[0] = write(p);
            } catch (SQLException e) {
                // the failed statement may have spoiled the transaction: redo the group without it
                replayGroup();
                report(p, skip(p.file(), "database: " + e.getMessage()));
                return;
            }
            if (group.isEmpty()) {
                groupStarted = System.nanoTime();
            }
            claim(p, true);
            group.add(p);
            if (group.size() >= GROUP_FILES || System.nanoTime() - groupStarted > GROUP_NANOS) {
                flush();
            }
        }

        /** Replaces a file's products in the open transaction; returns the rows deleted and inserted. */
        private int write(Prepared p) throws SQLException {
            int n = 0;
            if (p.stored() != null) {
                n += writer.deleteProducts(p.stored().products());
            }
            return n + writer.insert(p.obscore(), p.files());
        }

        /**
         * Commits the group of files written since the last commit. Files are committed in groups
         * (up to {@link #GROUP_FILES} files or {@link #GROUP_NANOS}) because a commit forces the
         * log to disk, which costs more than writing a file's rows; each file stays all or
         * nothing: a failure replays the group one file per transaction, and a crash loses whole
         * files only, which the next run ingests again.
         */
        private void flush() throws SQLException {
            if (group.isEmpty()) {
                return;
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                replayGroup();
                return;
            }
            ownerUndo.clear();
            for (Prepared q : group) {
                committed(q);
            }
            group.clear();
        }

        /** Rolls the group back and writes its files again, each in its own transaction. */
        private void replayGroup() throws SQLException {
            connection.rollback();
            while (!ownerUndo.isEmpty()) {
                String[] u = ownerUndo.pop();
                if (u[1] == null) {
                    didOwner.remove(u[0]);
                } else {
                    didOwner.put(u[0], u[1]);
                }
            }
            List<Prepared> again = new ArrayList<>(group);
            group.clear();
            for (Prepared q : again) {
                try {
                    q.rows()[0] = write(q);
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    report(q, skip(q.file(), "database: " + e.getMessage()));
                    continue;
                }
                claim(q, false);
                committed(q);
            }
        }

        /** Records the file's identifiers as its own, optionally logging how to undo that. */
        private void claim(Prepared p, boolean undoable) {
            List<String[]> changes = new ArrayList<>();
            if (p.stored() != null) {
                for (String did : p.stored().products()) {
                    changes.add(new String[] {did, didOwner.remove(did)});
                }
            }
            for (Map<String, Object> r : p.obscore()) {
                String did = (String) r.get("obs_publisher_did");
                changes.add(new String[] {did, didOwner.put(did, p.id())});
            }
            if (undoable) {
                changes.forEach(ownerUndo::push);
            }
        }

        /** Counts a file whose rows are committed (or, in a dry run, would be) and reports it. */
        private void committed(Prepared p) {
            rowsWritten += p.rows()[0];
            products += p.obscore().size();
            if (p.stored() == null) {
                ingested++;
                report(p, FileOutcome.INGESTED);
            } else {
                updated++;
                report(p, FileOutcome.UPDATED);
            }
        }

        private void report(Prepared p, FileOutcome outcome) {
            int d = ++done;
            safely(() -> listener.fileDone(d, total, p.file().path(), outcome));
        }

        /** Same files with the same checksums; generated previews may be extra if still intact. */
        private boolean unchanged(StoredFile stored, Map<String, String> current) throws IOException {
            for (Map.Entry<String, String> e : current.entrySet()) {
                if (!e.getValue().equals(stored.checksums().get(e.getKey()))) {
                    return false;
                }
            }
            boolean hasPreview = false;
            for (Map.Entry<String, String> e : stored.checksums().entrySet()) {
                boolean preview = ProductFileRowBuilder.PREVIEW.equals(stored.categories().get(e.getKey()));
                hasPreview |= preview;
                if (current.containsKey(e.getKey())) {
                    continue;
                }
                Path p = pathOf(e.getKey());
                if (!preview || !names.isGenerated(p) || !Files.isRegularFile(p)
                        || !FileFacts.sha256(p).equals(e.getValue())) {
                    return false;
                }
            }
            return hasPreview || !previewsWanted;
        }

        private void build(Prepared p, long size, Map<String, String> checksums, List<ProductDraft> drafts)
                throws LoadException {
            SourceScanner.SourceFile f = p.file();
            String stem = SourceScanner.stem(f.path().getFileName().toString());
            String scienceUrl = names.accessUrl(f.relative());
            boolean shared = drafts.size() > 1;
            // the science file of a multi-product file is listed once per product, addressed by
            // where the product is in it (EXTNAME, HDU number, table row) when that is unique
            boolean byFragment = shared && drafts.stream().map(ProductDraft::fragment)
                    .filter(java.util.Objects::nonNull).distinct().count() == drafts.size();
            ProductFileRowBuilder.Sink sink = new ProductFileRowBuilder.Sink() {
                @Override
                public void warning(String message) {
                    p.warnings().add(message);
                }

                @Override
                public void previewDrawn() {
                    p.previews()[0]++;
                }
            };
            for (ProductDraft d : drafts) {
                Map<String, Object> row = rows.build(d, stem, scienceUrl, size);
                String scienceTag = !shared ? "" : "#" + (byFragment ? d.fragment() : row.get("obs_id"));
                p.files().addAll(names.filesOf(f, d, row, scienceTag, shared, checksums, size, sink));
                p.obscore().add(row);
            }
        }

        private void prune(StoredFile s) throws SQLException {
            if (!opts.dryRun()) {
                try {
                    rowsWritten += writer.deleteProducts(s.products());
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                }
                for (Map.Entry<String, String> e : s.categories().entrySet()) {
                    Path p = pathOf(e.getKey());
                    if (ProductFileRowBuilder.PREVIEW.equals(e.getValue()) && names.isGenerated(p)) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ex) {
                            warnings.add(p + ": generated preview not deleted: " + ex.getMessage());
                        }
                    }
                }
            }
            s.products().forEach(didOwner::remove);
            pruned++;
        }

        private FileOutcome skip(SourceScanner.SourceFile f, String reason) {
            skipped.add(new IngestReport.Skipped(f.path(), reason));
            return FileOutcome.SKIPPED;
        }

        private Map<String, Object> collectionRow() throws SQLException {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("collection", def.name());
            v.put("title", def.title());
            v.put("description", def.description());
            v.put("facility_name", def.facility());
            v.put("instruments", def.instruments().isEmpty() ? null : String.join(",", def.instruments()));
            v.put("coordinate_frame", def.coordinateFrame());
            v.put("field_of_view", def.fov());
            v.put("obs_id_pattern", def.obsIdPattern().pattern());
            v.put("data_rights", def.rights().dataRights());
            v.put("citation", def.rights().citation());
            v.put("n_products", writer.countProducts(def.name()));
            return v;
        }
    }

    /**
     * One file, ready to write: either an early outcome (unchanged, or skipped with a reason) or
     * its rows. Built by one worker thread, then handed to the writing thread.
     */
    private record Prepared(SourceScanner.SourceFile file, String id, StoredFile stored, FileOutcome early,
                            String reason, List<Map<String, Object>> obscore, List<ProductFile> files,
                            List<String> warnings, int[] previews, int[] rows) {

        Prepared(SourceScanner.SourceFile file, String id, StoredFile stored) {
            this(file, id, stored, null, null, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new int[1],
                    new int[1]);
        }

        static Prepared outcome(SourceScanner.SourceFile file, String id, StoredFile stored, FileOutcome outcome,
                                String reason) {
            return new Prepared(file, id, stored, outcome, reason, List.of(), List.of(), List.of(), new int[1],
                    new int[1]);
        }
    }

    private static Prepared await(Future<Prepared> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ingest interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
