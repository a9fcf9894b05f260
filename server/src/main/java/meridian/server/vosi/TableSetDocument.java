package meridian.server.vosi;

import static meridian.server.http.ErrorDocument.escape;

import meridian.sql.model.Column;
import meridian.sql.model.ForeignKey;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;
import meridian.sql.model.Table;

/**
 * VOSI 1.1 tables documents (VODataService 1.2 types) generated from the metadata model:
 * the whole tableset, with or without columns ({@code detail=min}), and single tables.
 */
public final class TableSetDocument {

    private static final String NAMESPACES = " xmlns:vosi=\"http://www.ivoa.net/xml/VOSITables/v1.0\""
            + " xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private TableSetDocument() {
    }

    /** The {@code vosi:tableset} of the whole model; {@code withColumns=false} for detail=min. */
    public static String tableset(MetadataModel model, boolean withColumns) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<vosi:tableset").append(NAMESPACES).append(">\n");
        schemas(sb, model, "  ", withColumns);
        sb.append("</vosi:tableset>\n");
        return sb.toString();
    }

    /**
     * The {@code tableset} element of a registry record (VODataService 1.2 {@code vs:TableSet},
     * unqualified), with columns: the same schemas and tables as the VOSI document.
     *
     * @param indent the element's indentation
     */
    public static String tablesetElement(MetadataModel model, String indent) {
        StringBuilder sb = new StringBuilder();
        sb.append(indent).append("<tableset>\n");
        schemas(sb, model, indent + "  ", true);
        sb.append(indent).append("</tableset>\n");
        return sb.toString();
    }

    private static void schemas(StringBuilder sb, MetadataModel model, String indent, boolean withColumns) {
        String in = indent + "  ";
        for (Schema s : model.schemas()) {
            sb.append(indent).append("<schema>\n").append(in).append("<name>").append(escape(s.name()))
                    .append("</name>\n");
            optional(sb, in, "description", s.description());
            optional(sb, in, "utype", s.utype());
            for (Table t : s.tables()) {
                table(sb, t, in, "table", withColumns);
            }
            sb.append(indent).append("</schema>\n");
        }
    }

    /** The {@code vosi:table} document of one table. */
    public static String table(Table table) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        StringBuilder inner = new StringBuilder();
        table(inner, table, "", "vosi:table", true);
        // put the namespace declarations on the root element
        sb.append(inner.toString().replaceFirst("<vosi:table", "<vosi:table" + NAMESPACES));
        return sb.toString();
    }

    private static void table(StringBuilder sb, Table t, String indent, String element, boolean withColumns) {
        sb.append(indent).append('<').append(element).append(" type=\"").append(escape(t.type())).append("\">\n");
        String in = indent + "  ";
        sb.append(in).append("<name>").append(escape(t.qualifiedName())).append("</name>\n");
        optional(sb, in, "description", t.description());
        optional(sb, in, "utype", t.utype());
        if (withColumns) {
            for (Column c : t.columns()) {
                column(sb, c, t, in);
            }
            for (ForeignKey fk : t.foreignKeys()) {
                sb.append(in).append("<foreignKey>\n");
                sb.append(in).append("  <targetTable>").append(escape(fk.targetTable())).append("</targetTable>\n");
                for (ForeignKey.ColumnPair p : fk.columns()) {
                    sb.append(in).append("  <fkColumn><fromColumn>").append(escape(p.fromColumn()))
                            .append("</fromColumn><targetColumn>").append(escape(p.targetColumn()))
                            .append("</targetColumn></fkColumn>\n");
                }
                optional(sb, in + "  ", "description", fk.description());
                sb.append(in).append("</foreignKey>\n");
            }
        }
        sb.append(indent).append("</").append(element).append(">\n");
    }

    private static void column(StringBuilder sb, Column c, Table t, String indent) {
        sb.append(indent).append(c.std() ? "<column std=\"true\">\n" : "<column>\n");
        String in = indent + "  ";
        sb.append(in).append("<name>").append(escape(c.name())).append("</name>\n");
        optional(sb, in, "description", c.description());
        optional(sb, in, "unit", c.unit());
        optional(sb, in, "ucd", c.ucd());
        optional(sb, in, "utype", c.utype());
        sb.append(in).append("<dataType xsi:type=\"vs:VOTableType\"");
        if (c.arraysize() != null) {
            sb.append(" arraysize=\"").append(escape(c.arraysize())).append('"');
        }
        if (c.xtype() != null) {
            sb.append(" extendedType=\"").append(escape(c.xtype())).append('"');
        }
        sb.append('>').append(c.datatype().voName()).append("</dataType>\n");
        if (c.indexed()) {
            sb.append(in).append("<flag>indexed</flag>\n");
        }
        if (t.primaryKey().contains(c.name())) {
            sb.append(in).append("<flag>primary</flag>\n");
        }
        if (c.nullable()) {
            sb.append(in).append("<flag>nullable</flag>\n");
        }
        sb.append(indent).append("</column>\n");
    }

    private static void optional(StringBuilder sb, String indent, String element, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append(indent).append('<').append(element).append('>').append(escape(value))
                    .append("</").append(element).append(">\n");
        }
    }
}
