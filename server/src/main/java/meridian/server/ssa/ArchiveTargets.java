package meridian.server.ssa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import meridian.ingest.CollectionDefinition;
import meridian.sql.Database;
import meridian.sql.archive.ObscoreTable;
import meridian.ssa.TargetResolver;

/**
 * The {@link TargetResolver} over the archive as it is now: the distinct target names of its
 * spectra and the collection definitions' aliases, rebuilt when older than {@link #MAX_AGE_MILLIS}
 * (ingestion adds names; a minute's delay is harmless). Thread-safe.
 */
public final class ArchiveTargets {

    /** How long a resolver is reused. */
    static final long MAX_AGE_MILLIS = 60_000;

    private final Database database;
    private final Supplier<List<CollectionDefinition>> definitions;
    private TargetResolver resolver;
    private long builtAt;

    /**
     * @param database    the archive
     * @param definitions the collection definitions (read again on every rebuild)
     */
    public ArchiveTargets(Database database, Supplier<List<CollectionDefinition>> definitions) {
        this.database = database;
        this.definitions = definitions;
    }

    /** The current resolver. */
    public synchronized TargetResolver resolver() throws SQLException {
        long now = System.currentTimeMillis();
        if (resolver == null || now - builtAt > MAX_AGE_MILLIS) {
            resolver = new TargetResolver(archiveNames(), definitions.get());
            builtAt = now;
        }
        return resolver;
    }

    private List<String> archiveNames() throws SQLException {
        var b = database.backend();
        String sql = "SELECT DISTINCT " + b.quote("target_name") + " FROM " + b.quote(ObscoreTable.SCHEMA) + "."
                + b.quote(ObscoreTable.NAME) + " WHERE " + b.quote("dataproduct_type") + " = 'spectrum'";
        List<String> names = new ArrayList<>();
        try (Connection c = database.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
