package meridian.server.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * CSV (RFC 4180, with a header line) and TSV (IANA text/tab-separated-values) results. Arrays
 * are written space-separated, as DALI serialises them; NULL is an empty field. The query status
 * travels in the HTTP headers and trailers only.
 */
public final class TextResultWriter implements ResultWriter {

    private final char separator;

    private TextResultWriter(char separator) {
        this.separator = separator;
    }

    public static TextResultWriter csv() {
        return new TextResultWriter(',');
    }

    public static TextResultWriter tsv() {
        return new TextResultWriter('\t');
    }

    @Override
    public void write(QueryResultTable table, ResultContext context, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int n = table.getColumnCount();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                w.write(separator);
            }
            w.write(field(table.getColumnInfo(i).getName()));
        }
        w.write(separator == ',' ? "\r\n" : "\n");
        try (RowSequence rows = table.getRowSequence()) {
            while (rows.next()) {
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        w.write(separator);
                    }
                    w.write(field(format(table.getColumnInfo(i), rows.getCell(i))));
                }
                w.write(separator == ',' ? "\r\n" : "\n");
            }
        }
        w.flush();
    }

    private static String format(ColumnInfo info, Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            StringBuilder sb = new StringBuilder();
            int len = java.lang.reflect.Array.getLength(value);
            for (int i = 0; i < len; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(java.lang.reflect.Array.get(value, i));
            }
            return sb.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return value.toString();
        }
        return info.formatValue(value, Integer.MAX_VALUE);
    }

    private String field(String s) {
        if (separator == '\t') {
            // TSV has no quoting: tabs and line ends inside values become spaces
            return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
