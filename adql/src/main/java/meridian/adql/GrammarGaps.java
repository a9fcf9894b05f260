package meridian.adql;

import adql.parser.grammar.ParseException;
import adql.query.ADQLObject;
import adql.query.TextPosition;
import adql.query.operand.function.UserDefinedFunction;
import adql.query.operand.function.conditional.CoalesceFunction;
import adql.search.SimpleReplaceHandler;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fills three gaps of ADQLlib 2.0's grammar by rewriting the query text, token by token outside
 * string literals, comments and delimited identifiers, before it is parsed:
 * <ul>
 * <li>{@code a CROSS JOIN b} (ADQLlib reads {@code CROSS} as an alias of {@code a} and then wants
 * ON or USING) becomes {@code a INNER JOIN b ON 1=1}, a cross join;</li>
 * <li>ADQL 2.1's hexadecimal literals {@code 0x1F} become their decimal value (an integer beyond
 * 2<sup>63</sup>-1 is refused);</li>
 * <li>{@code COALESCE(...)} (ADQL 2.1), which ADQLlib accepts only as a whole select item or comparison
 * operand, not inside arithmetic or function arguments, is parsed as a placeholder user-defined
 * function and turned back into ADQLlib's COALESCE before the query is checked
 * ({@link #restore}).</li>
 * </ul>
 * Positions in parse errors are mapped back to the text the user wrote ({@link #original}).
 * Not thread-safe: one instance per query.
 */
final class GrammarGaps {

    /** Words that end a table reference: after one of them no alias follows. */
    private static final Set<String> NOT_ALIAS = Set.of("ON", "USING", "JOIN", "NATURAL", "INNER", "LEFT", "RIGHT",
            "FULL", "CROSS", "OUTER", "WHERE", "GROUP", "HAVING", "ORDER", "UNION", "EXCEPT", "INTERSECT", "OFFSET");

    private record Token(int start, int end, char kind) {
        // kind: w word, n number (or hexadecimal literal), q "delimited identifier", s 'string', p punctuation
    }

    /** A replacement of the text [start, end) of the input by {@code text}. */
    private record Edit(int start, int end, String text) {
    }

    /** Where an edit lies in the rewritten text: its line, first and after-last column, and its length change. */
    private record Shift(int line, int from, int to, int delta) {
    }

    private final String text;
    private final String coalesce;
    private final List<Shift> shifts = new ArrayList<>();

    private GrammarGaps(String adql, boolean v21) throws AdqlException {
        String name = "meridian_coalesce";
        while (adql.toLowerCase(Locale.ROOT).contains(name)) {
            name += "_";
        }
        coalesce = name;
        List<Token> tokens = tokens(adql);
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String word = adql.substring(t.start, t.end);
            if (t.kind == 'n' && v21 && isHex(adql, t)) {
                edits.add(new Edit(t.start, t.end, hexValue(adql, t.start, word)));
            } else if (t.kind == 'w' && v21 && word.equalsIgnoreCase("COALESCE") && is(adql, tokens, i + 1, "(")) {
                edits.add(new Edit(t.start, t.end, coalesce));
            } else if (t.kind == 'w' && word.equalsIgnoreCase("CROSS") && is(adql, tokens, i + 1, "JOIN")) {
                int end = tablePrimaryEnd(adql, tokens, i + 2);
                if (end > 0) {
                    edits.add(new Edit(t.start, t.end, "INNER"));
                    edits.add(new Edit(tokens.get(end - 1).end, tokens.get(end - 1).end, " ON 1=1"));
                }
            }
        }
        StringBuilder out = new StringBuilder(adql.length() + 16 * edits.size());
        int at = 0;
        int line = 1;
        int lineStart = 0;
        for (Edit e : edits) {
            for (int c = at; c < e.start; c++) {
                if (adql.charAt(c) == '\n') {
                    line++;
                    lineStart = out.length() + c - at + 1;
                }
            }
            out.append(adql, at, e.start);
            int column = out.length() - lineStart + 1;
            out.append(e.text);
            shifts.add(new Shift(line, column, column + e.text.length(), e.text.length() - (e.end - e.start)));
            at = e.end;
        }
        out.append(adql, at, adql.length());
        text = out.toString();
    }

    /** Rewrites {@code adql}; hexadecimal literals and COALESCE only in ADQL 2.1 (2.0 has neither). */
    static GrammarGaps rewrite(String adql, AdqlVersion version) throws AdqlException {
        return new GrammarGaps(adql, version == AdqlVersion.V2_1);
    }

    /** The query text to parse. */
    String text() {
        return text;
    }

    /** True when {@code t} is a hexadecimal literal, not part of a decimal number such as {@code 1.0x1}. */
    private static boolean isHex(String adql, Token t) {
        String word = adql.substring(t.start, t.end);
        return word.length() > 2 && (word.startsWith("0x") || word.startsWith("0X"))
                && word.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)
                && (t.start == 0 || adql.charAt(t.start - 1) != '.')
                && (t.end == adql.length() || adql.charAt(t.end) != '.');
    }

    /** The decimal value of a hexadecimal literal, or an error when it does not fit a BIGINT. */
    private static String hexValue(String adql, int start, String literal) throws AdqlException {
        BigInteger value = new BigInteger(literal.substring(2), 16);
        if (value.bitLength() > 63) {
            int line = 1 + (int) adql.substring(0, start).chars().filter(c -> c == '\n').count();
            int column = start - adql.lastIndexOf('\n', start - 1);
            throw new AdqlException("The hexadecimal literal " + literal + " (line " + line + ", column " + column
                    + ") is too large: the largest integer is 0x7FFFFFFFFFFFFFFF (" + Long.MAX_VALUE + ").",
                    line, column, null);
        }
        return value.toString();
    }

    /** True when token {@code i} is {@code word} (case-insensitive). */
    private static boolean is(String adql, List<Token> tokens, int i, String word) {
        return i < tokens.size() && adql.substring(tokens.get(i).start, tokens.get(i).end).equalsIgnoreCase(word);
    }

    /**
     * The index after the last token of the table primary starting at token {@code i}: a table
     * name (qualified, possibly delimited) or a parenthesised subquery or join, each with an
     * optional [AS] alias; or -1 when there is none.
     */
    private static int tablePrimaryEnd(String adql, List<Token> tokens, int i) {
        if (i >= tokens.size()) {
            return -1;
        }
        if (is(adql, tokens, i, "(")) {
            int depth = 0;
            for (; i < tokens.size(); i++) {
                if (is(adql, tokens, i, "(")) {
                    depth++;
                } else if (is(adql, tokens, i, ")") && --depth == 0) {
                    break;
                }
            }
            if (i >= tokens.size()) {
                return -1;
            }
            i++;
        } else {
            if (!isName(adql, tokens, i)) {
                return -1;
            }
            i++;
            while (is(adql, tokens, i, ".") && isName(adql, tokens, i + 1)) {
                i += 2;
            }
        }
        if (is(adql, tokens, i, "AS") && isName(adql, tokens, i + 1)) {
            return i + 2;
        }
        if (isName(adql, tokens, i)) {
            return i + 1;
        }
        return i;
    }

    /** True when token {@code i} can be a table name or alias. */
    private static boolean isName(String adql, List<Token> tokens, int i) {
        if (i >= tokens.size()) {
            return false;
        }
        Token t = tokens.get(i);
        return t.kind == 'q'
                || t.kind == 'w' && !NOT_ALIAS.contains(adql.substring(t.start, t.end).toUpperCase(Locale.ROOT));
    }

    /** The significant tokens of {@code adql}: comments and white space left out. */
    private static List<Token> tokens(String adql) {
        List<Token> out = new ArrayList<>();
        int n = adql.length();
        int i = 0;
        while (i < n) {
            char c = adql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && adql.charAt(i + 1) == '-') {
                int end = adql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '"' || c == '\'') {
                int end = StringLiterals.closing(adql, i, c);
                i = end < 0 ? n : end + 1;
                out.add(new Token(start, i, c == '"' ? 'q' : 's'));
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(adql.charAt(i)) || adql.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(start, i, Character.isDigit(c) ? 'n' : 'w'));
            } else {
                i++;
                out.add(new Token(start, i, 'p'));
            }
        }
        return out;
    }

    /** Turns the COALESCE placeholders of the parsed query back into COALESCE functions. */
    void restore(ADQLObject parsed) throws ParseException {
        SimpleReplaceHandler replacer = new SimpleReplaceHandler(true, false) {
            @Override
            protected boolean match(ADQLObject obj) {
                return obj instanceof UserDefinedFunction f && f.getName().equalsIgnoreCase(coalesce);
            }

            @Override
            public ADQLObject getReplacer(ADQLObject obj) {
                try {
                    CoalesceFunction c = new CoalesceFunction(((UserDefinedFunction) obj).getParameters());
                    c.setPosition(obj.getPosition());
                    return c;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        // the arguments of a replaced COALESCE may hold more of them: until none is left
        for (int pass = 0; pass < 1000 && !Operands.find(parsed, UserDefinedFunction.class).stream()
                .filter(f -> f.getName().equalsIgnoreCase(coalesce)).toList().isEmpty(); pass++) {
            try {
                replacer.searchAndReplace(parsed);
            } catch (IllegalStateException e) {
                throw new ParseException("COALESCE cannot be used here: " + e.getCause().getMessage());
            }
        }
    }

    /** {@code message} of a parse error with the COALESCE placeholder named as the user wrote it. */
    String original(String message) {
        return message == null ? null : message.replace(coalesce, "COALESCE").replace(coalesce.toUpperCase(Locale.ROOT), "COALESCE");
    }

    /** The position in the text the user wrote of {@code p}, a position in {@link #text()}. */
    TextPosition original(TextPosition p) {
        if (p == null || shifts.isEmpty()) {
            return p;
        }
        return new TextPosition(p.beginLine, column(p.beginLine, p.beginColumn), p.endLine,
                column(p.endLine, p.endColumn));
    }

    private int column(int line, int column) {
        int delta = 0;
        for (Shift s : shifts) {
            if (s.line != line || s.from > column) {
                continue;
            }
            if (column < s.to) {
                return s.from - delta;
            }
            delta += s.delta;
        }
        return column - delta;
    }
}
