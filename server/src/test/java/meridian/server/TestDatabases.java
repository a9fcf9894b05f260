package meridian.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import meridian.server.config.MeridianConfig;
import meridian.sql.DatabaseConfig;

/**
 * Which database the integration tests run on. By default embedded Derby; with
 * {@code MERIDIAN_TEST_DB=postgresql} a scratch database per test service on the PostgreSQL
 * server at {@code MERIDIAN_TEST_PG_URL} (a JDBC URL ending in {@code /}, e.g.
 * {@code jdbc:postgresql://127.0.0.1:54321/}) as {@code MERIDIAN_TEST_PG_USER}, a role that may
 * create databases. {@code scripts/test-postgres} starts such a server with pgSphere in
 * {@code template1}, so every scratch database has it.
 */
final class TestDatabases {

    private TestDatabases() {
    }

    static boolean postgres() {
        return "postgresql".equals(System.getenv("MERIDIAN_TEST_DB"));
    }

    private static String baseUrl() {
        String url = System.getenv("MERIDIAN_TEST_PG_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:") || !url.endsWith("/")) {
            throw new IllegalStateException("MERIDIAN_TEST_DB=postgresql needs MERIDIAN_TEST_PG_URL=jdbc:postgresql://host:port/");
        }
        return url;
    }

    private static String user() {
        String user = System.getenv("MERIDIAN_TEST_PG_USER");
        return user == null ? "meridian" : user;
    }

    /** Creates an empty scratch database; the {@code database:} section pointing at it. */
    static MeridianConfig.Database createPostgres() throws SQLException {
        String name = "meridian_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl() + "postgres", user(), null);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new MeridianConfig.Database("postgresql", baseUrl() + name, user(), null, null, 8);
    }

    /** Drops the scratch database of {@code config} (nothing for Derby). */
    static void drop(DatabaseConfig config) throws SQLException {
        if (!"postgresql".equals(config.kind())) {
            return;
        }
        String name = config.jdbcUrl().substring(baseUrl().length());
        try (Connection c = DriverManager.getConnection(baseUrl() + "postgres", user(), null);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
