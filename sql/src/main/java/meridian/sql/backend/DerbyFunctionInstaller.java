package meridian.sql.backend;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Installs a set of Java stored functions into a Derby database (for example the geometry
 * functions the ADQL translator calls). Must be idempotent: called at every start.
 */
@FunctionalInterface
public interface DerbyFunctionInstaller {

    void install(Connection connection, DerbyBackend backend) throws SQLException;
}
