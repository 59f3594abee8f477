package sample.features;

import java.util.function.IntBinaryOperator;

/** Enum with constant-specific bodies, a constructor, a lambda field and a switch over itself. */
public enum Operation {
    PLUS("+") {
        @Override
        int apply(int a, int b) {
            return a + b;
        }
    },
    TIMES("*") {
        @Override
        int apply(int a, int b) {
            return a * b;
        }
    },
    POWER("^") {
        @Override
        int apply(int a, int b) {
            int result = 1;
            for (int i = 0; i < b; i++) {
                result *= a;
            }
            return result;
        }
    };

    private final String symbol;
    private final IntBinaryOperator checked = (a, b) -> {
        if (b < 0) {
            throw new ArithmeticException("negative operand");
        }
        return apply(a, b);
    };

    Operation(String symbol) {
        this.symbol = symbol;
    }

    abstract int apply(int a, int b);

    public int applyChecked(int a, int b) {
        return checked.applyAsInt(a, b);
    }

    public String symbol() {
        return symbol;
    }

    public static String kind(Operation operation) {
        switch (operation) {
            case PLUS:
                return "additive";
            case TIMES:
            case POWER:
                return "multiplicative";
            default:
                return "unknown";
        }
    }
}
