package meridian.sql.geom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes the STC-S subset the archive stores geometry in:
 * {@code Position|Point FRAME ra dec}, {@code Circle FRAME ra dec r},
 * {@code Box FRAME ra dec width height} and {@code Polygon FRAME ra1 dec1 ra2 dec2 ...}.
 * Keywords are case-insensitive; the frame and any reference position or flavour words between
 * the shape name and the numbers are optional (the frame is kept, the others are ignored).
 * Stateless and thread-safe.
 */
public final class Stcs {

    private Stcs() {
    }

    /**
     * Parses one STC-S region.
     *
     * @throws IllegalArgumentException with a message naming the problem if the text is not a
     *                                  supported region (unions, intersections and NOT are not)
     */
    public static Shape parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty STC-S region");
        }
        String[] tokens = text.trim().split("[\\s(),]+");
        String kind = tokens[0].toLowerCase(Locale.ROOT);
        int i = 1;
        String frame = "";
        List<Double> numbers = new ArrayList<>();
        while (i < tokens.length && !isNumber(tokens[i])) {
            if (frame.isEmpty()) {
                frame = tokens[i].toUpperCase(Locale.ROOT);
            }
            i++;
        }
        for (; i < tokens.length; i++) {
            if (tokens[i].isEmpty()) {
                continue;
            }
            if (!isNumber(tokens[i])) {
                throw new IllegalArgumentException("unexpected word '" + tokens[i] + "' in STC-S region: " + text);
            }
            numbers.add(Double.parseDouble(tokens[i]));
        }
        double[] n = numbers.stream().mapToDouble(Double::doubleValue).toArray();
        switch (kind) {
            case "position", "point" -> {
                expect(n, 2, text);
                return new Shape.Point(frame, n[0], n[1]);
            }
            case "circle" -> {
                expect(n, 3, text);
                return new Shape.Circle(frame, n[0], n[1], n[2]);
            }
            case "box" -> {
                expect(n, 4, text);
                return new Shape.Box(frame, n[0], n[1], n[2], n[3]);
            }
            case "polygon" -> {
                return new Shape.Polygon(frame, n);
            }
            default -> throw new IllegalArgumentException("unsupported STC-S region '" + tokens[0]
                    + "' (expected Position, Circle, Box or Polygon): " + text);
        }
    }

    private static void expect(double[] n, int count, String text) {
        if (n.length != count) {
            throw new IllegalArgumentException("expected " + count + " numbers in STC-S region: " + text);
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
    }

    /** Writes a shape as STC-S ({@code Position} for points), numbers in their shortest form. */
    public static String format(Shape shape) {
        StringBuilder sb = new StringBuilder();
        double[] n;
        if (shape instanceof Shape.Point p) {
            sb.append("Position");
            n = new double[] {p.ra(), p.dec()};
        } else if (shape instanceof Shape.Circle c) {
            sb.append("Circle");
            n = new double[] {c.ra(), c.dec(), c.radius()};
        } else if (shape instanceof Shape.Box b) {
            sb.append("Box");
            n = new double[] {b.ra(), b.dec(), b.width(), b.height()};
        } else {
            sb.append("Polygon");
            n = ((Shape.Polygon) shape).vertices();
        }
        if (!shape.frame().isEmpty()) {
            sb.append(' ').append(shape.frame());
        }
        for (double d : n) {
            sb.append(' ').append(number(d));
        }
        return sb.toString();
    }

    /** A double in its shortest decimal form, without a trailing {@code .0}. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
