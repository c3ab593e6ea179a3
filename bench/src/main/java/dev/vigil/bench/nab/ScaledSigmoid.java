package dev.vigil.bench.nab;

/**
 * NAB's scaled sigmoid {@code 2 * sigmoid(-5x) - 1 = 2 / (1 + exp(5x)) - 1}, with NAB's relative position x: -1.0 at
 * the left edge of a window (0.98661), 0.0 at its right edge (0.0), positive past it (a false positive, towards -1);
 * beyond 3.0 it is exactly -1.0.
 */
public final class ScaledSigmoid {

    /** S(-1), the best a true positive can get; NAB divides true-positive scores by it so that the best is tpWeight. */
    public static final double MAX_TP = of(-1.0);

    private ScaledSigmoid() {
    }

    public static double of(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
