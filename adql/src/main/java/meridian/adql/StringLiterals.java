package meridian.adql;

import adql.query.ADQLObject;
import adql.query.operand.StringConstant;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets string literals hold any character. ADQL allows every character but the quote in a
 * string literal; ADQLlib 2.0's tokenizer refuses many non-ASCII ones (an en dash, a check mark,
 * CJK ideographs: "incorrect character encountered"). Before parsing, each literal holding a
 * non-ASCII character has its text replaced by an ASCII placeholder; after parsing, the
 * placeholders in the parsed query's string constants are replaced by the original text.
 * Comments ({@code --} to the end of the line) are skipped (their non-ASCII characters, which
 * the tokenizer refuses there too, become {@code ?}), so are delimited identifiers, and a
 * doubled quote inside a literal is part of it. Not thread-safe: one instance per query.
 */
final class StringLiterals {

    private final String masked;
    private final Map<String, String> originals = new HashMap<>();

    private StringLiterals(String adql) {
        String prefix = "meridian literal ";
        while (adql.contains(prefix)) {
            prefix += "~";
        }
        StringBuilder out = new StringBuilder(adql.length());
        int i = 0;
        int n = adql.length();
        while (i < n) {
            char c = adql.charAt(i);
            if (c == '-' && i + 1 < n && adql.charAt(i + 1) == '-') {
                int end = adql.indexOf('\n', i);
                end = end < 0 ? n : end;
                // the tokenizer refuses some characters in comments too; a comment's text does not matter
                adql.substring(i, end).chars().forEach(ch -> out.append(ch < 128 ? (char) ch : '?'));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = closing(adql, i, c);
                String body = adql.substring(i + 1, end < 0 ? n : end);
                if (c == '\'' && end >= 0 && !body.chars().allMatch(ch -> ch < 128)) {
                    String key = prefix + originals.size();
                    originals.put(key, body.replace("''", "'"));
                    out.append('\'').append(key).append('\'');
                } else {
                    out.append(adql, i, end < 0 ? n : end + 1);
                }
                i = end < 0 ? n : end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        masked = out.toString();
    }

    /** Index of the quote closing the literal or identifier opened at {@code start}, or -1. */
    static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The literals of {@code adql}, to be parsed as {@link #text()}. */
    static StringLiterals mask(String adql) {
        return new StringLiterals(adql);
    }

    /** The query text to parse: {@code adql} with non-ASCII literals replaced by placeholders. */
    String text() {
        return masked;
    }

    /** Puts the original text back into the string constants of the parsed query. */
    void restore(ADQLObject parsed) {
        if (originals.isEmpty()) {
            return;
        }
        for (StringConstant s : Operands.find(parsed, StringConstant.class)) {
            String original = originals.get(s.getValue());
            if (original != null) {
                s.setValue(original);
            }
        }
    }
}
