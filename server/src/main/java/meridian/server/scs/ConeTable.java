package meridian.server.scs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import meridian.sql.model.Column;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;

/**
 * A table a cone search can serve: a model table with a declared ICRS position and a column that
 * identifies its rows (SCS 1.03's {@code ID_MAIN}): the column whose UCD says {@code meta.id} and
 * {@code meta.main}, else the table's single primary-key column. A positional table with neither
 * has no cone search (the registry and {@code /scs} leave it out). Immutable.
 *
 * @param table the model table
 * @param id    the row identifier column
 * @param ra    the right ascension column (degrees, ICRS)
 * @param dec   the declination column (degrees, ICRS)
 */
public record ConeTable(Table table, Column id, Column ra, Column dec) {

    /** The cone search of {@code table}, or empty when it has no position or no identifier column. */
    public static Optional<ConeTable> of(Table table) {
        if (table.position() == null) {
            return Optional.empty();
        }
        Optional<Column> ra = table.column(table.position().raColumn());
        Optional<Column> dec = table.column(table.position().decColumn());
        Optional<Column> id = table.columns().stream().filter(c -> isMainId(c.ucd())).findFirst()
                .or(() -> table.primaryKey().size() == 1 ? table.column(table.primaryKey().get(0)) : Optional.empty());
        if (ra.isEmpty() || dec.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConeTable(table, id.get(), ra.get(), dec.get()));
    }

    /** Every table of {@code model} a cone search serves, in model order. */
    public static Stream<ConeTable> all(MetadataModel model) {
        return model.tables().map(ConeTable::of).flatMap(Optional::stream);
    }

    /** The cone search of the table called {@code qualifiedName} (case-insensitive), if it has one. */
    public static Optional<ConeTable> named(MetadataModel model, String qualifiedName) {
        return model.table(qualifiedName).flatMap(ConeTable::of);
    }

    /** {@code schema.table} as ADQL and the {@code /scs/} path write it. */
    public String name() {
        return table.qualifiedName();
    }

    /**
     * The columns returned for a VERB value (SCS 1.03 section 2): 1 the identifier and the
     * position; 2 the table's principal columns (all of them when none is principal); 3 every
     * column. The identifier and position are always included, in table order otherwise.
     */
    public List<Column> columns(int verb) {
        if (verb <= 1) {
            return List.of(id, ra, dec);
        }
        boolean anyPrincipal = table.columns().stream().anyMatch(Column::principal);
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (verb >= 3 || !anyPrincipal || c.principal() || c == id || c == ra || c == dec) {
                out.add(c);
            }
        }
        return out;
    }

    /** A UCD naming a main identifier: UCD1+ {@code meta.id;meta.main} (any order) or UCD1 {@code ID_MAIN}. */
    static boolean isMainId(String ucd) {
        if (ucd == null) {
            return false;
        }
        List<String> words = Arrays.stream(ucd.split(";")).map(w -> w.trim().toLowerCase(Locale.ROOT)).toList();
        return words.contains("id_main") || words.contains("meta.id") && words.contains("meta.main");
    }
}
