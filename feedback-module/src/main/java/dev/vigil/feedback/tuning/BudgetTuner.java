package dev.vigil.feedback.tuning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.AlertBudget;
import dev.vigil.contracts.AlertBudget.EntityBudget;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.history.HistoryReader.ReplayRow;
import dev.vigil.feedback.history.HistoryReader.Span;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.AlertVerdicts.AnsweredAlert;
import dev.vigil.feedback.tuning.AlertReplay.Replayed;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Holds each detector with a budget ({@code budget:} in the detectors file) to its alerts per day by moving its
 * threshold factor. A run replays the last {@code vigil.tuning.lookback} of the detector's score history (in event
 * time, up to its newest window) at a grid of factors around the one in force, {@code vigil.tuning.grid-step} apart and
 * at most {@code vigil.tuning.max-step} away (and within {@code min-factor .. max-factor}), through the live N-of-M
 * confirmation and lifecycle ({@link AlertReplay}); for each factor it counts the alerts per day and the confirmed
 * incidents (alerts answered true incident) that would still have alerted. It then takes, in this order of
 * preference: a factor within the budget (when none in reach is, the fewest alerts and, among equals, the highest
 * factor: the budget comes first, and the next run goes on from there); the most confirmed incidents kept; the
 * smallest change from the factor in force (so a detector within its budget that keeps its incidents is left as it
 * is, and one over it moves no further than it must). Entities with a budget of their own are tuned the same way, each on its own factor; entities
 * with a factor of their own from elsewhere (feedback) keep it, and their alerts count against the detector's budget.
 * A pinned factor is left alone. Every change goes through {@link Thresholds}: recorded, then applied at once.
 */
@Startup // a mistake in its configuration stops Vigil at start, naming the key
@ApplicationScoped
public class BudgetTuner {

    private static final Logger LOG = Logger.getLogger(BudgetTuner.class);
    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

    /** What a run did for one detector's (or one entity's) factor. */
    public enum Status {
        /** The factor was changed (recorded and applied). */
        CHANGED,
        /** The factor in force was the best choice. */
        KEPT,
        /** Not tuned: no budget, pinned, or not enough history. */
        SKIPPED
    }

    /**
     * One factor's outcome.
     *
     * @param entity             {@link ThresholdChange#DETECTOR} for the detector's own factor
     * @param days               the history replayed, in days
     * @param alertsPerDayBefore at the factor in force, replayed
     * @param alertsPerDayAfter  at the factor chosen
     * @param incidents          confirmed incidents in the history replayed
     * @param keptBefore         of them, those that alert at the factor in force
     * @param keptAfter          ... and at the factor chosen
     */
    public record Outcome(String detector, String entity, Status status, double budget, double days, double oldFactor,
            double newFactor, double alertsPerDayBefore, double alertsPerDayAfter, int incidents, int keptBefore,
            int keptAfter, String reason) {
    }

    private final HistoryReader history;
    private final AlertVerdicts alerts;
    private final Thresholds thresholds;
    private final LiveDetectors detectors;
    private final TuningConfig config;
    private final AlertReplay replay;

    public BudgetTuner(HistoryReader history, AlertVerdicts alerts, Thresholds thresholds, LiveDetectors detectors,
            TuningConfig config, AlertingConfig alerting,
            @ConfigProperty(name = "vigil.alerting.anomalous-windows") int anomalousWindows,
            @ConfigProperty(name = "vigil.alerting.of-last-windows") int ofLastWindows,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) {
        this.history = history;
        this.alerts = alerts;
        this.thresholds = thresholds;
        this.detectors = detectors;
        this.config = config;
        this.replay = new AlertReplay(new ConfirmationPolicy(anomalousWindows, ofLastWindows, recoveryWindows),
                alerting.lifecycle());
        if (!(config.maxStep() > 1) || !(config.gridStep() > 1) || !(config.minFactor() > 0)
                || !(config.maxFactor() >= config.minFactor())) {
            throw new IllegalArgumentException("vigil.tuning: need max-step > 1, grid-step > 1 and 0 < min-factor <= "
                    + "max-factor, got max-step=" + config.maxStep() + " grid-step=" + config.gridStep() + " min-factor="
                    + config.minFactor() + " max-factor=" + config.maxFactor());
        }
    }

    /** The scheduled run ({@code vigil.tuning.cron}): every detector with a budget; a failure is logged. */
    @Scheduled(identity = "vigil-budget-tuning", cron = "${vigil.tuning.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            tuneAll();
        } catch (Exception e) {
            LOG.errorf(e, "Alert-budget tuning failed; it runs again on schedule");
        }
    }

    /** Tunes every detector with a budget, in the order of the detectors file. */
    public synchronized List<Outcome> tuneAll() throws Exception {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (LiveDetector d : detectors.all()) {
            if (d.budget() != null) {
                outcomes.addAll(tune(d));
            }
        }
        LOG.infof("Alert-budget tuning: %d factors looked at, %d changed, in %.1f s", outcomes.size(),
                outcomes.stream().filter(o -> o.status() == Status.CHANGED).count(), (System.nanoTime() - start) / 1e9);
        return outcomes;
    }

    /** Tunes one detector (its own factor and those of its entities with a budget of their own). */
    public synchronized List<Outcome> tune(String detector) throws Exception {
        LiveDetector d = detectors.named(detector).orElseThrow(() -> new IllegalArgumentException(
                "unknown detector '" + detector + "'"));
        if (d.budget() == null) {
            return List.of(skipped(detector, ThresholdChange.DETECTOR, Double.NaN, "it has no budget in the detectors file"));
        }
        return tune(d);
    }

    private List<Outcome> tune(LiveDetector d) throws Exception {
        String name = d.name();
        AlertBudget budget = d.budget();
        Optional<Instant> newest = history.latest(name);
        if (newest.isEmpty()) {
            return List.of(skipped(name, ThresholdChange.DETECTOR, budget.alertsPerDay(), "no score history yet"));
        }
        Instant to = newest.get().plusMillis(1);
        Span span = history.span(name, to.minus(config.lookback()), to).orElseThrow();
        Duration covered = Duration.between(span.first(), span.last());
        if (covered.compareTo(config.minHistory()) < 0) {
            return List.of(skipped(name, ThresholdChange.DETECTOR, budget.alertsPerDay(), String.format(Locale.ROOT,
                    "only %.1f h of score history, tuning needs %s (vigil.tuning.min-history)",
                    covered.toMillis() / 3_600_000.0, config.minHistory())));
        }
        double days = covered.toMillis() / DAY_MILLIS;
        Map<String, List<AnsweredAlert>> incidents = new HashMap<>();
        for (AnsweredAlert a : alerts.overlapping(name, span.first(), to)) {
            if (a.answered(Verdict.TRUE_INCIDENT)) {
                incidents.computeIfAbsent(a.fingerprint(), f -> new ArrayList<>()).add(a);
            }
        }
        Group detectorGroup = group(name, ThresholdChange.DETECTOR, budget.alertsPerDay());
        Map<String, Group> entityGroups = new LinkedHashMap<>();
        Fingerprint current = new Fingerprint();
        history.replayRows(name, span.first(), to, row -> {
            if (!row.fingerprint().equals(current.fingerprint)) {
                replay(name, current, budget, detectorGroup, entityGroups, incidents);
                current.start(row);
            }
            current.add(row);
        });
        replay(name, current, budget, detectorGroup, entityGroups, incidents);

        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(choose(name, detectorGroup, days));
        for (Group g : entityGroups.values()) {
            outcomes.add(choose(name, g, days));
        }
        return outcomes;
    }

    /** Replays one fingerprint's windows at every factor of its group and adds up its alerts and kept incidents. */
    private void replay(String detector, Fingerprint fp, AlertBudget budget, Group detectorGroup,
            Map<String, Group> entityGroups, Map<String, List<AnsweredAlert>> incidents) throws Exception {
        if (fp.fingerprint == null || fp.times.isEmpty()) {
            return;
        }
        Optional<EntityBudget> own = budget.entityBudget(fp.entity);
        Group g = own.isPresent()
                ? entityGroups.computeIfAbsent(fp.entity, e -> group(detector, e, own.get().alertsPerDay()))
                : detectorGroup;
        // an entity with a factor of its own from elsewhere keeps it whatever the detector's becomes
        Double fixed = own.isEmpty() && thresholds.latest(detector, fp.entity).isPresent()
                ? thresholds.inForce(detector, fp.entity).value() : null;
        List<AnsweredAlert> confirmed = incidents.getOrDefault(fp.fingerprint, List.of());
        g.incidents += confirmed.size();
        SortedMap<String, String> labels = history.labels(fp.labelsJson);
        double[] ratios = fp.ratios();
        List<Replayed> atFixed = fixed == null ? null
                : replay.run(detector, fp.source, fp.entity, labels, fp.times, ratios, fixed);
        // the windows anomalous at a factor are those with ratio >= factor: two factors with as many such windows
        // flag the same ones and raise the same alerts, and a factor above every ratio raises none
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        Map<Integer, List<Replayed>> byAnomalous = new HashMap<>();
        byAnomalous.put(0, List.of());
        for (int c = 0; c < g.candidates.length; c++) {
            double factor = g.candidates[c];
            List<Replayed> raised = atFixed != null ? atFixed : byAnomalous.computeIfAbsent(atOrAbove(sorted, factor),
                    n -> replay.run(detector, fp.source, fp.entity, labels, fp.times, ratios, factor));
            g.alerts[c] += raised.size();
            for (AnsweredAlert incident : confirmed) {
                if (raised.stream().anyMatch(r -> r.overlaps(incident.startsAt(), incident.endsAt()))) {
                    g.kept[c]++;
                }
            }
        }
    }

    /** How many of the sorted ratios are at least {@code factor}. */
    private static int atOrAbove(double[] sorted, double factor) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] >= factor) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return sorted.length - low;
    }

    private Outcome choose(String detector, Group g, double days) throws Exception {
        int now = g.current;
        double before = g.alerts[now] / days;
        if (g.pinned) {
            return new Outcome(detector, g.entity, Status.SKIPPED, g.budget, days, g.candidates[now], g.candidates[now],
                    before, before, g.incidents, g.kept[now], g.kept[now], "its factor is pinned");
        }
        int best = now;
        for (int c = 0; c < g.candidates.length; c++) {
            if (better(g, c, best, days)) {
                best = c;
            }
        }
        double after = g.alerts[best] / days;
        String facts = String.format(Locale.ROOT, "alert budget %s/day: %.1f/day at ×%.2f over %.1f days of score "
                + "history", number(g.budget), before, g.candidates[now], days);
        String incidents = String.format(Locale.ROOT, "%d of %d confirmed incidents alert", g.kept[best], g.incidents);
        if (best == now) {
            String why = before <= g.budget ? "within budget" : "no factor within reach does better (min-factor .. max-factor)";
            return new Outcome(detector, g.entity, Status.KEPT, g.budget, days, g.candidates[now], g.candidates[now],
                    before, before, g.incidents, g.kept[now], g.kept[now], facts + ", " + incidents + ": " + why);
        }
        String reason = String.format(Locale.ROOT, "%s; at ×%.2f %.1f/day, %s%s", facts, g.candidates[best], after,
                incidents, after <= g.budget ? "" : "; still over budget, a run moves at most ×" + number(config.maxStep()));
        thresholds.set(detector, g.entity, g.candidates[best], false, reason, ThresholdChange.BY_JOB);
        return new Outcome(detector, g.entity, Status.CHANGED, g.budget, days, g.candidates[now], g.candidates[best],
                before, after, g.incidents, g.kept[now], g.kept[best], reason);
    }

    /**
     * Within budget first; over it, the fewest alerts; then the most incidents kept; then, within budget, the smallest
     * change, and over it, the highest factor.
     */
    private static boolean better(Group g, int c, int best, double days) {
        boolean fits = g.alerts[c] / days <= g.budget;
        boolean bestFits = g.alerts[best] / days <= g.budget;
        if (fits != bestFits) {
            return fits;
        }
        if (!fits && g.alerts[c] != g.alerts[best]) {
            return g.alerts[c] < g.alerts[best];
        }
        if (g.kept[c] != g.kept[best]) {
            return g.kept[c] > g.kept[best];
        }
        if (!fits) {
            // nothing in reach does better yet: go as far as a run may, the next run goes on from there
            return g.candidates[c] > g.candidates[best];
        }
        return g.distance(c) < g.distance(best);
    }

    private Group group(String detector, String entity, double budget) {
        double factor = thresholds.inForce(detector, entity).value();
        TreeSet<Double> grid = new TreeSet<>();
        double low = Math.max(config.minFactor(), factor / config.maxStep());
        double high = Math.min(config.maxFactor(), factor * config.maxStep());
        grid.add(factor);
        if (low <= high) {
            grid.add(low);
            grid.add(high);
            for (double f = factor * config.gridStep(); f < high; f *= config.gridStep()) {
                grid.add(f);
            }
            for (double f = factor / config.gridStep(); f > low; f /= config.gridStep()) {
                grid.add(f);
            }
        }
        double[] candidates = grid.stream().mapToDouble(Double::doubleValue).toArray();
        int current = java.util.Arrays.binarySearch(candidates, factor);
        return new Group(entity, budget, candidates, current, thresholds.pinned(detector, entity));
    }

    private static Outcome skipped(String detector, String entity, double budget, String reason) {
        LOG.infof("Alert-budget tuning left %s alone: %s", detector, reason);
        return new Outcome(detector, entity, Status.SKIPPED, budget, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, 0, 0, reason);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** The factors one budget is tried at, with what each gave so far. */
    private static final class Group {
        final String entity;
        final double budget;
        final double[] candidates;
        final int current;
        final boolean pinned;
        final long[] alerts;
        final int[] kept;
        int incidents;

        Group(String entity, double budget, double[] candidates, int current, boolean pinned) {
            this.entity = entity;
            this.budget = budget;
            this.candidates = candidates;
            this.current = current;
            this.pinned = pinned;
            this.alerts = new long[candidates.length];
            this.kept = new int[candidates.length];
        }

        double distance(int c) {
            return Math.abs(Math.log(candidates[c] / candidates[current]));
        }
    }

    /** The windows of the fingerprint being read. */
    private static final class Fingerprint {
        String fingerprint;
        String source;
        String entity;
        String labelsJson;
        final List<Instant> times = new ArrayList<>();
        double[] ratios = new double[256];

        void start(ReplayRow row) {
            fingerprint = row.fingerprint();
            source = row.source();
            entity = row.entity();
            labelsJson = row.labelsJson();
            times.clear();
        }

        void add(ReplayRow row) {
            if (times.size() == ratios.length) {
                ratios = java.util.Arrays.copyOf(ratios, ratios.length * 2);
            }
            ratios[times.size()] = row.ratio();
            times.add(row.windowEnd());
        }

        double[] ratios() {
            return java.util.Arrays.copyOf(ratios, times.size());
        }
    }
}
