package meridian.adql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;

/**
 * The catalogue the ADQL conformance cases ({@code conformance/*.txt}) query, schema {@code conf}:
 * <ul>
 * <li>{@code conf.cat}: {@link #CAT}, eight objects with positions at RA=0 and RA=359.99, near
 *     both poles, NULLs, non-ASCII names and 64-bit IDs beyond 2<sup>53</sup>;</li>
 * <li>{@code conf.obs}: {@link #OBS}, observations of some of them (column {@code id} names the
 *     object, so {@code USING (id)} and {@code NATURAL} joins work), one of an unknown object;</li>
 * <li>{@code conf.grid}: a point every 10&deg; in RA and Dec ({@link #grid}), for positional
 *     queries whose expected counts the test computes.</li>
 * </ul>
 */
final class ConformanceCatalogue {

    /** A row of conf.cat. */
    record Star(long id, double ra, double dec, Double mag, Integer n, String name, String cls) {
    }

    /** A row of conf.obs. */
    record Obs(int oid, long id, String band) {
    }

    static final List<Star> CAT = List.of(
            new Star(9007199254740993L, 0.0, 0.0, 10.5, 3, "Alpha", "star"),
            new Star(9007199254740994L, 359.99, 0.01, 11.25, -4, "Zürich", "star"),
            new Star(9007199254740995L, 180.0, 89.99, null, 7, "東京", "galaxy"),
            new Star(2L, 45.0, -89.99, 9.75, null, "a–b", "galaxy"),
            new Star(3L, 120.5, 30.25, 12.5, 10, "✓ ok", "qso"),
            new Star(4L, 250.0, -45.5, 13.0, 0, null, "star"),
            new Star(-5L, 10.0, 20.0, 8.5, 2, "O'Brien", "star"),
            new Star(Long.MAX_VALUE, 300.0, -10.0, 14.75, 100, "Ω€é", null));

    static final List<Obs> OBS = List.of(
            new Obs(1, 9007199254740993L, "V"),
            new Obs(2, 9007199254740993L, "R"),
            new Obs(3, 3L, "V"),
            new Obs(4, 999L, "K"));

    private ConformanceCatalogue() {
    }

    /** The grid's points: (RA, Dec) for RA 0, 10, ..., 350 and Dec -90, -80, ..., 90. */
    static List<double[]> grid() {
        List<double[]> points = new ArrayList<>();
        for (int dec = -90; dec <= 90; dec += 10) {
            for (int ra = 0; ra < 360; ra += 10) {
                points.add(new double[] {ra, dec});
            }
        }
        return points;
    }

    static Schema schema() {
        Table cat = new Table("conf", "cat", "table", "Objects with known values", null, List.of(
                Column.of("id", Datatype.LONG).notNull().build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").ucd("pos.eq.ra;meta.main").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").ucd("pos.eq.dec;meta.main").build(),
                Column.of("mag", Datatype.DOUBLE).unit("mag").build(),
                Column.of("n", Datatype.INT).build(),
                Column.of("name", Datatype.UNICODE_CHAR).arraysize("*").build(),
                Column.of("cls", Datatype.CHAR).arraysize("*").build()),
                List.of("id"), List.of(), 1, new Table.Position("ra", "dec"));
        Table obs = new Table("conf", "obs", "table", "Observations of some objects", null, List.of(
                Column.of("oid", Datatype.INT).notNull().build(),
                Column.of("id", Datatype.LONG).notNull().build(),
                Column.of("band", Datatype.CHAR).arraysize("*").build()),
                List.of("oid"), List.of(), 2, null);
        Table grid = new Table("conf", "grid", "table", "A point every 10 degrees", null, List.of(
                Column.of("gid", Datatype.INT).notNull().build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").ucd("pos.eq.ra;meta.main").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").ucd("pos.eq.dec;meta.main").build()),
                List.of("gid"), List.of(), 3, new Table.Position("ra", "dec"));
        return new Schema("conf", "ADQL conformance catalogue", null, List.of(cat, obs, grid), 10);
    }

    static void fill(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"conf\".\"cat\" (\"id\", \"ra\", \"dec\", \"mag\","
                + " \"n\", \"name\", \"cls\") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Star s : CAT) {
                ps.setLong(1, s.id());
                ps.setDouble(2, s.ra());
                ps.setDouble(3, s.dec());
                if (s.mag() == null) {
                    ps.setNull(4, Types.DOUBLE);
                } else {
                    ps.setDouble(4, s.mag());
                }
                if (s.n() == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setInt(5, s.n());
                }
                ps.setString(6, s.name());
                ps.setString(7, s.cls());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO \"conf\".\"obs\" (\"oid\", \"id\", \"band\") VALUES (?, ?, ?)")) {
            for (Obs o : OBS) {
                ps.setInt(1, o.oid());
                ps.setLong(2, o.id());
                ps.setString(3, o.band());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO \"conf\".\"grid\" (\"gid\", \"ra\", \"dec\") VALUES (?, ?, ?)")) {
            int gid = 0;
            for (double[] p : grid()) {
                ps.setInt(1, ++gid);
                ps.setDouble(2, p[0]);
                ps.setDouble(3, p[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
