package meridian.sql.geom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import meridian.sql.Database;
import meridian.sql.DatabaseConfig;
import meridian.sql.archive.ArchiveModel;
import meridian.sql.backend.DerbyBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryFunctionsDerbyTest {

    @TempDir
    static Path dir;
    static Database db;

    @BeforeAll
    static void open() throws SQLException {
        db = Database.open(DatabaseConfig.derby(dir.resolve("db")),
                new DerbyBackend(List.of(GeometryFunctions.derbyInstaller())), ArchiveModel.create("archive", "Test"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Object one(String sql) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    @Test
    void functionsAnswerInSql() throws SQLException {
        String values = " FROM SYSIBM.SYSDUMMY1";
        assertEquals("Position ICRS 10 20", one("SELECT MERIDIAN.POINT(10, 20)" + values));
        assertEquals("Polygon ICRS 1 2 3 4 5 6", one("SELECT MERIDIAN.POLYGON(1, 2, 3, 4, 5, 6)" + values));
        assertEquals(1.0, (Double) one("SELECT MERIDIAN.DISTANCE(10, 20, 10, 21)" + values), 1e-12);
        assertEquals(1, one("SELECT MERIDIAN.CONTAINS(MERIDIAN.POINT(10, 20), MERIDIAN.CIRCLE(10, 20.5, 1))" + values));
        assertEquals(0, one("SELECT MERIDIAN.CONTAINS_POINT(0, 0, 'Polygon ICRS 10 20 11 20 11 21')" + values));
        assertEquals(2.35, one("SELECT MERIDIAN.ROUND(2.345, 2)" + values));
        assertNull(one("SELECT MERIDIAN.AREA(CAST(NULL AS VARCHAR(10)))" + values));
        assertNull(one("SELECT MERIDIAN.IN_CIRCLE(CAST(NULL AS DOUBLE), 0, 0, 0, 1)" + values));
        assertNull(one("SELECT MERIDIAN.AREA('')" + values));
        assertNull(one("SELECT MERIDIAN.CONTAINS_POINT(1, 2, ' ')" + values));
        SQLException e = assertThrows(SQLException.class, () -> one("SELECT MERIDIAN.AREA('Blob 1 2')" + values));
        assertEquals(true, e.getMessage().contains("Blob") || e.getCause().getMessage().contains("Blob"), e.getMessage());
    }

    @Test
    void installingTwiceIsHarmless() throws SQLException {
        try (Connection c = db.connection()) {
            GeometryFunctions.derbyInstaller().install(c, (DerbyBackend) db.backend());
            GeometryFunctions.derbyInstaller().install(c, (DerbyBackend) db.backend());
        }
    }

    @Test
    void positionalTablesGetAGeneratedSkyCell() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO \"ivoa\".\"obscore\" (\"calib_level\", \"obs_collection\", \"obs_id\","
                    + " \"obs_publisher_did\", \"s_ra\", \"s_dec\") VALUES (1, 'c', 'x', 'ivo://t/x', 359.9, -89.99)");
            try (ResultSet rs = st.executeQuery("SELECT \"meridian_cell\" FROM \"ivoa\".\"obscore\""
                    + " WHERE \"obs_id\" = 'x'")) {
                rs.next();
                assertEquals(SkyCells.cell(359.9, -89.99), rs.getInt(1));
            }
            st.executeUpdate("DELETE FROM \"ivoa\".\"obscore\" WHERE \"obs_id\" = 'x'");
        }
    }

    /**
     * The cell range of a moving cone (a cross-match, {@link SkyCells#rangeSql}) as Derby
     * computes it holds the cell of every point of the cone: small and large cones, centres on
     * zone boundaries, near RA 0/360 and the poles; and a small cone inside one zone gives a
     * range of a few cells, not the whole zone.
     */
    @Test
    void movingConeRangeHoldsTheCone() throws SQLException {
        java.util.Random random = new java.util.Random(7);
        double[][] centres = new double[400][];
        for (int i = 0; i < centres.length; i++) {
            double ra = i % 10 == 0 ? 359.999 : i % 10 == 1 ? 0.0005 : random.nextDouble() * 360;
            double dec = i % 10 == 2 ? 0.25 * Math.round(random.nextDouble() * 300) - 37.5
                    : i % 10 == 3 ? 89.9 * (random.nextBoolean() ? 1 : -1)
                    : Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
            double r = i % 3 == 0 ? 0.002 : i % 3 == 1 ? random.nextDouble() * 0.3 : random.nextDouble() * 5;
            centres[i] = new double[] {ra, dec, r};
        }
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (double[] centre : centres) {
                double ra = centre[0];
                double dec = centre[1];
                double r = centre[2];
                String raSql = Double.toString(ra);
                String decSql = Double.toString(dec);
                int low;
                int high;
                try (ResultSet rs = st.executeQuery("SELECT " + SkyCells.rangeBound(raSql, decSql, r, false) + ", "
                        + SkyCells.rangeBound(raSql, decSql, r, true) + " FROM SYSIBM.SYSDUMMY1")) {
                    rs.next();
                    low = rs.getInt(1);
                    high = rs.getInt(2);
                }
                for (int k = 0; k < 40; k++) {
                    double[] p = ConePoints.at(ra, dec, r * (k < 20 ? 1 - 1e-12 : Math.sqrt(random.nextDouble())),
                            random.nextDouble() * 2 * Math.PI);
                    double pra = p[0];
                    double pdec = p[1];
                    int cell = SkyCells.cell(pra, pdec);
                    assertTrue(cell >= low && cell <= high, "cone " + ra + " " + dec + " " + r + ": cell " + cell
                            + " of " + pra + " " + pdec + " outside " + low + ".." + high);
                }
                if (r == 0.002 && SkyCells.zone(dec - r) == SkyCells.zone(dec + r) && ra > 1 && ra < 359
                        && Math.abs(dec) < 80) {
                    assertTrue(high - low <= 1, "a small cone inside one zone: " + low + ".." + high);
                }
            }
        }
    }
}
