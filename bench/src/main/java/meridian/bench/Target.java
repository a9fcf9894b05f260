package meridian.bench;

import java.util.List;

/**
 * The service under test: its endpoints and the catalogue tables the scenarios query. For the
 * bundled server everything is derived from its base URL; for another service each endpoint and
 * table name is configurable.
 *
 * @param tapUrl      TAP base URL ({@code .../tap}: {@code /sync} and {@code /async} are appended)
 * @param ssaUrl      SSA query URL
 * @param datalinkUrl DataLink links endpoint
 * @param sodaUrl     SODA sync endpoint
 * @param tables      catalogue tables, smallest first
 * @param raColumn    position columns of the catalogue tables
 * @param decColumn   position columns of the catalogue tables
 * @param idColumn    a column to select in cross-match results
 */
public record Target(String tapUrl, String ssaUrl, String datalinkUrl, String sodaUrl, List<TableRef> tables,
                     String raColumn, String decColumn, String idColumn) {

    /**
     * A catalogue table.
     *
     * @param label its size class ({@code 1e6})
     * @param name  qualified ADQL name
     * @param rows  row count (-1 unknown)
     */
    public record TableRef(String label, String name, long rows) {
    }

    /** Endpoints of a Meridian server at {@code base} ({@code http://127.0.0.1:PORT}). */
    public static Target meridian(String base, List<TableRef> tables) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new Target(b + "/tap", b + "/ssa", b + "/datalink/links", b + "/soda/sync", tables, "ra", "dec", "id");
    }

    /** The same service with other catalogue tables. */
    public Target withTables(List<TableRef> other) {
        return new Target(tapUrl, ssaUrl, datalinkUrl, sodaUrl, List.copyOf(other), raColumn, decColumn, idColumn);
    }
}
