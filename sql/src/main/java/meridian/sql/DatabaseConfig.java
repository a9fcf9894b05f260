package meridian.sql;

import java.nio.file.Path;

/**
 * Where the archive database is and how to reach it ({@code database:} in conf/meridian.yaml).
 *
 * @param kind      {@code derby} (embedded, the default) or {@code postgresql}
 * @param derbyPath directory of the embedded Derby database (kind derby)
 * @param jdbcUrl   JDBC URL (kind postgresql)
 * @param user      database user or null
 * @param password  database password or null
 * @param poolSize  maximum pooled connections
 */
public record DatabaseConfig(String kind, Path derbyPath, String jdbcUrl, String user, String password,
                             int poolSize) {

    /** An embedded Derby database in {@code directory}. */
    public static DatabaseConfig derby(Path directory) {
        return new DatabaseConfig("derby", directory, null, null, null, 8);
    }

    /** The JDBC URL to connect with. */
    public String url() {
        if ("derby".equals(kind)) {
            return "jdbc:derby:" + derbyPath.toAbsolutePath() + ";create=true";
        }
        return jdbcUrl;
    }
}
