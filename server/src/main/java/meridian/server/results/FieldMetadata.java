package meridian.server.results;

import meridian.sql.model.Column;
import meridian.sql.model.Datatype;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.votable.VOStarTable;

/** Turns a metadata-model column into the STIL column description a writer turns into a FIELD. */
public final class FieldMetadata {

    private FieldMetadata() {
    }

    /** The STIL description of a result column called {@code name} with {@code column}'s metadata. */
    public static ColumnInfo toColumnInfo(String name, Column column) {
        ColumnInfo info = new ColumnInfo(name, contentClass(column), column.description());
        info.setUnitString(column.unit());
        info.setUCD(column.ucd());
        info.setUtype(column.utype());
        info.setXtype(column.xtype());
        info.setNullable(column.nullable());
        if (column.datatype() == Datatype.UNICODE_CHAR) {
            // STIL writes text as char (ASCII) unless told: unicodeChar is UCS-2 in BINARY/BINARY2
            info.setAuxDatum(new DescribedValue(VOStarTable.DATATYPE_INFO, "unicodeChar"));
        }
        if (column.datatype().isText()) {
            int n = column.maxLength();
            if (n > 0 && !column.isVariableText()) {
                info.setElementSize(n);
            }
        } else if (column.arraysize() != null) {
            int n = column.maxLength();
            info.setShape(new int[] {n > 0 && !column.arraysize().endsWith("*") ? n : -1});
        }
        return info;
    }

    private static Class<?> contentClass(Column c) {
        boolean array = c.arraysize() != null && !c.datatype().isText();
        return switch (c.datatype()) {
            case BOOLEAN -> array ? boolean[].class : Boolean.class;
            case SHORT -> array ? short[].class : Short.class;
            case INT -> array ? int[].class : Integer.class;
            case LONG -> array ? long[].class : Long.class;
            case FLOAT -> array ? float[].class : Float.class;
            case DOUBLE -> array ? double[].class : Double.class;
            case CHAR, UNICODE_CHAR -> String.class;
        };
    }
}
