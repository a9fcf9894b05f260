package meridian.adql;

import java.util.Optional;

/**
 * Which rows of a stored table the current query may see. The translator replaces every
 * reference to a filtered table (in FROM, joins, subqueries, set operations, WITH items) by a
 * derived table {@code (SELECT * FROM <table> WHERE <predicate>)}, so every construct of the
 * query reads the same restricted rows. The server builds one per request from the caller's
 * identity ({@code meridian.server.auth.AccessPolicy}). Implementations are immutable.
 */
@FunctionalInterface
public interface RowFilter {

    /** No restriction: every row of every table. */
    RowFilter NONE = (schema, table, row) -> Optional.empty();

    /**
     * The SQL condition rows of {@code schema.table} must meet, or empty when the table is not
     * restricted.
     *
     * @param schema the table's schema name, as ADQL and TAP_SCHEMA write it
     * @param table  the table's name, as ADQL and TAP_SCHEMA write it (a catalogue's stored
     *               name may differ)
     * @param row    the quoted correlation name the condition must use for the table's columns
     *               (e.g. {@code "meridian_rows"."obs_collection"})
     * @return a boolean SQL expression built only from constants the server chose, never from
     *         user input
     */
    Optional<String> condition(String schema, String table, String row);
}
