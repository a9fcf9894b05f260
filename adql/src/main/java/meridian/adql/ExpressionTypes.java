package meridian.adql;

import adql.db.DBColumn;
import adql.db.DBType;
import adql.query.operand.ADQLColumn;
import adql.query.operand.ADQLOperand;
import adql.query.operand.Concatenation;
import adql.query.operand.NegativeOperand;
import adql.query.operand.NullValue;
import adql.query.operand.NumericConstant;
import adql.query.operand.Operation;
import adql.query.operand.StringConstant;
import adql.query.operand.function.MathFunction;
import adql.query.operand.function.SQLFunction;
import adql.query.operand.function.SQLFunctionType;
import adql.query.operand.function.cast.CastFunction;
import adql.query.operand.function.conditional.CoalesceFunction;
import adql.query.operand.function.geometry.ContainsFunction;
import adql.query.operand.function.geometry.IntersectsFunction;
import adql.query.operand.function.string.LowerFunction;
import adql.query.operand.function.string.UpperFunction;
import java.util.Locale;
import meridian.sql.model.Datatype;

/**
 * ADQL's type of a scalar expression, for the datatype of a computed result column and for
 * exact integer arithmetic. The rules (one place, shared by every dialect):
 * <ul>
 * <li>an integer literal is {@code int}, {@code long} beyond the 32-bit range; a hexadecimal one
 *     likewise; any other numeric literal is {@code double};</li>
 * <li>{@code + - * /} of two integers is a {@code long}, computed in 64-bit integers
 *     ({@code BIGINT}) so that {@code id * 10000000} is exact and only an overflow of 64 bits
 *     fails (an error, never a wrapped value); with any floating-point operand it is
 *     {@code double};</li>
 * <li>the mathematical functions return {@code double} (ADQL 2.1 section 2.3, table of
 *     mathematical functions: FLOOR, CEILING, ROUND, ABS and MOD included);</li>
 * <li>{@code COUNT} is {@code long}, {@code SUM} of integers {@code long} (summed as BIGINT),
 *     other sums and {@code AVG} {@code double}, {@code MIN}/{@code MAX} keep their argument's
 *     type;</li>
 * <li>{@code COALESCE} is the common type of its arguments: the widest integer, {@code double}
 *     when any is floating-point, text when all are text;</li>
 * <li>{@code CONTAINS} and {@code INTERSECTS} are {@code int} (0 or 1), {@code CAST} its target
 *     type, string literals, {@code ||}, {@code LOWER} and {@code UPPER} text ({@code unicodeChar}
 *     when a literal in them holds a non-ASCII character, see {@link #isAscii}).</li>
 * </ul>
 * Stateless.
 */
final class ExpressionTypes {

    private ExpressionTypes() {
    }

    /** The datatype of {@code op}, or null when these rules do not decide it. */
    static Datatype of(ADQLOperand op) {
        op = Operands.unwrap(op);
        if (op instanceof NumericConstant n) {
            return literal(n);
        }
        if (op instanceof NegativeOperand n) {
            return of(n.getOperand());
        }
        if (op instanceof ADQLColumn c) {
            return column(c.getDBLink());
        }
        if (op instanceof Operation o) {
            Datatype l = of(o.getLeftOperand());
            Datatype r = of(o.getRightOperand());
            if (isInteger(l) && isInteger(r)) {
                return Datatype.LONG;
            }
            return l != null && r != null && l.isNumeric() && r.isNumeric() ? Datatype.DOUBLE : null;
        }
        if (op instanceof MathFunction) {
            return Datatype.DOUBLE;
        }
        if (op instanceof SQLFunction f) {
            return switch (f.getType()) {
                case COUNT, COUNT_ALL -> Datatype.LONG;
                case SUM -> isInteger(of(f.getParameter(0))) ? Datatype.LONG : Datatype.DOUBLE;
                case AVG -> Datatype.DOUBLE;
                case MIN, MAX -> of(f.getParameter(0));
            };
        }
        if (op instanceof CoalesceFunction c) {
            Datatype common = null;
            for (int i = 0; i < c.getNbParameters(); i++) {
                if (Operands.unwrap(c.getParameter(i)) instanceof NullValue) {
                    continue;
                }
                Datatype t = of(c.getParameter(i));
                if (t == null) {
                    return null;
                }
                common = common == null ? t : common(common, t);
                if (common == null) {
                    return null;
                }
            }
            return common;
        }
        if (op instanceof ContainsFunction || op instanceof IntersectsFunction) {
            return Datatype.INT;
        }
        if (op instanceof CastFunction c) {
            return cast(c.getTargetType().getName());
        }
        if (op instanceof StringConstant s) {
            return isAscii(s.getValue()) ? Datatype.CHAR : Datatype.UNICODE_CHAR;
        }
        if (op instanceof Concatenation c) {
            Datatype t = Datatype.CHAR;
            for (ADQLOperand part : c) {
                if (of(part) == Datatype.UNICODE_CHAR) {
                    t = Datatype.UNICODE_CHAR;
                }
            }
            return t;
        }
        if (op instanceof LowerFunction || op instanceof UpperFunction) {
            Datatype t = of(((adql.query.operand.function.ADQLFunction) op).getParameter(0));
            return t == Datatype.UNICODE_CHAR ? t : Datatype.CHAR;
        }
        return null;
    }

    /**
     * The outermost 64-bit integer expressions of a query (integer arithmetic, sums of
     * integers) as ADQL, distinct, at most five: what an out-of-range error comes from.
     */
    static java.util.List<String> integerArithmetic(adql.query.ADQLObject query) {
        adql.search.SimpleSearchHandler search = new adql.search.SimpleSearchHandler(true, false) {
            @Override
            protected boolean match(adql.query.ADQLObject obj) {
                boolean sum = obj instanceof SQLFunction f && f.getType() == SQLFunctionType.SUM;
                return (obj instanceof Operation || sum) && of((ADQLOperand) obj) == Datatype.LONG;
            }
        };
        search.search(query);
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (adql.query.ADQLObject o : search) {
            found.add(o.toADQL());
        }
        return found.stream().limit(5).toList();
    }

    /** True for SHORT, INT and LONG. */
    static boolean isInteger(Datatype t) {
        return t == Datatype.SHORT || t == Datatype.INT || t == Datatype.LONG;
    }

    /** True when every character of {@code s} is ASCII, which VOTable {@code char} is limited to. */
    static boolean isAscii(String s) {
        return s == null || s.chars().allMatch(ch -> ch < 128);
    }

    private static Datatype literal(NumericConstant n) {
        String v = n.getValue().trim();
        try {
            long value;
            if (n.isHexadecimal()) {
                value = Long.parseUnsignedLong(v.substring(2), 16);
            } else if (v.chars().allMatch(Character::isDigit)) {
                value = Long.parseLong(v);
            } else {
                return Datatype.DOUBLE;
            }
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? Datatype.INT : Datatype.LONG;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // beyond 64 bits
            return Datatype.DOUBLE;
        }
    }

    private static Datatype column(DBColumn c) {
        if (c instanceof ModelTables.ModelDBColumn m) {
            Datatype t = m.column().datatype();
            // text has an arraysize; an array of numbers or an xtype (a timestamp, a region) is no scalar
            return m.column().xtype() == null && (t.isText() || m.column().arraysize() == null) ? t : null;
        }
        DBType t = c == null ? null : c.getDatatype();
        if (t == null) {
            return null;
        }
        return switch (t.type) {
            case SMALLINT -> Datatype.SHORT;
            case INTEGER -> Datatype.INT;
            case BIGINT -> Datatype.LONG;
            case REAL -> Datatype.FLOAT;
            case DOUBLE -> Datatype.DOUBLE;
            case CHAR, VARCHAR, CLOB -> Datatype.UNICODE_CHAR;
            default -> null;
        };
    }

    /** The type both can be given without loss, or null when text meets a number. */
    private static Datatype common(Datatype a, Datatype b) {
        if (a == b) {
            return a;
        }
        if (a.isText() && b.isText()) {
            return Datatype.UNICODE_CHAR;
        }
        if (isInteger(a) && isInteger(b)) {
            return a.ordinal() > b.ordinal() ? a : b;
        }
        if (a.isNumeric() && b.isNumeric() && a != Datatype.BOOLEAN && b != Datatype.BOOLEAN) {
            return Datatype.DOUBLE;
        }
        return null;
    }

    private static Datatype cast(String target) {
        return switch (target.toUpperCase(Locale.ROOT)) {
            case "SMALLINT" -> Datatype.SHORT;
            case "INTEGER" -> Datatype.INT;
            case "BIGINT" -> Datatype.LONG;
            case "REAL" -> Datatype.FLOAT;
            case "DOUBLE PRECISION" -> Datatype.DOUBLE;
            case "CHAR", "VARCHAR", "CHARACTER", "CHARACTER VARYING" -> Datatype.UNICODE_CHAR;
            default -> null;
        };
    }
}
