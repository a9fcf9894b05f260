package meridian.adql;

import adql.query.ADQLObject;
import adql.query.operand.ADQLOperand;
import adql.query.operand.NegativeOperand;
import adql.query.operand.NumericConstant;
import adql.query.operand.Operation;
import adql.query.operand.WrappedOperand;
import adql.query.operand.function.geometry.BoxFunction;
import adql.query.operand.function.geometry.CircleFunction;
import adql.query.operand.function.geometry.GeometryFunction;
import adql.query.operand.function.geometry.GeometryFunction.GeometryValue;
import adql.query.operand.function.geometry.PointFunction;
import adql.query.operand.function.geometry.PolygonFunction;
import adql.search.SimpleSearchHandler;
import java.util.ArrayList;
import java.util.List;
import meridian.sql.geom.Shape;

/** Reading parsed ADQL operands: parentheses, numeric constants, constant geometries. Stateless. */
final class Operands {

    private Operands() {
    }

    /** Every object of class {@code type} in the tree under {@code root} (subqueries included), outermost first. */
    static <T> List<T> find(ADQLObject root, Class<T> type) {
        SimpleSearchHandler search = new SimpleSearchHandler(true) {
            @Override
            protected boolean match(ADQLObject obj) {
                return type.isInstance(obj);
            }
        };
        search.search(root);
        List<T> found = new ArrayList<>();
        search.iterator().forEachRemaining(o -> found.add(type.cast(o)));
        return found;
    }

    /** The operand inside any number of parentheses. */
    static ADQLOperand unwrap(ADQLOperand op) {
        while (op instanceof WrappedOperand w) {
            op = w.getOperand();
        }
        return op;
    }

    /** The value of a numeric constant (possibly negated or parenthesised), or null. */
    static Double constant(ADQLOperand op) {
        op = unwrap(op);
        if (op instanceof NumericConstant n) {
            return n.getNumericValue();
        }
        if (op instanceof NegativeOperand n) {
            Double d = constant(n.getOperand());
            return d == null ? null : -d;
        }
        if (op instanceof Operation o) {
            // radii are often written as arithmetic: DISTANCE(...) < 5/3600.
            Double l = constant(o.getLeftOperand());
            Double r = constant(o.getRightOperand());
            if (l == null || r == null) {
                return null;
            }
            return switch (o.getOperation()) {
                case SUM -> l + r;
                case SUB -> l - r;
                case MULT -> l * r;
                case DIV -> r == 0 ? null : l / r;
                default -> null;
            };
        }
        return null;
    }

    /** True for the constant 1. */
    static boolean isOne(ADQLOperand op) {
        Double d = constant(op);
        return d != null && d == 1;
    }

    /** The vertex operands of a POLYGON: numbers, or points (ADQL 2.1); the coordinate system is skipped. */
    static List<ADQLOperand> polygonVertices(PolygonFunction p) {
        List<ADQLOperand> out = new ArrayList<>();
        ADQLOperand[] params = p.getParameters();
        for (int i = 0; i < params.length; i++) {
            // the first parameter is the (deprecated) coordinate system, a string
            if (i == 0 && params[i].isString() && !params[i].isNumeric()) {
                continue;
            }
            out.add(params[i]);
        }
        return out;
    }

    /** A POINT, CIRCLE, BOX or POLYGON made of numeric constants only, or null (also when invalid). */
    static Shape constantShape(ADQLOperand op) {
        try {
            if (op instanceof GeometryValue<?> gv) {
                return constantShape(gv.getValue());
            }
            if (op instanceof PointFunction p) {
                Double ra = constant(p.getCoord1());
                Double dec = constant(p.getCoord2());
                return ra == null || dec == null ? null : new Shape.Point(ra, dec);
            }
            if (op instanceof CircleFunction c) {
                Shape.Point center = centre(c.getCenter(), c.getCoord1(), c.getCoord2());
                Double r = constant(c.getRadius());
                return center == null || r == null ? null : new Shape.Circle("ICRS", center.ra(), center.dec(), r);
            }
            if (op instanceof BoxFunction b) {
                Shape.Point center = centre(b.getCenter(), b.getCoord1(), b.getCoord2());
                Double w = constant(b.getWidth());
                Double h = constant(b.getHeight());
                return center == null || w == null || h == null ? null
                        : new Shape.Box("ICRS", center.ra(), center.dec(), w, h);
            }
            if (op instanceof PolygonFunction p) {
                return constantPolygon(p);
            }
        } catch (IllegalArgumentException invalid) {
            // not a valid region (negative radius...): the exact test decides, row by row
            return null;
        }
        return null;
    }

    private static Shape constantPolygon(PolygonFunction p) {
        List<Double> coords = new ArrayList<>();
        for (ADQLOperand v : polygonVertices(p)) {
            Shape s = v.isGeometry() ? constantShape(v) : null;
            if (s instanceof Shape.Point pt) {
                coords.add(pt.ra());
                coords.add(pt.dec());
            } else {
                Double d = constant(v);
                if (d == null) {
                    return null;
                }
                coords.add(d);
            }
        }
        return new Shape.Polygon("ICRS", coords.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Shape.Point centre(GeometryValue<GeometryFunction> center, ADQLOperand c1, ADQLOperand c2) {
        if (center != null) {
            return constantShape(center) instanceof Shape.Point p ? p : null;
        }
        Double ra = constant(c1);
        Double dec = constant(c2);
        return ra == null || dec == null ? null : new Shape.Point(ra, dec);
    }
}
