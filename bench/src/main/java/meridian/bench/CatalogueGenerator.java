package meridian.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import meridian.sql.Database;
import meridian.sql.backend.Backend;
import meridian.sql.model.Table;

/**
 * Fills the benchmark catalogues through the {@code sql} module: publishes the bench schema
 * (the backend creates each table with its sky-cell index), then writes the rows with batched
 * prepared inserts. A table is cached: a marker file {@code <table>.done} next to the database
 * records that it was completed by this generator version, so a rerun only regenerates tables
 * that are missing or were interrupted. Not thread-safe; the caller owns the database.
 */
public final class CatalogueGenerator {

    /** Bump when the rows change, so cached tables are regenerated. */
    static final int VERSION = 1;
    /** The seed of every catalogue: the same size always gives the same rows. */
    public static final long SEED = 20_240_901L;

    private static final int BATCH = 5_000;
    private static final int COMMIT_EVERY = 50_000;

    private final Database database;
    private final Path markerDir;
    private final PrintStream progress;

    /**
     * @param database   the open bench archive
     * @param markerDir  where the {@code .done} markers live (the bench data directory)
     * @param progress   where progress lines go
     */
    public CatalogueGenerator(Database database, Path markerDir, PrintStream progress) {
        this.database = database;
        this.markerDir = markerDir;
        this.progress = progress;
    }

    /** Makes sure the catalogues of {@code sizes} exist and are complete; publishes them. */
    public void ensure(List<Long> sizes) throws SQLException, IOException {
        Backend backend = database.backend();
        try (Connection c = database.connection()) {
            for (long n : sizes) {
                Table t = CatalogueTables.table(n);
                if (!isDone(n) && backend.tableExists(c, t)) {
                    progress.println("bench: " + t.qualifiedName() + " is incomplete; dropping it");
                    try (Statement st = c.createStatement()) {
                        st.execute("DROP TABLE " + backend.qualified(t));
                    }
                }
            }
        }
        database.publish(database.model().with(CatalogueTables.schema(sizes)));
        for (long n : sizes) {
            if (!isDone(n)) {
                fill(n);
            }
        }
    }

    private Path marker(long rows) {
        return markerDir.resolve(CatalogueTables.tableName(rows) + ".done");
    }

    private String markerText(long rows) {
        return "rows=" + rows + "\nseed=" + SEED + "\nversion=" + VERSION + "\n";
    }

    private boolean isDone(long rows) throws IOException {
        Path m = marker(rows);
        return Files.isRegularFile(m) && Files.readString(m, StandardCharsets.UTF_8).equals(markerText(rows));
    }

    private void fill(long rows) throws SQLException, IOException {
        Table t = CatalogueTables.table(rows);
        Backend b = database.backend();
        String sql = "INSERT INTO " + b.qualified(t) + " (" + String.join(", ",
                t.columns().stream().map(col -> b.quote(col.dbName())).toList()) + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
        SkyPositions sky = new SkyPositions(SEED);
        long started = System.nanoTime();
        progress.printf(Locale.ROOT, "bench: generating %s (%,d rows)%n", t.qualifiedName(), rows);
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                long step = Math.max(1, rows / 10);
                for (long i = 0; i < rows; i++) {
                    double mag = 12 + 8 * sky.uniform(i, 2);
                    ps.setLong(1, i);
                    ps.setDouble(2, sky.ra(i));
                    ps.setDouble(3, sky.dec(i));
                    ps.setFloat(4, (float) mag);
                    ps.setDouble(5, 3631e3 * Math.pow(10, -0.4 * mag));
                    ps.setShort(6, (short) (sky.uniform(i, 3) * 5));
                    ps.setString(7, String.format(Locale.ROOT, "BENCH %09d", i));
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0 || i + 1 == rows) {
                        ps.executeBatch();
                    }
                    if ((i + 1) % COMMIT_EVERY == 0) {
                        c.commit();
                    }
                    if ((i + 1) % step == 0 && rows >= 100_000) {
                        progress.printf(Locale.ROOT, "bench:   %,d rows (%.0f s)%n", i + 1,
                                (System.nanoTime() - started) / 1e9);
                    }
                }
            }
            c.commit();
            updateStatistics(c, t);
            c.commit();
        }
        Files.writeString(marker(rows), markerText(rows), StandardCharsets.UTF_8);
        progress.printf(Locale.ROOT, "bench: %s ready in %.1f s%n", t.qualifiedName(), (System.nanoTime() - started) / 1e9);
    }

    /** Fresh index statistics, so Derby's optimiser knows the sky-cell index is selective. */
    private void updateStatistics(Connection c, Table t) throws SQLException {
        if (!"derby".equals(database.backend().name())) {
            return;
        }
        try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(?, ?, NULL)")) {
            cs.setString(1, t.schema());
            cs.setString(2, t.storedName());
            cs.execute();
        }
    }
}
