package meridian.adql;

import adql.db.exception.UnresolvedColumnException;
import adql.db.exception.UnresolvedIdentifiersException;
import adql.db.exception.UnresolvedTableException;
import adql.parser.ADQLParser;
import adql.parser.grammar.ParseException;
import adql.query.ADQLObject;
import adql.query.ADQLSet;
import adql.query.TextPosition;
import adql.query.from.ADQLTable;
import adql.search.SimpleSearchHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import meridian.sql.model.Column;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Table;

/**
 * Turns ADQLlib's exceptions into {@link AdqlException}s whose messages say what is wrong,
 * where (line and column, 1-based), and what exists instead.
 */
final class AdqlErrors {

    private static final int MAX_EXPECTED = 12;
    private static final int MAX_LISTED = 25;

    /** A token of ADQLlib's "was expecting" list: a quoted keyword (with \\-escapes) or a {@code <KIND>}. */
    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|<[^>]+>");

    private AdqlErrors() {
    }

    /** Grammar token names in words a user understands. */
    private static String readable(String token) {
        return switch (token) {
            case "<REGULAR_IDENTIFIER_CANDIDATE>" -> "a name";
            case "\"\\\"\"" -> "a \"quoted name\"";
            case "\"\\'\"" -> "a 'string'";
            case "<UNSIGNED_INTEGER>", "<UNSIGNED_FLOAT>", "<SCIENTIFIC_NUMBER>" -> "a number";
            case "<NOT_EQUAL>" -> "\"<>\"";
            case "<EOF>" -> "the end of the query";
            default -> token;
        };
    }

    /** A syntax error: "Syntax error at line 2, column 13: encountered "x"; expected one of: ...". */
    static AdqlException syntax(ParseException e) {
        TextPosition pos = e.getPosition();
        String raw = e.getMessage() == null ? "" : e.getMessage().trim();
        String hint = "";
        int h = raw.indexOf("(HINT:");
        if (h >= 0) {
            hint = " " + raw.substring(h).replaceAll("\\s+", " ");
            raw = raw.substring(0, h).trim();
        }
        String text;
        int w = raw.indexOf("Was expecting");
        if (w >= 0) {
            String found = raw.substring(0, w).trim();
            if (found.endsWith(".")) {
                found = found.substring(0, found.length() - 1);
            }
            String list = raw.substring(raw.indexOf(':', w) + 1).trim();
            Set<String> expected = new LinkedHashSet<>();
            java.util.regex.Matcher m = TOKEN.matcher(list);
            while (m.find()) {
                expected.add(readable(m.group()));
            }
            List<String> shown = new ArrayList<>(expected).subList(0, Math.min(MAX_EXPECTED, expected.size()));
            text = lowerFirst(found) + "; expected " + (expected.size() == 1 ? "" : "one of: ")
                    + String.join(", ", shown) + (expected.size() > MAX_EXPECTED ? ", ..." : "");
        } else {
            text = lowerFirst(raw.replaceAll("\\s+", " "));
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (pos != null && pos.beginLine > 0) {
            return new AdqlException("ADQL syntax error at line " + pos.beginLine + ", column " + pos.beginColumn
                    + ": " + text + "." + hint, pos.beginLine, pos.beginColumn, e);
        }
        // lexical errors carry their position in the text only
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("l\\.(\\d+), c\\.(\\d+)").matcher(text);
        if (at.find()) {
            int line = Integer.parseInt(at.group(1));
            int column = Integer.parseInt(at.group(2));
            return new AdqlException("ADQL syntax error at line " + line + ", column " + column + ": " + text + "."
                    + hint, line, column, e);
        }
        return new AdqlException("ADQL syntax error: " + text + "." + hint, -1, -1, e);
    }

    /**
     * Unknown tables, columns, functions and unsupported features of a query parsed from a
     * rewritten text ({@link GrammarGaps}): {@code at} maps its positions to {@code adql}'s.
     */
    static AdqlException unresolved(UnresolvedIdentifiersException e, String adql, ADQLParser.ADQLVersion version,
                                    MetadataModel model, java.util.function.UnaryOperator<TextPosition> at) {
        List<ParseException> errors = new ArrayList<>();
        for (Iterator<ParseException> it = e.getErrors(); it.hasNext(); ) {
            errors.add(it.next());
        }
        // an unknown table makes its columns unknown too: report the tables only
        if (errors.stream().anyMatch(x -> x instanceof UnresolvedTableException)) {
            errors.removeIf(x -> x instanceof UnresolvedColumnException);
        }
        errors.sort(Comparator.comparingInt((ParseException x) -> x.getPosition() == null ? 0 : x.getPosition().beginLine)
                .thenComparingInt(x -> x.getPosition() == null ? 0 : x.getPosition().beginColumn));
        List<String> parts = new ArrayList<>();
        for (ParseException x : errors) {
            parts.add(describe(x, at.apply(x.getPosition()), adql, version, model));
        }
        TextPosition first = errors.isEmpty() ? null : at.apply(errors.get(0).getPosition());
        String message = parts.size() == 1 ? parts.get(0)
                : parts.size() + " problems in the query: " + String.join(" ", parts);
        if (parts.isEmpty()) {
            message = clean(e.getMessage());
        }
        return new AdqlException(message, first == null ? -1 : first.beginLine, first == null ? -1 : first.beginColumn, e);
    }

    private static String describe(ParseException x, TextPosition p, String adql, ADQLParser.ADQLVersion version,
                                   MetadataModel model) {
        String where = p == null || p.beginLine <= 0 ? "" : " (line " + p.beginLine + ", column " + p.beginColumn + ")";
        if (x instanceof UnresolvedTableException t) {
            String written = textAt(adql, p, t.getTableName());
            List<String> names = model.tables().map(Table::qualifiedName).toList();
            return "Unknown table \"" + written + "\"" + where + ". " + suggest(written, names, "Tables are: ");
        }
        if (x instanceof UnresolvedColumnException c) {
            List<Table> inQuery = tablesOf(adql, version, model);
            List<String> names = new ArrayList<>();
            for (Table t : inQuery.isEmpty() ? model.tables().toList() : inQuery) {
                for (Column col : t.columns()) {
                    names.add(col.name());
                }
            }
            String scope = inQuery.size() == 1 ? "Columns of " + inQuery.get(0).qualifiedName() + " are: " : "Columns are: ";
            String name = textAt(adql, p, c.getColumnName());
            return "Unknown column \"" + name + "\"" + where + ". " + suggest(c.getColumnName(), names, scope);
        }
        return clean(x.getMessage()) + where + ".";
    }

    /** "Did you mean ...?" for close names, else the list of names. */
    private static String suggest(String name, List<String> names, String listIntro) {
        String n = name.replace("\"", "").toLowerCase(Locale.ROOT);
        List<String> close = names.stream().distinct()
                .filter(c -> closeness(n, c) <= Math.max(2, n.length() / 4))
                .sorted(Comparator.comparingInt(c -> closeness(n, c)))
                .limit(3).toList();
        if (!close.isEmpty()) {
            return "Did you mean " + String.join(" or ", close.stream().map(c -> "\"" + c + "\"").toList()) + "?";
        }
        List<String> distinct = names.stream().distinct().toList();
        return listIntro + String.join(", ", distinct.subList(0, Math.min(MAX_LISTED, distinct.size())))
                + (distinct.size() > MAX_LISTED ? ", ..." : "") + ".";
    }

    /** Edit distance to a candidate, or to its last part when the name has no qualifier. */
    private static int closeness(String name, String candidate) {
        String c = candidate.toLowerCase(Locale.ROOT);
        int d = distance(name, c);
        if (!name.contains(".") && c.contains(".")) {
            d = Math.min(d, distance(name, c.substring(c.lastIndexOf('.') + 1)));
        }
        return d;
    }

    /** The query text at a one-line position (the name as the user wrote it), or {@code fallback}. */
    private static String textAt(String adql, TextPosition p, String fallback) {
        if (p == null || p.beginLine <= 0 || p.beginLine != p.endLine) {
            return fallback;
        }
        String[] lines = adql.split("\r?\n|\r", -1);
        if (p.beginLine > lines.length) {
            return fallback;
        }
        String line = lines[p.beginLine - 1];
        if (p.beginColumn < 1 || p.endColumn > line.length() + 1 || p.endColumn <= p.beginColumn) {
            return fallback;
        }
        return line.substring(p.beginColumn - 1, p.endColumn - 1);
    }

    /** The model tables named in the query's FROM clauses (parsed again without checking). */
    private static List<Table> tablesOf(String adql, ADQLParser.ADQLVersion version, MetadataModel model) {
        List<Table> out = new ArrayList<>();
        try {
            ADQLSet q = new ADQLParser(version).parseQuery(adql);
            SimpleSearchHandler finder = new SimpleSearchHandler(true) {
                @Override
                protected boolean match(ADQLObject obj) {
                    return obj instanceof ADQLTable t && !t.isSubQuery();
                }
            };
            finder.search(q);
            for (ADQLObject o : finder) {
                ADQLTable t = (ADQLTable) o;
                model.tables().filter(m -> m.name().equalsIgnoreCase(t.getTableName())
                                && (t.getSchemaName() == null || m.schema().equalsIgnoreCase(t.getSchemaName())))
                        .filter(m -> !out.contains(m)).forEach(out::add);
            }
        } catch (ParseException | RuntimeException ignored) {
            // only for hints
        }
        return out;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String clean(String message) {
        if (message == null) {
            return "invalid query";
        }
        String m = message.replaceAll("\\s+", " ").trim();
        m = m.replaceAll("\\s*!$", "").replace("! ", ": ");
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
