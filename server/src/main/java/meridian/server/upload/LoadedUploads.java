package meridian.server.upload;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.Database;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload tables of one request, alive until {@link #close()} drops them. Not thread-safe;
 * close once, after the query that uses them has finished.
 */
public final class LoadedUploads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedUploads.class);

    private final Database database;
    private final List<Table> tables = new ArrayList<>();

    LoadedUploads(Database database) {
        this.database = database;
    }

    void add(Table table) {
        tables.add(table);
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    /** {@code model} with the TAP_UPLOAD schema of these tables added (itself when there are none). */
    public MetadataModel extend(MetadataModel model) {
        if (tables.isEmpty()) {
            return model;
        }
        return model.with(new Schema(UploadLoader.SCHEMA, "tables uploaded with this query", null, tables, 99));
    }

    /** Drops the tables. */
    @Override
    public void close() {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection c = database.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (Table t : tables) {
                try {
                    st.execute("DROP TABLE " + database.backend().qualified(t));
                } catch (SQLException e) {
                    // never created (the load failed before) or already gone
                    LOG.debug("dropping {}: {}", t.storedName(), e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.warn("cannot drop upload tables: {}", e.getMessage());
        }
        tables.clear();
    }
}
