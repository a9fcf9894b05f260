package meridian.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.backend.DerbyBackend;
import meridian.sql.geom.GeometryFunctions;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive created by an earlier release gets the columns a newer model adds when it is opened. */
class DatabaseUpgradeTest {

    private static final Set<String> NEW = Set.of("redshift", "snr", "flux_calib", "wave_calib");

    @TempDir
    Path dir;

    @Test
    void openingAddsTheNullableColumnsAnExistingTableLacks() throws SQLException {
        MetadataModel full = ArchiveModel.create("archive", "Test");
        Table obscore = full.table(ObscoreTable.QUALIFIED_NAME).orElseThrow();
        Table old = new Table(obscore.schema(), obscore.name(), obscore.type(), obscore.description(),
                obscore.utype(), obscore.columns().stream().filter(c -> !NEW.contains(c.name())).toList(),
                obscore.primaryKey(), obscore.foreignKeys(), obscore.tableIndex(), obscore.position());
        DatabaseConfig config = DatabaseConfig.derby(dir.resolve("db"));
        try (Database db = open(config, full.withTable(old, null))) {
            assertEquals(0, count(db, "SELECT COUNT(*) FROM \"TAP_SCHEMA\".\"columns\" WHERE \"column_name\" = 'redshift'"));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO \"ivoa\".\"obscore\" (\"calib_level\", \"obs_collection\", \"obs_id\","
                        + " \"obs_publisher_did\") VALUES (2, 'c', 'o', 'ivo://x/c?o')");
            }
        }
        try (Database db = open(config, full)) {
            assertEquals(1, count(db, "SELECT COUNT(*) FROM \"TAP_SCHEMA\".\"columns\" WHERE \"column_name\" = 'redshift'"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM \"ivoa\".\"obscore\" WHERE \"redshift\" IS NULL"
                    + " AND \"snr\" IS NULL AND \"flux_calib\" IS NULL AND \"wave_calib\" IS NULL"));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"redshift\" = 0.158,"
                        + " \"flux_calib\" = 'ABSOLUTE'"));
            }
            assertTrue(count(db, "SELECT COUNT(*) FROM \"ivoa\".\"obscore\" WHERE \"redshift\" > 0.1") == 1);
        }
        try (Database db = open(config, full)) { // idempotent
            assertEquals(1, count(db, "SELECT COUNT(*) FROM \"ivoa\".\"obscore\" WHERE \"redshift\" > 0.1"));
        }
    }

    @Test
    void openingAddsTheHiddenProductGroupsColumnWhichTapNeverShows() throws SQLException {
        MetadataModel model = ArchiveModel.create("archive", "Test");
        DatabaseConfig config = DatabaseConfig.derby(dir.resolve("db"));
        try (Database db = open(config, model); Connection c = db.connection(); Statement st = c.createStatement()) {
            // as an archive from before per-product rights: no groups column
            st.execute("ALTER TABLE \"ivoa\".\"obscore\" DROP COLUMN \"" + ObscoreTable.GROUPS + "\"");
            st.execute("INSERT INTO \"ivoa\".\"obscore\" (\"calib_level\", \"obs_collection\", \"obs_id\","
                    + " \"obs_publisher_did\") VALUES (2, 'c', 'o', 'ivo://x/c?o')");
        }
        try (Database db = open(config, model)) {
            assertEquals(1, count(db, "SELECT COUNT(*) FROM \"ivoa\".\"obscore\" WHERE \"" + ObscoreTable.GROUPS
                    + "\" IS NULL"), "old products follow their collection's groups");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM \"TAP_SCHEMA\".\"columns\" WHERE \"column_name\" = '"
                    + ObscoreTable.GROUPS + "'"));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE \"ivoa\".\"obscore\" SET \"" + ObscoreTable.GROUPS
                        + "\" = '+|P1|'"));
            }
        }
    }

    private static Database open(DatabaseConfig config, MetadataModel model) throws SQLException {
        return Database.open(config, new DerbyBackend(List.of(GeometryFunctions.derbyInstaller())), model);
    }

    private static int count(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
