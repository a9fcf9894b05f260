package meridian.ingest.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A simple arithmetic expression over header keywords, as a collection definition writes it:
 * numbers, keyword names (letters, digits, {@code -} and {@code _}, as FITS allows; write
 * {@code [MJD-OBS]} in brackets when a name could be read as a subtraction), {@code + - * /},
 * unary minus, parentheses and the functions {@code abs}, {@code sqrt}, {@code min}, {@code max}.
 * Nothing else: there is deliberately no way to call code. Parsed once when the definition
 * loads; immutable and thread-safe.
 */
public final class Expression {

    private interface Node {
        Double eval(Function<String, Double> keywords);
    }

    private final String text;
    private final Node root;
    private final Set<String> keywords;

    private Expression(String text, Node root, Set<String> keywords) {
        this.text = text;
        this.root = root;
        this.keywords = keywords;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with the position of the error. */
    public static Expression parse(String text) {
        Parser p = new Parser(text);
        Node n = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Expression(text, n, Set.copyOf(p.names));
    }

    /**
     * The value, or null when a keyword it uses is missing or not numeric.
     *
     * @param keywords numeric value of a keyword, null when absent
     */
    public Double evaluate(Function<String, Double> keywords) {
        Double v = root.eval(keywords);
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    /** The keywords the expression reads. */
    public Set<String> keywords() {
        return keywords;
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int pos;
        private final Set<String> names = new LinkedHashSet<>();

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("expression '" + s + "', column " + (pos + 1) + ": " + what);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        Node sum() {
            Node left = product();
            while (true) {
                if (eat('+')) {
                    Node l = left;
                    Node r = product();
                    left = k -> op(l.eval(k), r.eval(k), '+');
                } else if (eat('-')) {
                    Node l = left;
                    Node r = product();
                    left = k -> op(l.eval(k), r.eval(k), '-');
                } else {
                    return left;
                }
            }
        }

        Node product() {
            Node left = unary();
            while (true) {
                if (eat('*')) {
                    Node l = left;
                    Node r = unary();
                    left = k -> op(l.eval(k), r.eval(k), '*');
                } else if (eat('/')) {
                    Node l = left;
                    Node r = unary();
                    left = k -> op(l.eval(k), r.eval(k), '/');
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            if (eat('-')) {
                Node n = unary();
                return k -> {
                    Double v = n.eval(k);
                    return v == null ? null : -v;
                };
            }
            return primary();
        }

        Node primary() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (eat('(')) {
                Node n = sum();
                if (!eat(')')) {
                    throw error("')' expected");
                }
                return n;
            }
            if (eat('[')) {
                int start = pos;
                while (pos < s.length() && s.charAt(pos) != ']') {
                    pos++;
                }
                if (pos >= s.length()) {
                    throw error("']' expected");
                }
                String name = s.substring(start, pos++).trim();
                return keyword(name);
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                    pos++;
                    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                        pos++;
                    }
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                }
                try {
                    double v = Double.parseDouble(s.substring(start, pos));
                    return k -> v;
                } catch (NumberFormatException e) {
                    throw error("bad number '" + s.substring(start, pos) + "'");
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                if (eat('(')) {
                    return function(name);
                }
                return keyword(name);
            }
            throw error("unexpected '" + c + "'");
        }

        Node keyword(String name) {
            if (name.isEmpty()) {
                throw error("empty keyword name");
            }
            names.add(name);
            return k -> k.apply(name);
        }

        Node function(String name) {
            List<Node> args = new ArrayList<>();
            if (!eat(')')) {
                do {
                    args.add(sum());
                } while (eat(','));
                if (!eat(')')) {
                    throw error("')' expected");
                }
            }
            return switch (name) {
                case "abs" -> one(name, args, Math::abs);
                case "sqrt" -> one(name, args, Math::sqrt);
                case "min", "max" -> {
                    if (args.size() < 2) {
                        throw error(name + " needs at least two arguments");
                    }
                    boolean min = name.equals("min");
                    yield k -> {
                        Double best = null;
                        for (Node a : args) {
                            Double v = a.eval(k);
                            if (v == null) {
                                return null;
                            }
                            best = best == null ? v : (min ? Math.min(best, v) : Math.max(best, v));
                        }
                        return best;
                    };
                }
                default -> throw error("unknown function '" + name + "' (abs, sqrt, min, max)");
            };
        }

        Node one(String name, List<Node> args, java.util.function.DoubleUnaryOperator f) {
            if (args.size() != 1) {
                throw error(name + " takes one argument");
            }
            Node a = args.get(0);
            return k -> {
                Double v = a.eval(k);
                return v == null ? null : f.applyAsDouble(v);
            };
        }

        static Double op(Double a, Double b, char op) {
            if (a == null || b == null) {
                return null;
            }
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> a / b;
            };
        }
    }
}
