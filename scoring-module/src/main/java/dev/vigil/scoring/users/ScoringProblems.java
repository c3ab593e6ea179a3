package dev.vigil.scoring.users;

/**
 * Where a scorer reports what kept it from judging a window (a model input missing or NaN, an evaluator failure):
 * the application logs and counts it; the window is still judged by the detector's other scorers.
 */
@FunctionalInterface
public interface ScoringProblems {

    /** Drops every problem: for tools and tests that look at the scores only. */
    ScoringProblems IGNORE = (detector, scorer, entity, message) -> {
    };

    void report(String detector, String scorer, String entity, String message);
}
