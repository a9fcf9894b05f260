package meridian.ssa;

import java.math.BigDecimal;

/**
 * The one way request values enter the ADQL text SSA builds: numbers are formatted by code from
 * parsed {@code double}s, strings become ADQL string literals with quotes doubled. The ADQL parser
 * then reads them back as constants, so no value can change the query's structure.
 */
public final class AdqlLiterals {

    private AdqlLiterals() {
    }

    /** An ADQL numeric literal (plain decimal notation, never exponent or NaN). */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * An ADQL string literal. Characters XML and SQL text cannot carry (controls) are refused by
     * the parameter parser before they get here.
     */
    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
