package meridian.adql;

import adql.query.ADQLObject;
import adql.query.operand.ADQLOperand;
import adql.query.operand.Operation;
import adql.query.operand.OperationType;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes arithmetic left-associative, as ADQL's grammar defines it. ADQLlib 2.0 parses a chain
 * of {@code + -} (or of {@code * /}) right-recursively, so that {@code a - b - c} becomes
 * {@code a - (b - c)} and {@code 8 / 4 / 2} becomes {@code 8 / (4 / 2)} (gmantele/vollt#169);
 * its precedence ({@code * /} over {@code + -}) and parentheses ({@code WrappedOperand}) are
 * right. Each chain of operators of one precedence level (operations nested without
 * parentheses) is rebuilt left-deep with its operands and operators in the order written.
 */
final class Associativity {

    private Associativity() {
    }

    /** Rewrites every arithmetic chain in {@code query}, in place. */
    static void leftAssociate(ADQLObject query) {
        for (Operation op : Operands.find(query, Operation.class)) {
            rebuild(op);
        }
    }

    /**
     * Rebuilds the chain whose top is {@code top}, keeping {@code top} as the root object (its
     * parent refers to it); the inner operations are new. Reading the chain in order gives the
     * same sequence however it was associated, so the order in which chains are rebuilt does
     * not matter, and rebuilding twice changes nothing.
     */
    private static void rebuild(Operation top) {
        List<ADQLOperand> operands = new ArrayList<>();
        List<OperationType> operators = new ArrayList<>();
        flatten(top, level(top.getOperation()), operands, operators);
        if (operators.size() < 2) {
            return;
        }
        ADQLOperand left = operands.get(0);
        int last = operators.size() - 1;
        for (int i = 0; i < last; i++) {
            Operation inner = new Operation(left, operators.get(i), operands.get(i + 1));
            inner.setPosition(top.getPosition());
            left = inner;
        }
        top.setLeftOperand(left);
        top.setOperation(operators.get(last));
        top.setRightOperand(operands.get(last + 1));
    }

    /** The operands and operators of a chain, in the order written. */
    private static void flatten(ADQLOperand op, int level, List<ADQLOperand> operands, List<OperationType> operators) {
        if (op instanceof Operation o && level(o.getOperation()) == level) {
            flatten(o.getLeftOperand(), level, operands, operators);
            operators.add(o.getOperation());
            flatten(o.getRightOperand(), level, operands, operators);
        } else {
            operands.add(op);
        }
    }

    /** 1 for {@code + -}, 2 for {@code * /}. */
    private static int level(OperationType type) {
        return switch (type) {
            case SUM, SUB -> 1;
            case MULT, DIV -> 2;
        };
    }
}
