package dev.vigil.scoring.config;

import java.time.Duration;

import dev.vigil.scoring.config.DetectorDefinition.Stream;

/**
 * A detector that judges logs with a model of its own rather than with scorers on a series: which model, with its
 * parameters as the detectors file gives them ({@code model: {<kind>: {...}}}).
 */
public sealed interface ModelDefinition {

    /** The name the detectors file gives this kind of model. */
    String kind();

    /** The stream whose windows or sessions the model reads: a service's windows for novelty, else its sessions. */
    default Stream stream() {
        return this instanceof Novelty ? Stream.LOGS : Stream.LOG_SESSIONS;
    }

    /**
     * A template never seen before that appears at ERROR level: each service window is anomalous while it has error
     * lines of a template born less than {@code period} ago (event time), once the service has logged
     * {@code warmUpLines} lines, so the templates of a service's first hour are not all news.
     */
    record Novelty(Duration period, long warmUpLines) implements ModelDefinition {

        public static final String KIND = "novelty";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Invariants of a session's event-count vector (Lou et al., "Mining Invariants from Console Logs", USENIX ATC
     * 2010): learned from a service's first {@code training} sessions, taken as normal, every pair of events whose
     * counts keep one small integer ratio (up to {@code maxRatio}) in at least {@code support} of the sessions that
     * have either; a later session breaking one, or having an event those sessions never had, is anomalous.
     */
    record Invariants(int training, double support, int maxRatio) implements ModelDefinition {

        public static final String KIND = "invariants";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * The order of a session's events: a first-order Markov model of what follows what, with the session's end as a
     * last step, learned from a service's first {@code training} sessions; a later session with a step less likely
     * than {@code 2^-limitBits} is anomalous.
     */
    record Transitions(int training, double alpha, double limitBits, int maxStates) implements ModelDefinition {

        public static final String KIND = "transitions";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The kinds the detectors file may name, for messages. */
    static String kinds() {
        return String.join(", ", Novelty.KIND, Invariants.KIND, Transitions.KIND);
    }
}
