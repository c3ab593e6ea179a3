package dev.vigil.scoring;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;

/**
 * The one sentence every deviation scorer writes, so alerts read alike whichever scorer raised them:
 * {@code "latency observed 250.0 vs expected 120.0: 4.3σ above (ewma, limit 3.0σ)"}.
 */
public final class Deviation {

    private Deviation() {
    }

    /**
     * @param sigmas signed: positive when {@code observed} is above {@code expected}
     * @param how    what measured it, e.g. {@code "robust z"} or {@code "seasonal, hour 14 UTC"}
     */
    public static String describe(String feature, double observed, double expected, double sigmas, String how,
            double limit) {
        return feature + " observed " + Numbers.significant(observed, 4) + " vs expected "
                + Numbers.significant(expected, 4) + ": " + Numbers.fixed(Math.abs(sigmas), 1) + "σ "
                + (sigmas >= 0 ? "above" : "below") + " (" + how + ", limit " + Numbers.fixed(limit, 1) + "σ)";
    }

    /**
     * The finding of a scorer that measures how far the value lies from an expected level, in units of a spread
     * (floored): quiet while the state has not learned the level yet.
     *
     * @param level what the expected value is, for the not-learned message, e.g. {@code "mean"}
     */
    public static Finding distance(String scorer, ScoringInput input, double expected, double spread, String level,
            double limit) {
        if (Double.isNaN(expected)) {
            return notLearned(scorer, input.feature(), level, limit);
        }
        double sigmas = (input.value() - expected) / input.floored(spread);
        return new Finding(scorer, Math.abs(sigmas), limit,
                describe(input.feature(), input.value(), expected, sigmas, scorer, limit));
    }

    /** The quiet finding of a scorer whose statistic the state has not learned yet (NaN expected value). */
    public static Finding notLearned(String scorer, String feature, String what, double limit) {
        return new Finding(scorer, 0, limit, feature + ": " + what + " not learned yet (" + scorer + ")");
    }

    /** Rejects a limit that is not a positive number, naming the scorer. */
    public static double positiveLimit(String scorer, double limit) {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException(scorer + " needs a positive limit, got " + limit);
        }
        return limit;
    }
}
