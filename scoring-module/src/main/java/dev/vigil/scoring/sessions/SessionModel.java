package dev.vigil.scoring.sessions;

import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Function;

import dev.vigil.features.logs.Session;

/**
 * A model of a service's normal sessions, trained on its first sessions (taken as normal), which then judges every
 * later one. Not thread-safe: the caller synchronises.
 */
public interface SessionModel {

    /** The model's name in the detectors file, e.g. {@code invariants}. */
    String kind();

    /** Whether it has learned all its training sessions and judges now. */
    boolean trained();

    /** Sessions learned so far. */
    long sessionsLearned();

    /** Learns one session taken as normal; ignored once trained, as a trained model learns no more. */
    void learn(Session session);

    /**
     * Judges a session against what the training sessions had in common.
     *
     * @param templates how to name a template id in a sentence, e.g. {@code 'Receiving block <*> src: <*>'}
     * @throws IllegalStateException before the model is trained
     */
    SessionVerdict judge(Session session, Function<String, String> templates);

    /** Writes what it has learned; {@link SessionModels#readFrom} reads it back for the same definition. */
    void writeTo(DataOutput out) throws IOException;
}
