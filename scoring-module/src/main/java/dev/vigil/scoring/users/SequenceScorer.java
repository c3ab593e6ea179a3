package dev.vigil.scoring.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Finding;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.sequence.ActionTransitions.Step;
import dev.vigil.features.users.UserWindow;
import dev.vigil.scoring.Judgement;

/**
 * How improbable a window's sequence of actions is, by a first-order Markov model of what follows what
 * ({@link ActionTransitions}) learned from the windows of all users that were judged normal, so an attack is never
 * learned as normal. The statistic is the mean surprise, in bits, of the window's {@code steps} least probable
 * transitions: one rare but harmless step in a long session is diluted, a run of them (login, change-password,
 * delete, delete, ...) is not. Quiet until the model has learned {@code minWindows} windows.
 * <p>
 * A step is judged by the model's {@code P(next | action)}, except after an action the model has seen fewer than
 * {@value #MIN_ROW} times: what follows it is unknown (the model's answer would be uniform, hence unsurprising), so
 * the next action is judged by how rare it is overall, {@code (c(next) + α) / (N + α·(V + 1))} over the
 * {@code N} transitions learned. A run of actions no normal window ever had is then as surprising as it should be.
 */
public final class SequenceScorer implements UserScorer {

    public static final String NAME = "sequence";
    /** The feature name its findings carry. */
    public static final String FEATURE = "action_sequence";
    private static final double LOG2 = Math.log(2);
    /** An action seen fewer times than this says nothing of what follows it. */
    static final int MIN_ROW = 5;

    private final double alpha;
    private final int maxStates;
    private final double limit;
    private final int steps;
    private final int minWindows;
    private ActionTransitions model;
    private long windowsLearned;
    private long transitionsLearned;
    /** Running mean of the statistic over the windows learned: what "usual" is, for the explanation. */
    private double usualBits;
    /** The last window judged and its statistic, which {@link #learn} of the same window reuses. */
    private UserWindow lastJudged;
    private double lastBits;

    /**
     * @param alpha      the model's additive smoothing
     * @param maxStates  the most distinct actions it remembers
     * @param limit      bits per step at which a window is anomalous
     * @param steps      how many of the least probable transitions the statistic averages
     * @param minWindows windows learned before it judges
     */
    public SequenceScorer(double alpha, int maxStates, double limit, int steps, int minWindows) {
        if (!(limit > 0) || Double.isInfinite(limit) || steps < 1 || minWindows < 0) {
            throw new IllegalArgumentException("sequence needs a positive limit, steps >= 1 and min-windows >= 0, got "
                    + limit + ", " + steps + ", " + minWindows);
        }
        this.alpha = alpha;
        this.maxStates = maxStates;
        this.limit = limit;
        this.steps = steps;
        this.minWindows = minWindows;
        this.model = new ActionTransitions(alpha, maxStates);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsHistory() {
        return false;
    }

    public long windowsLearned() {
        return windowsLearned;
    }

    @Override
    public synchronized Optional<Judgement> judge(UserWindow window) {
        List<String> actions = window.actions();
        if (actions.size() < 2 || windowsLearned < minWindows) {
            return Optional.empty();
        }
        List<Step> scored = new ArrayList<>(actions.size() - 1);
        for (int i = 1; i < actions.size(); i++) {
            String from = actions.get(i - 1);
            String to = actions.get(i);
            double p = probability(from, to);
            scored.add(new Step(from, to, p, -Math.log(p) / LOG2, model.timesSeen(from, to)));
        }
        List<Step> rarest = new ActionTransitions.SequenceSurprise(scored).rarest(steps);
        double bits = rarest.stream().mapToDouble(Step::bits).average().orElse(0);
        lastJudged = window;
        lastBits = bits;
        boolean anomalous = bits >= limit;
        String description = anomalous
                ? String.format(Locale.ROOT, "improbable actions: %s: %.1f bits per step on the %d rarest (sequence, "
                        + "limit %.1f, usually %.1f)", describe(scored), bits, rarest.size(), limit, usualBits)
                : String.format(Locale.ROOT, "actions as usual: %.1f bits per step on the %d rarest (sequence, limit %.1f)",
                        bits, rarest.size(), limit);
        List<String> evidence = anomalous ? List.of("actions in this window: " + collapse(actions.subList(1, actions.size())))
                : List.of();
        return Optional.of(new Judgement(new Finding(NAME, bits, limit, description),
                Judgement.contribution(FEATURE, bits, usualBits, 1), evidence));
    }

    private double probability(String from, String to) {
        if (ActionTransitions.START.equals(from) || model.timesSeen(from) >= MIN_ROW) {
            return model.probability(from, to);
        }
        return (model.timesSeen(to) + alpha) / (transitionsLearned + alpha * (model.states() + 1));
    }

    /** The window's three least probable transitions, each once, with how often it occurred in the window. */
    private static String describe(List<Step> steps) {
        Map<String, Step> rarestOfKind = new LinkedHashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        for (Step step : steps) {
            String key = step.from() + "\u0000" + step.to();
            rarestOfKind.merge(key, step, (a, b) -> a.probability() <= b.probability() ? a : b);
            occurrences.merge(key, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        rarestOfKind.entrySet().stream().sorted(Comparator.comparingDouble(e -> e.getValue().probability())).limit(3)
                .forEach(e -> {
                    Step step = e.getValue();
                    String from = ActionTransitions.START.equals(step.from()) ? "(start)" : step.from();
                    int times = occurrences.get(e.getKey());
                    parts.add(String.format(Locale.ROOT, "%s → %s%s (p %.2g, %s after %s)", from, step.to(),
                            times > 1 ? " ×" + times : "", step.probability(),
                            step.timesSeen() == 0 ? "never seen" : "seen " + step.timesSeen() + " times", from));
                });
        return String.join(", ", parts);
    }

    /** {@code login, change-password, delete ×40, logout}: runs of one action written once. */
    static String collapse(List<String> actions) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < actions.size();) {
            int j = i;
            while (j < actions.size() && actions.get(j).equals(actions.get(i))) {
                j++;
            }
            parts.add(j - i > 1 ? actions.get(i) + " ×" + (j - i) : actions.get(i));
            i = j;
        }
        return String.join(", ", parts);
    }

    /** Learns the window's transitions when it was judged normal. */
    @Override
    public synchronized void learn(UserWindow window, boolean anomalous) {
        List<String> actions = window.actions();
        if (anomalous || actions.size() < 2) {
            return;
        }
        double bits = window == lastJudged ? lastBits : -1;
        lastJudged = null;
        for (int i = 1; i < actions.size(); i++) {
            model.learn(actions.get(i - 1), actions.get(i));
        }
        transitionsLearned += actions.size() - 1;
        windowsLearned++;
        if (bits >= 0) {
            usualBits += (bits - usualBits) / Math.min(windowsLearned, 1000);
        }
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public String stateSpec() {
        return String.format(Locale.ROOT, "sequence alpha=%s states=%d", alpha, maxStates);
    }

    @Override
    public synchronized void writeState(DataOutput out) throws IOException {
        model.writeTo(out);
        out.writeLong(windowsLearned);
        out.writeLong(transitionsLearned);
        out.writeDouble(usualBits);
    }

    @Override
    public synchronized void readState(DataInput in) throws IOException {
        ActionTransitions restored = ActionTransitions.readFrom(in, alpha, maxStates);
        long learned = in.readLong();
        long transitions = in.readLong();
        double usual = in.readDouble();
        model = restored;
        windowsLearned = learned;
        transitionsLearned = transitions;
        usualBits = usual;
    }
}
