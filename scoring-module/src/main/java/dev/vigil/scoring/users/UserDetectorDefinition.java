package dev.vigil.scoring.users;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.features.users.EntityKind;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.pmml.PmmlModelException;

/**
 * A detector of the {@code users} stream as the detectors file describes it, checked: what it judges, how much
 * history it waits for, which windows it reports, and its scorers in file order.
 *
 * @param name       unique among all detectors
 * @param entity     users or client addresses
 * @param minHistory how long an entity must have been seen before the scorers that learn its habits judge it
 */
public record UserDetectorDefinition(String name, EntityKind entity, Duration minHistory, UserDetector.Report report,
        List<ScorerDefinition> scorers) {

    public UserDetectorDefinition {
        scorers = List.copyOf(scorers);
    }

    /**
     * Builds the detector.
     *
     * @param modelsFolder    where model files are looked for
     * @param problems        where scorers report windows they could not judge
     * @param recoveryWindows normal windows the alert lifecycle needs to resolve (for {@link UserDetector.Report#ANOMALIES})
     */
    public UserDetector build(Path modelsFolder, ScoringProblems problems, int recoveryWindows) {
        return new UserDetector(name, entity, minHistory,
                scorers.stream().map(s -> s.build(name, modelsFolder, problems)).toList(), report, recoveryWindows);
    }

    /** One configured scorer of a users detector. */
    public sealed interface ScorerDefinition permits Rules, Risk, Sequence, Model {
        UserScorer build(String detector, Path modelsFolder, ScoringProblems problems);
    }

    /** {@code rules:} a list of hard rules. */
    public record Rules(List<Rule> rules) implements ScorerDefinition {
        public Rules {
            rules = List.copyOf(rules);
        }

        @Override
        public UserScorer build(String detector, Path modelsFolder, ScoringProblems problems) {
            return new RuleScorer(rules);
        }
    }

    /** {@code risk:} hand-weighted terms against a limit. */
    public record Risk(List<RiskTerm> terms, double threshold) implements ScorerDefinition {
        public Risk {
            terms = List.copyOf(terms);
        }

        @Override
        public UserScorer build(String detector, Path modelsFolder, ScoringProblems problems) {
            return new RiskScorer(terms, threshold);
        }
    }

    /** {@code sequence:} the Markov model of actions. */
    public record Sequence(double alpha, int maxStates, double threshold, int steps, int minWindows)
            implements ScorerDefinition {
        @Override
        public UserScorer build(String detector, Path modelsFolder, ScoringProblems problems) {
            return new SequenceScorer(alpha, maxStates, threshold, steps, minWindows);
        }
    }

    /**
     * {@code model:} a PMML model in the models folder, in a {@link ModelSlot} of its own.
     *
     * @param file           a file name in the models folder
     * @param inputByFeature Vigil feature to model input field
     * @param threshold      the score at which a window is anomalous, NaN for the model's own boundary (then a model
     *                       without one, k-means, is refused when it loads)
     * @param features       the features of the detector's windows: a model input not in the mapping is fed by the
     *                       feature of its name
     */
    public record Model(String file, Map<String, String> inputByFeature, double threshold, Set<String> features)
            implements ScorerDefinition {
        public Model {
            inputByFeature = Map.copyOf(inputByFeature);
            features = Set.copyOf(features);
        }

        @Override
        public ModelScorer build(String detector, Path modelsFolder, ScoringProblems problems) {
            boolean ownBoundary = Double.isNaN(threshold);
            ModelSlot slot = new ModelSlot(detector, modelsFolder.resolve(file), inputByFeature, features, loaded -> {
                if (ownBoundary && !loaded.hasBoundary()) {
                    throw new PmmlModelException("Cannot use PMML model " + loaded.name() + " in detector " + detector
                            + ": a " + loaded.kind() + " model has no decision boundary of its own; set the "
                            + "detector's model threshold");
                }
            });
            return new ModelScorer(detector, slot, threshold, problems);
        }
    }
}
