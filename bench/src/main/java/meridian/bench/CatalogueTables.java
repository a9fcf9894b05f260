package meridian.bench;

import java.util.List;
import java.util.Locale;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;

/**
 * The metadata of the generated benchmark catalogues: schema {@value #SCHEMA}, one table per
 * size ({@code cat_1e5}, {@code cat_1e6}...), each with a declared position so that the backend
 * adds its sky-cell index. Stateless.
 */
public final class CatalogueTables {

    /** Schema of the benchmark tables. */
    public static final String SCHEMA = "bench";

    private CatalogueTables() {
    }

    /** {@code cat_1e6} for 1,000,000 rows; {@code cat_123} for sizes that are not powers of ten. */
    public static String tableName(long rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("a catalogue needs at least one row, not " + rows);
        }
        int exp = 0;
        long n = rows;
        while (n % 10 == 0) {
            n /= 10;
            exp++;
        }
        return n == 1 ? "cat_1e" + exp : "cat_" + rows;
    }

    /** The qualified ADQL name of the catalogue of {@code rows} rows. */
    public static String qualifiedName(long rows) {
        return SCHEMA + "." + tableName(rows);
    }

    /** Parses {@code 1e5}, {@code 100000} or {@code 1_000_000} into a row count. */
    public static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            long v = t.contains("e") ? (long) Double.parseDouble(t) : Long.parseLong(t);
            if (v <= 0 || (t.contains("e") && Double.parseDouble(t) != v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a table size: '" + text + "' (write 1e5, 1e6 or a row count)");
        }
    }

    /** The table of {@code rows} rows. */
    public static Table table(long rows) {
        List<Column> columns = List.of(
                Column.of("id", Datatype.LONG).ucd("meta.id;meta.main").principal().notNull()
                        .description("row number, 0-based").build(),
                Column.of("ra", Datatype.DOUBLE).unit("deg").ucd("pos.eq.ra;meta.main").principal().notNull()
                        .description("right ascension (ICRS), uniform on the sphere").build(),
                Column.of("dec", Datatype.DOUBLE).unit("deg").ucd("pos.eq.dec;meta.main").principal().notNull()
                        .description("declination (ICRS), uniform on the sphere").build(),
                Column.of("mag", Datatype.FLOAT).unit("mag").ucd("phot.mag").principal()
                        .description("magnitude, uniform in [12, 20)").build(),
                Column.of("flux", Datatype.DOUBLE).unit("mJy").ucd("phot.flux.density")
                        .description("flux density matching mag").build(),
                Column.of("kind", Datatype.SHORT).ucd("src.class").description("class code, 0 to 4").build(),
                Column.of("name", Datatype.CHAR).arraysize("24*").ucd("meta.id").description("source name").build());
        return new Table(SCHEMA, tableName(rows), "table", "Generated benchmark catalogue of " + rows + " rows",
                null, columns, List.of("id"), List.of(), 0, null).withPosition("ra", "dec");
    }

    /** The schema holding the catalogues of the given sizes. */
    public static Schema schema(List<Long> sizes) {
        return new Schema(SCHEMA, "Generated catalogues for ./meridian bench", null,
                sizes.stream().distinct().sorted().map(CatalogueTables::table).toList(), 90);
    }
}
