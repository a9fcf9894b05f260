package meridian.ingest.catalogue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import meridian.ingest.CollectionDefinitionException;
import meridian.sql.geom.SkyCells;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import meridian.sql.model.ForeignKey;
import meridian.sql.model.ReservedWords;
import meridian.sql.model.Table;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * The published table of a catalogue: the columns of its first source file (minus the excluded
 * ones), with the metadata the file declares overridden by the definition, and how each file
 * column becomes a stored value. Later files must have every published column (by name, in any
 * order). One-dimensional arrays of numbers or booleans (FITS {@code TFORM 5E}, VOTable
 * {@code arraysize} on a number) are published with their datatype and arraysize; other
 * array-valued columns (several dimensions, arrays of text) are skipped and listed with the reason.
 * Immutable.
 *
 * @param table     the model table (stored name not yet chosen)
 * @param fileNames file column name of each published column, in order
 * @param binders   converter of each published column, in order
 * @param skipped   file columns left out without being excluded, each with the reason
 */
record TableDesign(Table table, List<String> fileNames, List<ValueBinder> binders, List<String> skipped) {

    /**
     * Designs the table from the definition and the first source file.
     *
     * @param typesGuessed the file's column types are guesses from its values (CSV): numbers are
     *                     then published wide ({@code long}, {@code double}) unless the definition
     *                     gives a datatype, since later files (or a re-load) of the same catalogue
     *                     may hold values the first file's range would not fit
     */
    static TableDesign of(CatalogueDefinition def, Path firstFile, StarTable first, boolean typesGuessed)
            throws CollectionDefinitionException {
        Set<String> excluded = new HashSet<>();
        def.exclude().forEach(e -> excluded.add(e.toLowerCase(Locale.ROOT)));
        Map<String, ColumnInfo> infos = new HashMap<>();
        for (int i = 0; i < first.getColumnCount(); i++) {
            infos.put(first.getColumnInfo(i).getName().toLowerCase(Locale.ROOT), first.getColumnInfo(i));
        }
        for (String named : def.columns().keySet()) {
            if (!infos.containsKey(named.toLowerCase(Locale.ROOT))) {
                throw fail(def, "columns." + named + ": " + firstFile + " has no column " + named + " (it has "
                        + String.join(", ", columnNames(first)) + ")");
            }
        }
        for (String named : def.exclude()) {
            if (!infos.containsKey(named.toLowerCase(Locale.ROOT))) {
                throw fail(def, "exclude_columns: " + firstFile + " has no column " + named);
            }
        }
        List<Column> columns = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> indexed = new HashSet<>();
        def.indexes().forEach(c -> indexed.add(c.toLowerCase(Locale.ROOT)));
        for (int i = 0; i < first.getColumnCount(); i++) {
            ColumnInfo info = first.getColumnInfo(i);
            String fileName = info.getName();
            if (excluded.contains(fileName.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String unsupported = isArray(info) ? unsupportedArray(info) : null;
            if (unsupported != null) {
                if (hasSpec(def, fileName)) {
                    throw fail(def, "columns." + fileName + ": " + fileName + " holds " + unsupported + " ("
                            + arrayType(info) + "), which catalogues do not publish: remove columns." + fileName
                            + " (the column is then skipped) or list it in exclude_columns");
                }
                skipped.add(fileName + " (" + arrayType(info) + "): " + unsupported + " are not published");
                continue;
            }
            CatalogueDefinition.ColumnSpec spec = spec(def, fileName);
            String name = spec.name() != null ? spec.name() : fileName;
            if (!CatalogueDefinitionReader.IDENTIFIER.matcher(name).matches()) {
                throw fail(def, "column '" + fileName + "' of " + firstFile + " is not an ADQL identifier: rename it"
                        + " (columns." + fileName + ".name) or leave it out (exclude_columns)");
            }
            if (name.equalsIgnoreCase(SkyCells.COLUMN)) {
                throw fail(def, "column name " + name + " is reserved for Meridian's positional index");
            }
            Datatype type = spec.datatype() != null ? Datatype.fromVoName(spec.datatype())
                    : typesGuessed ? widened(datatype(def, info)) : datatype(def, info);
            // a reserved word is published delimited ("size"), the database column keeps the name
            Column.Builder b = Column.of(ReservedWords.published(name), type)
                    .unit(first(spec.unit(), info.getUnitString()))
                    .ucd(first(spec.ucd(), info.getUCD()))
                    .utype(first(spec.utype(), info.getUtype()))
                    .description(first(spec.description(), info.getDescription()))
                    .principal(Boolean.TRUE.equals(spec.principal()))
                    .indexed(Boolean.TRUE.equals(spec.indexed()) || indexed.remove(name.toLowerCase(Locale.ROOT)));
            String xtype = first(spec.xtype(), "timestamp".equals(info.getXtype()) ? "timestamp" : null);
            if (isArray(info)) {
                if (type.isText() || spec.arraysize() != null || xtype != null) {
                    throw fail(def, "columns." + fileName + ": " + fileName + " holds arrays (" + arrayType(info)
                            + "): its datatype must be a number or boolean type, and its arraysize and xtype"
                            + " come from the file");
                }
                int n = info.getShape() == null || info.getShape().length == 0 ? -1 : info.getShape()[0];
                b.arraysize(n > 0 ? Integer.toString(n) : "*");
            } else if (xtype != null) {
                b.xtype(xtype).arraysize("*");
                if (!type.isText()) {
                    throw fail(def, "columns." + fileName + ".xtype: a timestamp is stored from text (datatype char)");
                }
            } else if (type.isText()) {
                b.arraysize(spec.arraysize() != null ? spec.arraysize() : arraysize(info));
            } else if (spec.arraysize() != null) {
                throw fail(def, "columns." + fileName + ".arraysize: only text columns have an arraysize here");
            }
            columns.add(b.build());
            fileNames.add(fileName);
        }
        for (Column c : columns) {
            if (c.isArray() && (c.indexed() || def.primaryKey().stream().anyMatch(k -> named(c, k))
                    || (def.position() != null && (named(c, def.position().ra()) || named(c, def.position().dec()))))) {
                throw fail(def, "column " + c.dbName() + " holds arrays: it cannot be indexed, a key or a position");
            }
        }
        if (!indexed.isEmpty()) {
            throw fail(def, "indexes: no published column " + String.join(", ", indexed));
        }
        List<ForeignKey> keys = new ArrayList<>();
        int n = 0;
        for (CatalogueDefinition.KeySpec k : def.foreignKeys()) {
            List<ForeignKey.ColumnPair> pairs = new ArrayList<>();
            k.columns().forEach((from, to) -> pairs.add(new ForeignKey.ColumnPair(published(columns, from),
                    ReservedWords.published(to))));
            keys.add(new ForeignKey(def.qualifiedName() + "_fk" + ++n, k.target(), pairs, k.description()));
        }
        List<String> pk = new ArrayList<>();
        for (String k : def.primaryKey()) {
            pk.add(requirePublished(def, columns, k, "primary_key"));
        }
        Table table = new Table(def.schema(), def.table(), "table", def.description(), null, columns, pk, keys,
                def.tableIndex(), null);
        if (def.position() != null) {
            String ra = requirePublished(def, columns, def.position().ra(), "position.ra");
            String dec = requirePublished(def, columns, def.position().dec(), "position.dec");
            for (String c : List.of(ra, dec)) {
                if (!table.column(c).orElseThrow().datatype().isNumeric()) {
                    throw fail(def, "position: column " + c + " is not numeric");
                }
            }
            table = table.withPosition(ra, dec);
        }
        List<ValueBinder> binders = new ArrayList<>();
        for (Column c : columns) {
            binders.add(new ValueBinder(c, pk.contains(c.name())));
        }
        return new TableDesign(table, List.copyOf(fileNames), List.copyOf(binders), List.copyOf(skipped));
    }

    /**
     * {@code loaded} (this design's table, perhaps renamed) with each {@code char} column that
     * received a non-ASCII value declared {@code unicodeChar}: VOTable {@code char} is ASCII, and
     * clients (astropy, pyvo) fail on other bytes there. Call after every row is converted.
     */
    Table withTextAsLoaded(Table loaded) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < loaded.columns().size(); i++) {
            Column c = loaded.columns().get(i);
            if (c.datatype() == Datatype.CHAR && c.xtype() == null && binders.get(i).sawNonAscii()) {
                c = new Column(c.name(), Datatype.UNICODE_CHAR, c.arraysize(), c.xtype(), c.unit(), c.ucd(), c.utype(),
                        c.description(), c.principal(), c.indexed(), c.std(), c.nullable());
            }
            out.add(c);
        }
        return new Table(loaded.schema(), loaded.name(), loaded.type(), loaded.description(), loaded.utype(), out,
                loaded.primaryKey(), loaded.foreignKeys(), loaded.tableIndex(), loaded.position(), loaded.storedName());
    }

    /**
     * Where each published column is in {@code file}'s table.
     *
     * @throws CatalogueLoadException naming the file and the first missing column
     */
    int[] locate(Path file, StarTable t) throws CatalogueLoadException {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            at.putIfAbsent(t.getColumnInfo(i).getName().toLowerCase(Locale.ROOT), i);
        }
        int[] out = new int[fileNames.size()];
        for (int i = 0; i < out.length; i++) {
            Integer j = at.get(fileNames.get(i).toLowerCase(Locale.ROOT));
            if (j == null) {
                throw new CatalogueLoadException(file, 0, fileNames.get(i), "missing column (the catalogue's first"
                        + " file has it; every file must)");
            }
            out[i] = j;
        }
        return out;
    }

    private static CatalogueDefinition.ColumnSpec spec(CatalogueDefinition def, String fileName) {
        for (Map.Entry<String, CatalogueDefinition.ColumnSpec> e : def.columns().entrySet()) {
            if (e.getKey().equalsIgnoreCase(fileName)) {
                return e.getValue();
            }
        }
        return new CatalogueDefinition.ColumnSpec(null, null, null, null, null, null, null, null, null, null);
    }

    /** A column of number, boolean or text arrays (a text column, a char array in FITS, is a scalar). */
    private static boolean isArray(ColumnInfo info) {
        Class<?> c = info.getContentClass();
        return c.isArray() && c != char[].class;
    }

    /** Why an array column cannot be published, or null when it can (one dimension of numbers or booleans). */
    private static String unsupportedArray(ColumnInfo info) {
        if (Datatype.forScalarClass(box(info.getContentClass().getComponentType())).filter(d -> !d.isText()).isEmpty()) {
            return "arrays of " + info.getContentClass().getComponentType().getSimpleName();
        }
        if (info.getShape() != null && info.getShape().length > 1) {
            return "arrays of more than one dimension";
        }
        return null;
    }

    private static Class<?> box(Class<?> c) {
        if (c == boolean.class) {
            return Boolean.class;
        } else if (c == byte.class || c == short.class) {
            return c == byte.class ? Byte.class : Short.class;
        } else if (c == int.class) {
            return Integer.class;
        } else if (c == long.class) {
            return Long.class;
        } else if (c == float.class) {
            return Float.class;
        } else if (c == double.class) {
            return Double.class;
        }
        return c;
    }

    /** {@code float[5]}, {@code double[*]}, {@code short[2x3]}. */
    private static String arrayType(ColumnInfo info) {
        int[] shape = info.getShape();
        StringBuilder dims = new StringBuilder();
        if (shape == null || shape.length == 0) {
            dims.append('*');
        } else {
            for (int i = 0; i < shape.length; i++) {
                dims.append(i == 0 ? "" : "x").append(shape[i] < 0 ? "*" : Integer.toString(shape[i]));
            }
        }
        return info.getContentClass().getComponentType().getSimpleName() + "[" + dims + "]";
    }

    private static boolean hasSpec(CatalogueDefinition def, String fileName) {
        return def.columns().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(fileName));
    }

    private static String published(List<Column> columns, String name) {
        return columns.stream().filter(c -> named(c, name)).map(Column::name).findFirst().orElse(name);
    }

    private static String requirePublished(CatalogueDefinition def, List<Column> columns, String name, String key)
            throws CollectionDefinitionException {
        return columns.stream().filter(c -> named(c, name)).map(Column::name).findFirst()
                .orElseThrow(() -> fail(def, key + ": no published column " + name));
    }

    /** The definition names a column as the file does ({@code size}) or as it is published ({@code "size"}). */
    private static boolean named(Column c, String name) {
        return c.name().equalsIgnoreCase(name) || c.dbName().equalsIgnoreCase(name);
    }

    private static Datatype datatype(CatalogueDefinition def, ColumnInfo info) throws CollectionDefinitionException {
        Class<?> c = isArray(info) ? box(info.getContentClass().getComponentType()) : info.getContentClass();
        if (!isArray(info) && "unicodeChar".equals(
                info.getAuxDatumValue(uk.ac.starlink.votable.VOStarTable.DATATYPE_INFO, String.class))) {
            // a VOTable's own unicodeChar column keeps it
            return Datatype.UNICODE_CHAR;
        }
        return Datatype.forScalarClass(c).orElseThrow(() -> fail(def, "column " + info.getName() + " holds "
                + (c.isArray() ? "arrays" : c.getSimpleName())
                + "; catalogues take numbers, booleans and text: leave it out (exclude_columns)"));
    }

    /** The type a guessed number column is published with: 64-bit integers, double precision. */
    static Datatype widened(Datatype guessed) {
        return switch (guessed) {
            case SHORT, INT -> Datatype.LONG;
            case FLOAT -> Datatype.DOUBLE;
            default -> guessed;
        };
    }

    private static String arraysize(ColumnInfo info) {
        if (info.getContentClass() == Character.class) {
            return "1";
        }
        int n = info.getElementSize();
        return n > 0 ? n + "*" : "*";
    }

    private static List<String> columnNames(StarTable t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            out.add(t.getColumnInfo(i).getName());
        }
        return out;
    }

    private static String first(String a, String b) {
        return a != null ? a : (b == null || b.isBlank() ? null : b);
    }

    private static CollectionDefinitionException fail(CatalogueDefinition def, String reason) {
        return new CollectionDefinitionException(def.file(), reason);
    }
}
