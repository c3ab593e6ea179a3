package dev.vigil.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.ThresholdFactors;
import dev.vigil.features.state.SeriesState;
import dev.vigil.features.state.SeriesStates;
import dev.vigil.features.state.SeriesView;
import dev.vigil.features.state.StateSpec;
import dev.vigil.scoring.model.Ensemble;
import dev.vigil.scoring.model.EnsembleSettings;
import dev.vigil.scoring.users.ModelScorer;

/**
 * A named set of scorers applied to one or more features of each entity, with the per-series state they read.
 * Every scorer scores every feature of a window against the state that feature's series had before it; the
 * findings are then combined ({@link Combination}): the strongest decides the score and leads the explanation, so
 * several scorers that agree on one incident still give one score per window.
 * <p>
 * The detector owns its series' states: it computes the {@link StateSpec} its scorers need (quantiles, a seasonal
 * profile, their slots) so each series keeps only that memory, and {@link #states()} is what a restart snapshots.
 * <p>
 * With an {@link Ensemble} (model-backed detectors, or a likelihood), each entity is judged by its members on one
 * scale: each scorer on each feature and every model, each turned into how unusual it is for the entity; their
 * combination decides, and the raw findings stay in the explanation. The ensemble's entities, with their
 * models, are the second part of what a restart snapshots ({@link #ensemble()}).
 * <p>
 * A detector may also judge each window as a whole with a PMML model ({@link ModelScorer}, the users detectors' own):
 * the model reads the window's named features (a group's metrics and their statistics) and each feature's change since
 * the entity's previous window, {@code <feature>_delta} (its previous value kept in one slot of the feature's series).
 * That vector is what the score records, so what {@code ./vigil export-features} writes is what the model reads. The
 * model's finding decides beside the scorers' (or the ensemble's) and, like theirs, waits until the series have
 * {@code min-values}.
 * Thread-safe: a series is scored and taught under its state's monitor, an entity's members under theirs.
 */
public final class Detector {

    private static final double[] NO_SLOTS = new double[0];

    /** The features of a detector that scores every feature each window has (an open group: a host's metrics). */
    public static final List<String> EVERY_FEATURE = List.of();

    private final String name;
    private final List<String> features;
    private final FeatureKind kind;
    private final int minValues;
    private final List<Scorer> scorers;
    private final Combination combination;
    private final StateSpec spec;
    private final int[] slotOffsets;
    private final SeriesStates states;
    private final Calibration calibration;
    private final int calibrationOffset;
    private final ThresholdFactors thresholds = new ThresholdFactors();
    private final Ensemble ensemble;
    private final ModelScorer model;
    /** Where a series keeps its previous value, for the model's deltas. */
    private final int previousOffset;

    /**
     * @param features    features of each window to score, at least one; a window lacking one is rejected;
     *                    {@link #EVERY_FEATURE}: every feature of each window
     * @param combination how the features' findings combine; {@link Combination#max()} for a single feature
     */
    public Detector(String name, List<String> features, FeatureKind kind, BaselineSettings baseline,
            List<Scorer> scorers, Combination combination) {
        this(name, features, kind, baseline, scorers, combination, null);
    }

    /**
     * @param calibration how each feature's findings are calibrated against its series' own history of them, or
     *                    {@code null} for none: the raw findings decide
     */
    public Detector(String name, List<String> features, FeatureKind kind, BaselineSettings baseline,
            List<Scorer> scorers, Combination combination, Calibration calibration) {
        this(name, features, kind, baseline, scorers, combination, calibration, null, null);
    }

    /**
     * @param ensemble how each entity's members are judged on one scale, or {@code null}: the scorers' findings decide
     *                 (then there must be scorers, or a PMML model); not together with a calibration
     * @param model    a PMML model that judges each window as a whole, or {@code null}
     */
    public Detector(String name, List<String> features, FeatureKind kind, BaselineSettings baseline,
            List<Scorer> scorers, Combination combination, Calibration calibration, EnsembleSettings ensemble,
            ModelScorer model) {
        if (scorers.isEmpty() && (ensemble == null || ensemble.models().isEmpty()) && model == null) {
            throw new IllegalArgumentException("detector " + name + " has no scorer and no model");
        }
        if (calibration != null && ensemble != null) {
            throw new IllegalArgumentException("detector " + name + " judges by a likelihood; it has no calibration too");
        }
        if (features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException("detector " + name + " needs distinct features, got " + features);
        }
        this.name = name;
        this.features = List.copyOf(features);
        this.kind = kind;
        this.minValues = baseline.minValues();
        this.scorers = List.copyOf(scorers);
        this.combination = combination;
        this.slotOffsets = new int[scorers.size()];
        int slots = 0;
        for (int i = 0; i < scorers.size(); i++) {
            slotOffsets[i] = slots;
            slots += scorers.get(i).stateSlots();
        }
        this.calibration = calibration;
        this.calibrationOffset = slots;
        if (calibration != null) {
            slots += Calibration.SLOTS;
        }
        this.model = model;
        this.previousOffset = slots;
        if (model != null) {
            slots++;
        }
        this.spec = new StateSpec(baseline.window(), baseline.ewmaAlpha(),
                scorers.stream().flatMap(s -> s.reads().stream()).toList(), slots);
        this.states = new SeriesStates(spec, baseline.maxSeries());
        this.ensemble = ensemble == null ? null
                : new Ensemble(ensemble, scorers.stream().map(Scorer::name).toList(), Clock.systemUTC());
    }

    /** One feature, default memory ({@link BaselineSettings#defaults}), strongest finding decides. */
    public Detector(String name, String feature, FeatureKind kind, int minValues, List<Scorer> scorers) {
        this(name, List.of(feature), kind, BaselineSettings.defaults(minValues), scorers, Combination.max());
    }

    public String name() {
        return name;
    }

    public List<String> features() {
        return features;
    }

    /** The PMML model that judges its windows as a whole, if it has one. */
    public Optional<ModelScorer> model() {
        return Optional.ofNullable(model);
    }

    /** The name under which a window vector gives a feature's change since the entity's previous window. */
    public static String delta(String feature) {
        return feature + "_delta";
    }

    /** The calibration of its findings against each series' own history, or {@code null}. */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * Its threshold now: a factor on the deciding finding's limit, for the whole detector and per entity. Set by the
     * alert-budget tuning, by hand or by feedback; applies to the next window scored.
     */
    public ThresholdFactors thresholds() {
        return thresholds;
    }

    /** What each of this detector's series learns. */
    public StateSpec spec() {
        return spec;
    }

    /** The state of every series this detector has seen: snapshot it to survive a restart, restore it into a fresh one. */
    public SeriesStates states() {
        return states;
    }

    /** Its entities' members and models, or {@code null} without an ensemble: snapshotted beside {@link #states()}. */
    public Ensemble ensemble() {
        return ensemble;
    }

    /**
     * Forgets everything one entity has learned (its series and its models with them): its next values start a new
     * baseline.
     *
     * @return how many series were forgotten
     */
    public int forget(String source, String entity) {
        if (ensemble != null) {
            ensemble.forget(source, entity);
        }
        return states.forget(source, entity);
    }

    /** Forgets the series and entities nobody has used since {@code cutoff} (wall clock). */
    public void evictIdle(Instant cutoff) {
        states.evictIdle(cutoff);
        if (ensemble != null) {
            ensemble.evictIdle(cutoff);
        }
    }

    /**
     * Scores a closed window against what each feature's series had learned before it, then teaches the series
     * the window's values. Features whose series have fewer than {@code minValues} values are only taught. A feature
     * the window lacks (a group member that sent nothing in it, an empty cell of a replayed row) is missing data:
     * neither scored nor learned.
     *
     * @return empty while every present feature's series is still warming up
     * @throws IllegalArgumentException if the window has none of the features or a value is not finite; nothing is
     *                                  learned then
     */
    public Optional<Score> evaluate(FeatureVector window) {
        List<String> features = this.features == EVERY_FEATURE
                ? window.features().keySet().stream().sorted().toList() : this.features;
        double[] values = new double[features.size()];
        boolean any = false;
        for (int f = 0; f < values.length; f++) {
            Double value = window.features().get(features.get(f));
            if (value == null) {
                values[f] = Double.NaN;
                continue;
            }
            any = true;
            values[f] = value;
            if (!Double.isFinite(values[f])) {
                // one NaN learned would poison the series' mean and sketch for the rest of its window
                throw new IllegalArgumentException("window of " + window.entity() + " has a non-finite "
                        + features.get(f) + ": " + values[f]);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("window of " + window.entity() + " has none of the features " + features
                    + " of detector " + name + ", only " + window.features().keySet());
        }
        List<Judged> judged = new ArrayList<>(features.size() * scorers.size() + 2);
        List<Contribution> contributions = new ArrayList<>(features.size());
        Contribution[] byFeature = new Contribution[values.length];
        Finding[][] raw = new Finding[values.length][];
        // the PMML model's vector: the window's features and their deltas
        Map<String, Double> vector = model == null ? window.features() : new HashMap<>(window.features());
        for (int f = 0; f < values.length; f++) {
            if (Double.isNaN(values[f])) {
                continue;
            }
            SeriesState state = states.state(window.source(), window.entity(), features.get(f));
            synchronized (state) {
                if (state.count() >= minValues) {
                    int first = judged.size();
                    byFeature[f] = judge(window, features.get(f), values[f], state, judged);
                    contributions.add(byFeature[f]);
                    raw[f] = rawFindings(judged, first);
                }
                if (model != null && state.count() > 0) {
                    vector.put(delta(features.get(f)), values[f] - state.scorerSlots()[previousOffset]);
                }
                state.learn(window.windowStart(), values[f]);
                if (model != null) {
                    state.scorerSlots()[previousOffset] = values[f];
                }
            }
        }
        Ensemble.Verdict verdict = ensemble == null ? null
                : ensemble.judge(window.source(), window.entity(), features, values, raw);
        if (contributions.isEmpty()) {
            return Optional.empty();
        }
        if (combination.mode() == Combination.Mode.RSS) {
            judged.add(rss(contributions));
        }
        if (verdict != null) {
            // the raw findings and every member's stay as evidence; the entity's likelihood decides
            judged.replaceAll(j -> new Judged(j.finding(), j.contribution(), false));
            Contribution lead = verdict.lead() >= 0 && byFeature[verdict.lead()] != null ? byFeature[verdict.lead()]
                    : furthest(contributions);
            verdict.members().forEach(m -> judged.add(new Judged(m, lead, false)));
            judged.add(new Judged(verdict.decision(), lead, true));
        }
        Judgement judgement = model == null ? null : model.judge(window.entity(), vector).orElse(null);
        if (judgement != null) {
            judged.add(new Judged(judgement.finding(), judgement.lead(), true));
        }
        if (judged.isEmpty()) {
            return Optional.empty(); // no scorers, and the models are still learning or not there yet
        }
        // deciding findings first (calibrated ones, or the raw ones of a series not calibrated), strongest first
        judged.sort(Comparator.comparing(Judged::decides).reversed()
                .thenComparing(Comparator.comparingDouble((Judged j) -> j.finding().ratio()).reversed()));
        Judged lead = judged.get(0);
        Contribution why = lead.contribution();
        ThresholdFactors.Factor factor = thresholds.of(window.entity());
        double ratio = lead.finding().ratio() / factor.value();
        boolean anomalous = factor == ThresholdFactors.Factor.NONE ? lead.finding().anomalous() : ratio >= 1;
        List<String> evidence = judgement == null ? List.of() : judgement.evidence();
        if (anomalous && factor.value() != 1) {
            // an alert judged by another threshold than the configured one says so, and why
            evidence = concat(evidence, factor.explain());
        }
        return Optional.of(new Score(name, window.source(), window.entity(), window.labels(), window.windowEnd(),
                Score.normalise(ratio), Score.THRESHOLD, anomalous,
                new Explanation(why.feature(), why.observed(), why.expected(), why.scale(),
                        judged.stream().map(Judged::finding).toList(), contributions, evidence),
                model == null ? vector : Map.copyOf(vector), factor.value()));
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** Runs every scorer on one feature's value; the window's start decides its seasonal bucket. */
    private Contribution judge(FeatureVector window, String feature, double value, SeriesState state,
            List<Judged> judged) {
        double floor = kind.scaleFloor(state);
        double scale = Math.max(SeriesView.MAD_TO_SIGMA * state.mad(), floor);
        ScoringInput input = new ScoringInput(window.source(), window.entity(), window.labels(), window.windowStart(),
                feature, value, state, floor, scale);
        Contribution contribution = new Contribution(feature, value, state.median(), scale, input.robustZ());
        double[] slots = state.scorerSlots();
        int first = judged.size();
        Finding strongest = null;
        for (int i = 0; i < scorers.size(); i++) {
            Finding finding = score(i, input, slots);
            judged.add(new Judged(finding, contribution, true));
            if (strongest == null || finding.ratio() > strongest.ratio()) {
                strongest = finding;
            }
        }
        if (calibration != null && strongest != null) {
            Finding calibrated = calibration.calibrate(feature, strongest, slots, calibrationOffset);
            if (calibrated != null) {
                // the raw findings stay in the explanation as evidence; the calibrated one decides
                for (int j = first; j < judged.size(); j++) {
                    judged.set(j, new Judged(judged.get(j).finding(), contribution, false));
                }
                judged.add(new Judged(calibrated, contribution, true));
            }
        }
        return contribution;
    }

    /** Hands scorer {@code i} its own part of the series' slots, without copying when it owns all of them. */
    private Finding score(int i, ScoringInput input, double[] slots) {
        Scorer scorer = scorers.get(i);
        int size = scorer.stateSlots();
        if (size == 0) {
            return scorer.score(input, NO_SLOTS);
        }
        if (size == slots.length) {
            return scorer.score(input, slots);
        }
        double[] own = new double[size];
        System.arraycopy(slots, slotOffsets[i], own, 0, size);
        Finding finding = scorer.score(input, own);
        System.arraycopy(own, 0, slots, slotOffsets[i], size);
        return finding;
    }

    /** The scorers' findings on one feature, judged from {@code first} on, in the scorers' order. */
    private Finding[] rawFindings(List<Judged> judged, int first) {
        Finding[] findings = new Finding[scorers.size()];
        for (int s = 0; s < findings.length; s++) {
            findings[s] = judged.get(first + s).finding();
        }
        return findings;
    }

    /** The contribution of the feature furthest off. */
    private static Contribution furthest(List<Contribution> contributions) {
        Contribution furthest = contributions.get(0);
        for (Contribution c : contributions) {
            if (Math.abs(c.sigmas()) > Math.abs(furthest.sigmas())) {
                furthest = c;
            }
        }
        return furthest;
    }

    /** The root sum of squares of the features' robust z, led by the feature furthest off. */
    private Judged rss(List<Contribution> contributions) {
        double squares = 0;
        Contribution furthest = furthest(contributions);
        StringBuilder parts = new StringBuilder();
        for (Contribution c : contributions) {
            squares += c.sigmas() * c.sigmas();
            parts.append(parts.length() == 0 ? "" : ", ").append(c.feature()).append(" observed ")
                    .append(Numbers.significant(c.observed(), 4)).append(" vs expected ")
                    .append(Numbers.significant(c.expected(), 4)).append(" (")
                    .append(Double.doubleToRawLongBits(c.sigmas()) < 0 ? "" : "+").append(Numbers.fixed(c.sigmas(), 1))
                    .append("σ)");
        }
        double statistic = Math.sqrt(squares);
        String description = contributions.size() + " features together " + Numbers.fixed(statistic, 1) + "σ off: "
                + parts + " (rss, limit " + Numbers.fixed(combination.limit(), 1) + "σ)";
        return new Judged(new Finding(Combination.RSS_FINDING, statistic, combination.limit(), description), furthest,
                true);
    }

    /**
     * A finding with the feature values it was made on; {@code decides} is false for a raw finding of a calibrated
     * series, which explains but does not rank.
     */
    private record Judged(Finding finding, Contribution contribution, boolean decides) {
    }
}
