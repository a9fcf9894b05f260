package meridian.sql.geom;

import java.util.ArrayList;
import java.util.List;

/**
 * The positional index of tables with a position: the sky cut into cells of
 * {@value #CELL_DEG}&deg; in RA by {@value #CELL_DEG}&deg; in Dec, numbered
 * {@code zone * RA_CELLS + raCell} where zone counts Dec bands from -90&deg;. The database keeps
 * each row's cell in a generated column ({@link #COLUMN}, see {@link #sqlExpression}) with an
 * index on it; the ADQL translator turns a cone into either a short list of cells
 * ({@code cell IN (...)}, an index probe per cell, visiting little more than the cone) or, for
 * large cones and the poles, a cell range covering the Dec band narrowed to the cone's RA span
 * by a test on the cell number alone ({@link #raWindowSql}): the index scan then reads the band,
 * but only rows under the cone go on to the exact test or, in a join, to the other table. There
 * is no cliff where the list gets too long: a cone of 2&deg; and one of 3&deg; pass the same
 * rows on. The exact geometric test is always added after the pre-filter. Stateless.
 */
public final class SkyCells {

    /** Name of the hidden generated column; it is not part of the metadata model. */
    public static final String COLUMN = "meridian_cell";
    /** Cell size in degrees. */
    public static final double CELL_DEG = 0.25;
    /** Cells per Dec band (360 / CELL_DEG). */
    public static final int RA_CELLS = 1440;
    /** Dec bands (180 / CELL_DEG). */
    public static final int ZONES = 720;
    /** Above this many cells a cone is pre-filtered by its Dec band and RA window instead. */
    public static final int MAX_LISTED_CELLS = 400;

    private SkyCells() {
    }

    /**
     * The name of the index on the sky cell of a table: letters, digits and underscores only,
     * so it can be named in an optimizer hint.
     *
     * @param schema the table's schema
     * @param table  the table's name
     * @return {@code ix_<schema>_<table>_cell}, shortened to fit Derby's 128 characters
     */
    public static String indexName(String schema, String table) {
        String base = ("ix_" + schema + "_" + table).replaceAll("[^A-Za-z0-9_]", "_");
        return (base.length() > 100 ? base.substring(0, 100) : base) + "_cell";
    }

    /**
     * The SQL expression computing the cell from the quoted RA and Dec columns; RA outside
     * [0, 360) and Dec outside [-90, 90] are clamped into the edge cells.
     */
    public static String sqlExpression(String ra, String dec) {
        return "CASE WHEN " + ra + " IS NULL OR " + dec + " IS NULL THEN NULL ELSE"
                + " CAST(CASE WHEN " + dec + " >= 90 THEN " + (ZONES - 1) + " WHEN " + dec + " <= -90 THEN 0"
                + " ELSE FLOOR((" + dec + " + 90) * " + (int) (1 / CELL_DEG) + ") END AS INTEGER) * " + RA_CELLS
                + " + CAST(CASE WHEN " + ra + " >= 360 THEN " + (RA_CELLS - 1) + " WHEN " + ra + " < 0 THEN 0"
                + " ELSE FLOOR(" + ra + " * " + (int) (1 / CELL_DEG) + ") END AS INTEGER) END";
    }

    /**
     * SQL bounds {@code low AND high} of a cell range holding every cell a cone of {@code radius}
     * degrees can reach around a centre given as SQL expressions: for {@code cell BETWEEN ...}
     * when the centre is only known row by row (a cross-match, each outer row one index range
     * scan). Cells are numbered zone by zone, so the range runs from the cone's RA span in its
     * lowest Dec zone to its RA span in its highest: for a small cone inside one zone that is
     * the one or two cells under it; a cone crossing a zone boundary also reaches the rest of
     * the lower zone and the start of the upper. Near the poles or across RA 0 the range falls
     * back to the whole Dec band.
     *
     * @param ra     SQL expression of the centre's RA, degrees
     * @param dec    SQL expression of the centre's Dec, degrees
     * @param radius cone radius, degrees
     * @return {@code "<low> AND <high>"}
     */
    public static String rangeSql(String ra, String dec, double radius) {
        return rangeBound(ra, dec, radius, false) + " AND " + rangeBound(ra, dec, radius, true);
    }

    /**
     * The RA window of a cone moving with another table's rows, as a test on the cell: the
     * range of {@link #rangeSql} runs through whole zones when the cone crosses a zone
     * boundary, and this keeps only the cells under the cone's RA span (every cell near the
     * poles or across RA 0, where the span is not one interval). Cheap integer arithmetic, tested
     * before the exact geometry.
     *
     * @param cell   SQL of the row's sky cell
     * @param ra     SQL expression of the centre's RA, degrees
     * @param dec    SQL expression of the centre's Dec, degrees
     * @param radius cone radius, degrees
     * @return a condition, or null when the cone is too wide for a window to help
     */
    public static String movingRaWindowSql(String cell, String ra, String dec, double radius) {
        double r = radius + 1e-9;
        if (r >= 45) {
            return null;
        }
        String d = "(" + dec + ")";
        String a = "(" + ra + ")";
        String half = halfWidthSql(d, r);
        String narrow = narrowSql(a, d, half, r);
        return "MOD(" + cell + ", " + RA_CELLS + ") BETWEEN CASE WHEN " + narrow + " THEN CAST(FLOOR((" + a + " - "
                + half + ") * " + (int) (1 / CELL_DEG) + ") AS INTEGER) ELSE 0 END AND CASE WHEN " + narrow
                + " THEN CAST(FLOOR((" + a + " + " + half + ") * " + (int) (1 / CELL_DEG) + ") AS INTEGER) ELSE "
                + (RA_CELLS - 1) + " END";
    }

    /**
     * The RA window of a {@link Cover} as a test on the cell ({@code cell}: its SQL), or null
     * when the cover has none (the whole ring of RA).
     */
    public static String raWindowSql(String cell, Cover cover) {
        if (cover.raFirst() < 0) {
            return null;
        }
        String raCell = "MOD(" + cell + ", " + RA_CELLS + ")";
        if (cover.raFirst() <= cover.raLast()) {
            return raCell + " BETWEEN " + cover.raFirst() + " AND " + cover.raLast();
        }
        return "(" + raCell + " >= " + cover.raFirst() + " OR " + raCell + " <= " + cover.raLast() + ")";
    }

    /** SQL of the largest RA offset on a cone, asin(sin r / cos dec), valid while |dec| + r < 90. */
    private static String halfWidthSql(String d, double r) {
        // the argument is kept in ASIN's domain also where the narrow test rejects the result
        return "(DEGREES(ASIN(CASE WHEN ABS(" + d + ") + " + r + " < 89.9 THEN " + Math.sin(Math.toRadians(r))
                + " / COS(RADIANS(" + d + ")) ELSE 0 END)) + 1e-9)";
    }

    /** SQL: the cone's RA span is one interval inside [0, 360). */
    private static String narrowSql(String a, String d, String half, double r) {
        return "ABS(" + d + ") + " + r + " < 89.9 AND " + a + " - " + half + " >= 0 AND " + a + " + " + half
                + " < 360";
    }

    /** The low or high end of {@link #rangeSql}. */
    static String rangeBound(String ra, String dec, double radius, boolean high) {
        double r = radius + 1e-9;
        String d = "(" + dec + ")";
        String a = "(" + ra + ")";
        String zone = zoneSql(d + (high ? " + " : " - ") + r) + " * " + RA_CELLS;
        if (r >= 45) {
            return high ? zone + " + " + (RA_CELLS - 1) : zone;
        }
        String half = halfWidthSql(d, r);
        String narrow = narrowSql(a, d, half, r);
        return zone + " + CASE WHEN " + narrow + " THEN CAST(FLOOR((" + a + (high ? " + " : " - ") + half + ") * "
                + (int) (1 / CELL_DEG) + ") AS INTEGER) ELSE " + (high ? RA_CELLS - 1 : 0) + " END";
    }

    private static String zoneSql(String dec) {
        return "CAST(CASE WHEN " + dec + " >= 90 THEN " + (ZONES - 1) + " WHEN " + dec + " <= -90 THEN 0"
                + " ELSE FLOOR((" + dec + " + 90) * " + (int) (1 / CELL_DEG) + ") END AS INTEGER)";
    }

    /** The cell of a position, exactly as {@link #sqlExpression} computes it. */
    public static int cell(double ra, double dec) {
        return zone(dec) * RA_CELLS + raCell(ra);
    }

    static int zone(double dec) {
        if (dec >= 90) {
            return ZONES - 1;
        }
        if (dec <= -90) {
            return 0;
        }
        return (int) Math.floor((dec + 90) * (1 / CELL_DEG));
    }

    static int raCell(double ra) {
        if (ra >= 360) {
            return RA_CELLS - 1;
        }
        if (ra < 0) {
            return 0;
        }
        return (int) Math.floor(ra * (1 / CELL_DEG));
    }

    /**
     * What a cone needs from the index: either {@code cells} (every cell a point of the cone can
     * be in) or, when that list would be long, the inclusive cell range {@code [first, last]}
     * of its Dec band and the inclusive window {@code [raFirst, raLast]} of RA cells (numbers
     * 0..{@value #RA_CELLS}-1 within a zone; {@code raFirst > raLast} when it wraps through RA 0;
     * -1 for every RA).
     *
     * @param cells null when the range is to be used
     */
    public record Cover(List<Integer> cells, int first, int last, int raFirst, int raLast) {
    }

    /** The cover of the cone of {@code radius} degrees around (ra, dec). */
    public static Cover cover(double ra, double dec, double radius) {
        // a small margin absorbs rounding in the exact test
        double r = radius + 1e-9;
        double decMin = Math.max(-90, dec - r);
        double decMax = Math.min(90, dec + r);
        int z1 = zone(decMin);
        int z2 = zone(decMax);
        Cover band = new Cover(null, z1 * RA_CELLS, z2 * RA_CELLS + RA_CELLS - 1, -1, -1);
        if (r >= 90 || decMax >= 90 - 1e-9 || decMin <= -90 + 1e-9) {
            return band;
        }
        double s = Math.sin(Math.toRadians(r)) / Math.cos(Math.toRadians(dec));
        if (s >= 1) {
            return band;
        }
        double half = Math.toDegrees(Math.asin(s)) + 1e-9;
        if (half >= 180) {
            return band;
        }
        double ra0 = ((ra % 360) + 360) % 360;
        int c1 = (int) Math.floor((ra0 - half) / CELL_DEG);
        int c2 = (int) Math.floor((ra0 + half) / CELL_DEG);
        int width = c2 - c1 + 1;
        if (width >= RA_CELLS) {
            return band;
        }
        if ((long) width * (z2 - z1 + 1) > MAX_LISTED_CELLS) {
            // a window across RA 0 wraps (and so holds RA 360, stored in the last cell, as the list does)
            boolean wraps = c1 < 0 || c2 >= RA_CELLS;
            return new Cover(null, band.first(), band.last(), wraps ? Math.floorMod(c1, RA_CELLS) : c1,
                    wraps ? Math.floorMod(c2, RA_CELLS) : c2);
        }
        List<Integer> cells = new ArrayList<>();
        for (int z = z1; z <= z2; z++) {
            for (int c = c1; c <= c2; c++) {
                int wrapped = ((c % RA_CELLS) + RA_CELLS) % RA_CELLS;
                cells.add(z * RA_CELLS + wrapped);
            }
            // RA of exactly 360 is stored in the last cell; a cone touching 0 must see it
            if (c1 < 0 || c2 >= RA_CELLS) {
                cells.add(z * RA_CELLS + RA_CELLS - 1);
                cells.add(z * RA_CELLS);
            }
        }
        return new Cover(cells.stream().distinct().sorted().toList(), 0, 0, -1, -1);
    }
}
