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
 * table, e.g. TAP_UPLOAD) is a <em>moving</em> cone: only its centre's expressions and radius
 * are known. Any other comparison is not one. Dialect-neutral: each translator writes its own
 * index test.
 *
 * <p>A moving cone between the positions of two tables is symmetric (the distance between them
 * is below the radius): either table can be the one searched. When one of them also has a
 * constant cone of its own (a self-join around a field), that one gives the centres: its rows
 * are few, and each probes the other's index; the other way round every row of the unrestricted
 * table would probe the restricted one.
 *
 * @param raColumn  the RA column reference (its table alias is the one to test the index of)
 * @param decColumn the Dec column reference of the same table
 * @param cone      every row the comparison accepts lies in this constant cone; null for a moving one
 * @param centreRa  the RA expression of a moving cone's centre, else null
 * @param centreDec the Dec expression of a moving cone's centre, else null
 * @param radius    the radius in degrees
 */
record PositionalConstraint(ADQLColumn raColumn, ADQLColumn decColumn, Shape.Circle cone, ADQLOperand centreRa,
                            ADQLOperand centreDec, double radius) {

    private static PositionalConstraint constant(ADQLColumn[] pos, Shape.Circle cone) {
        return new PositionalConstraint(pos[0], pos[1], cone, null, null, cone.radius());
    }

    /** The positional constraint {@code comp} expresses, or null. */
    static PositionalConstraint of(Comparison comp) {
        return of(comp, java.util.Set.of());
    }

    /**
     * The positional constraint {@code comp} expresses, or null; a moving cone between positions
     * of two tables searches the one not in {@code restricted} when the other is.
     *
     * @param restricted tables with a constant cone of their own (see {@link #isConstant})
     */
    static PositionalConstraint of(Comparison comp, java.util.Set<DBTable> restricted) {
        PositionalConstraint p = ofAsWritten(comp);
        if (p == null || p.cone() != null || restricted.isEmpty()
                || !restricted.contains(p.raColumn().getDBLink().getTable())) {
            return p;
        }
        ADQLColumn[] centre = columns(p.centreRa(), p.centreDec());
        if (centre == null || restricted.contains(centre[0].getDBLink().getTable())) {
            return p;
        }
        return new PositionalConstraint(centre[0], centre[1], null, p.raColumn(), p.decColumn(), p.radius());
    }

    /** True for a cone with a constant centre and radius. */
    boolean isConstant() {
        return cone != null;
    }

    private static PositionalConstraint ofAsWritten(Comparison comp) {
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
        ADQLColumn[] pos = position(point);
        if (pos == null) {
            return null;
        }
        Shape shape = Operands.constantShape(region);
        if (shape instanceof Shape.Point) {
            return null;
        }
        if (shape != null) {
            return constant(pos, SphericalGeometry.boundingCircle(shape));
        }
        if (region.getValue() instanceof CircleFunction c) {
            PointFunction centre = c.getCenter() != null && c.getCenter().getValue() instanceof PointFunction p
                    ? p : null;
            ADQLOperand ra = c.getCenter() == null ? c.getCoord1() : centre == null ? null : centre.getCoord1();
            ADQLOperand dec = c.getCenter() == null ? c.getCoord2() : centre == null ? null : centre.getCoord2();
            return moving(pos, ra, dec, Operands.constant(c.getRadius()));
        }
        return null;
    }

    private static PositionalConstraint moving(ADQLColumn[] pos, ADQLOperand centreRa, ADQLOperand centreDec,
                                               Double radius) {
        if (centreRa == null || centreDec == null || radius == null || !(radius >= 0) || radius > 180) {
            return null;
        }
        return new PositionalConstraint(pos[0], pos[1], null, centreRa, centreDec, radius);
    }

    private static PositionalConstraint distance(DistanceFunction d, double radius) {
        GeometryValue<GeometryFunction> centre = d.getP2();
        ADQLColumn[] pos = position(d.getP1());
        if (pos == null) {
            pos = position(d.getP2());
            centre = d.getP1();
        }
        if (pos == null || !(radius >= 0) || radius > 180) {
            return null;
        }
        if (Operands.constantShape(centre) instanceof Shape.Point p) {
            return constant(pos, new Shape.Circle(p.frame(), p.ra(), p.dec(), radius));
        }
        return centre.getValue() instanceof PointFunction p ? moving(pos, p.getCoord1(), p.getCoord2(), radius) : null;
    }

    /** The (RA, Dec) columns of a POINT over a model table's declared position columns, or null. */
    private static ADQLColumn[] position(GeometryValue<GeometryFunction> value) {
        return value.getValue() instanceof PointFunction p ? columns(p.getCoord1(), p.getCoord2()) : null;
    }

    /** The (RA, Dec) columns when the two operands are a model table's declared position columns, or null. */
    private static ADQLColumn[] columns(ADQLOperand raOperand, ADQLOperand decOperand) {
        if (!(Operands.unwrap(raOperand) instanceof ADQLColumn ra)
                || !(Operands.unwrap(decOperand) instanceof ADQLColumn dec)
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
        return new ADQLColumn[] {ra, dec};
    }

    /** True for a table of the database itself, not a subquery or common table built from one. */
    private static boolean isModelTable(DBTable t) {
        DBTable origin = t instanceof DBTableAlias a ? a.getOriginTable() : t;
        return origin instanceof ModelTables.ModelDBTable;
    }
}
