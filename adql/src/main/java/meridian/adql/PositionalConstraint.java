package meridian.adql;

import adql.db.DBTable;
import adql.db.DBTableAlias;
import adql.query.constraint.Comparison;
import adql.query.constraint.ComparisonOperator;
import adql.query.operand.ADQLColumn;
import adql.query.operand.ADQLOperand;
import adql.query.operand.function.geometry.CircleFunction;
import adql.query.operand.function.geometry.ContainsFunction;
import adql.query.operand.function.geometry.DistanceFunction;
import adql.query.operand.function.geometry.GeometryFunction;
import adql.query.operand.function.geometry.GeometryFunction.GeometryValue;
import adql.query.operand.function.geometry.IntersectsFunction;
import adql.query.operand.function.geometry.PointFunction;
import meridian.sql.geom.Shape;
import meridian.sql.geom.SphericalGeometry;
import meridian.sql.model.Table;

/**
 * A comparison that only rows inside a constant cone can satisfy, on the declared position
 * columns of a model table: {@code CONTAINS(POINT(ra, dec), CIRCLE|BOX|POLYGON(constants)) = 1}
 * (or {@code 1 = ...}), the same with {@code INTERSECTS} in either argument order, and
 * {@code DISTANCE(POINT(ra, dec), POINT(a, b)) < r} or {@code <=} (or {@code r > ...},
 * {@code r >= ...}, either point first). Regions become their bounding cone. A circle or
 * distance whose centre is not constant but whose radius is (a cross-match against another
 * table, e.g. TAP_UPLOAD) is a <em>moving</em> cone: only its centre's Dec expression and radius
 * are known. Any other comparison is not one. Dialect-neutral: each translator writes its own
 * index test.
 *
 * @param raColumn  the RA column reference (its table alias is the one to test the index of)
 * @param cone      every row the comparison accepts lies in this constant cone; null for a moving one
 * @param centreDec the Dec expression of a moving cone's centre, else null
 * @param radius    the radius in degrees
 */
record PositionalConstraint(ADQLColumn raColumn, Shape.Circle cone, ADQLOperand centreDec, double radius) {

    private static PositionalConstraint constant(ADQLColumn ra, Shape.Circle cone) {
        return new PositionalConstraint(ra, cone, null, cone.radius());
    }

    /** The positional constraint {@code comp} expresses, or null. */
    static PositionalConstraint of(Comparison comp) {
        ComparisonOperator op = comp.getOperator();
        ADQLOperand l = Operands.unwrap(comp.getLeftOperand());
        ADQLOperand r = Operands.unwrap(comp.getRightOperand());
        if (op == ComparisonOperator.EQUAL) {
            if (Operands.isOne(r) && l instanceof GeometryFunction g) {
                return region(g);
            }
            if (Operands.isOne(l) && r instanceof GeometryFunction g) {
                return region(g);
            }
            return null;
        }
        if ((op == ComparisonOperator.LESS_THAN || op == ComparisonOperator.LESS_OR_EQUAL)
                && l instanceof DistanceFunction d && Operands.constant(r) != null) {
            return distance(d, Operands.constant(r));
        }
        if ((op == ComparisonOperator.GREATER_THAN || op == ComparisonOperator.GREATER_OR_EQUAL)
                && r instanceof DistanceFunction d && Operands.constant(l) != null) {
            return distance(d, Operands.constant(l));
        }
        return null;
    }

    private static PositionalConstraint region(GeometryFunction g) {
        GeometryValue<GeometryFunction> point;
        GeometryValue<GeometryFunction> region;
        if (g instanceof ContainsFunction c) {
            point = c.getLeftParam();
            region = c.getRightParam();
        } else if (g instanceof IntersectsFunction i) {
            boolean leftIsPoint = i.getLeftParam().getValue() instanceof PointFunction;
            point = leftIsPoint ? i.getLeftParam() : i.getRightParam();
            region = leftIsPoint ? i.getRightParam() : i.getLeftParam();
        } else {
            return null;
        }
        ADQLColumn ra = positionRa(point);
        if (ra == null) {
            return null;
        }
        Shape shape = Operands.constantShape(region);
        if (shape instanceof Shape.Point) {
            return null;
        }
        if (shape != null) {
            return constant(ra, SphericalGeometry.boundingCircle(shape));
        }
        if (region.getValue() instanceof CircleFunction c) {
            ADQLOperand dec = c.getCenter() == null ? c.getCoord2()
                    : c.getCenter().getValue() instanceof PointFunction p ? p.getCoord2() : null;
            return moving(ra, dec, Operands.constant(c.getRadius()));
        }
        return null;
    }

    private static PositionalConstraint moving(ADQLColumn ra, ADQLOperand centreDec, Double radius) {
        if (centreDec == null || radius == null || !(radius >= 0) || radius > 180) {
            return null;
        }
        return new PositionalConstraint(ra, null, centreDec, radius);
    }

    private static PositionalConstraint distance(DistanceFunction d, double radius) {
        GeometryValue<GeometryFunction> centre = d.getP2();
        ADQLColumn ra = positionRa(d.getP1());
        if (ra == null) {
            ra = positionRa(d.getP2());
            centre = d.getP1();
        }
        if (ra == null || !(radius >= 0) || radius > 180) {
            return null;
        }
        if (Operands.constantShape(centre) instanceof Shape.Point p) {
            return constant(ra, new Shape.Circle(p.frame(), p.ra(), p.dec(), radius));
        }
        return centre.getValue() instanceof PointFunction p ? moving(ra, p.getCoord2(), radius) : null;
    }

    /** The RA column of a POINT over a model table's declared (ra, dec) position columns, or null. */
    private static ADQLColumn positionRa(GeometryValue<GeometryFunction> value) {
        if (!(value.getValue() instanceof PointFunction p)
                || !(Operands.unwrap(p.getCoord1()) instanceof ADQLColumn ra)
                || !(Operands.unwrap(p.getCoord2()) instanceof ADQLColumn dec)
                || !(ra.getDBLink() instanceof ModelTables.ModelDBColumn mra)
                || !(dec.getDBLink() instanceof ModelTables.ModelDBColumn mdec)
                || mra.getTable() != mdec.getTable() || !isModelTable(mra.getTable())) {
            return null;
        }
        Table.Position position = mra.modelTable().position();
        if (position == null || !mra.column().name().equalsIgnoreCase(position.raColumn())
                || !mdec.column().name().equalsIgnoreCase(position.decColumn())) {
            return null;
        }
        return ra;
    }

    /** True for a table of the database itself, not a subquery or common table built from one. */
    private static boolean isModelTable(DBTable t) {
        DBTable origin = t instanceof DBTableAlias a ? a.getOriginTable() : t;
        return origin instanceof ModelTables.ModelDBTable;
    }
}
