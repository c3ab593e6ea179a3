package dev.vigil.scoring.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;
import dev.vigil.features.users.UserWindow;
import dev.vigil.scoring.Judgement;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.pmml.PmmlModel;
import dev.vigil.scoring.pmml.PmmlModelException;
import dev.vigil.scoring.pmml.PmmlResult;

/**
 * A PMML model trained elsewhere (an Isolation Forest on users' feature vectors, say), scored on the window's
 * features through its {@link ModelSlot}, which swaps in new versions as they are dropped in the models folder.
 * The finding is the model's 0..1 score against the configured threshold, or the model's own decision boundary
 * (sklearn's {@code -offset_} for an Isolation Forest), and it names the model's file, version and SHA-256, so every
 * score says which model made it. An input the model cannot be given (missing, NaN) is reported with the entity and
 * the field ({@link ScoringProblems}) and the model says nothing on that window; the other scorers still judge it.
 */
public final class ModelScorer implements UserScorer {

    public static final String NAME = "model";

    private final String detector;
    private final ModelSlot slot;
    private final double threshold;
    private final ScoringProblems problems;
    /** The model's name as findings give it, for the model in use (a reload makes another). */
    private volatile Named named;

    /** @param threshold the score at which a window is anomalous, or NaN for the model's own boundary */
    public ModelScorer(String detector, ModelSlot slot, double threshold, ScoringProblems problems) {
        this.detector = detector;
        this.slot = slot;
        this.threshold = threshold;
        this.problems = problems;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The features of a user seen for an hour say little about it; the model waits like the learned scorers. */
    @Override
    public boolean needsHistory() {
        return true;
    }

    public ModelSlot slot() {
        return slot;
    }

    @Override
    public Optional<Judgement> judge(UserWindow window) {
        return judge(window.vector().entity(), window.vector().features());
    }

    /**
     * Judges any entity's named features: a user's window here, a metric detector's window vector there
     * ({@code dev.vigil.scoring.Detector}), with the same mapping, errors and finding.
     */
    public Optional<Judgement> judge(String entity, Map<String, Double> features) {
        Optional<PmmlModel> loaded = slot.current();
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        PmmlModel model = loaded.get();
        PmmlResult result;
        try {
            result = model.score(entity, features);
        } catch (PmmlModelException e) {
            problems.report(detector, NAME, entity, e.getMessage());
            return Optional.empty();
        }
        boolean own = Double.isNaN(threshold);
        double limit = own ? result.boundary() : threshold;
        String description = named(model) + ": anomaly score " + Numbers.fixed(result.score(), 3) + ", limit "
                + Numbers.fixed(limit, 3) + (own ? " (the model's own boundary)" : " (configured)");
        List<String> evidence = new ArrayList<>();
        if (result.score() >= limit) {
            evidence.add("model " + model.name() + " inputs: " + inputs(model, features));
        }
        return Optional.of(new Judgement(new Finding(NAME, result.score(), limit, description),
                Judgement.contribution(model.name(), result.score(), limit, 1 - limit), evidence));
    }

    /** "isolation forest user-behaviour.pmml (version 3, sha256 …)", made once per model rather than per window. */
    private String named(PmmlModel model) {
        Named last = named;
        if (last == null || last.model() != model) {
            last = new Named(model, model.kind() + " " + model.name() + " (version " + model.version() + ", sha256 "
                    + model.checksum() + ")");
            named = last;
        }
        return last.text();
    }

    private record Named(PmmlModel model, String text) {
    }

    private static String inputs(PmmlModel model, Map<String, Double> features) {
        List<String> parts = new ArrayList<>();
        model.featureByInput().forEach((input, feature) -> parts.add(input + "="
                + Numbers.significant(features.getOrDefault(feature, Double.NaN), 4)));
        return String.join(", ", parts);
    }
}
