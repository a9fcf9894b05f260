package meridian.sql.catalog;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import meridian.sql.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running server's model in step with catalogues that other processes publish or
 * remove on the same database ({@code ./meridian ingest} or {@code ./meridian catalogue remove}
 * while {@code ./meridian serve} runs on PostgreSQL): every interval it reads the catalogue
 * generation ({@link CatalogueStore#refresh}, one single-row query) and, when it changed, switches
 * the model (ADQL, VOSI tables, result metadata) to the stored catalogues at once; TAP_SCHEMA is
 * already what the other process wrote. It also drops retired tables whose grace period has
 * passed. Failures are logged and retried at the next tick. Close it before the database.
 */
public final class CatalogueWatcher implements AutoCloseable {

    /** How often a server looks for catalogue changes by default. */
    public static final long DEFAULT_INTERVAL_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueWatcher.class);

    private final CatalogueStore store;
    private final ScheduledExecutorService timer;
    private volatile long seen;
    private volatile boolean failing;

    private CatalogueWatcher(Database db) throws SQLException {
        this.store = new CatalogueStore(db);
        this.seen = store.generation();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meridian-catalogue-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching {@code db} every {@code intervalMillis}. */
    public static CatalogueWatcher start(Database db, long intervalMillis) throws SQLException {
        CatalogueWatcher w = new CatalogueWatcher(db);
        w.timer.scheduleWithFixedDelay(w::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return w;
    }

    /** Looks for a change now (also what every tick does). */
    public void check() {
        try {
            long before = seen;
            seen = store.refresh(before);
            if (seen != before) {
                LOG.info("catalogues changed in the database (generation {}): model refreshed", seen);
            }
            store.dropRetired(CatalogueStore.GRACE_MILLIS);
            if (failing) {
                LOG.info("catalogue watcher: the database answers again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("catalogue watcher: cannot read the catalogues ({}); retrying", e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
