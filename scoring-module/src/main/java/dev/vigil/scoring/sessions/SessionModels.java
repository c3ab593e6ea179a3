package dev.vigil.scoring.sessions;

import java.io.DataInput;
import java.io.IOException;

import dev.vigil.scoring.config.ModelDefinition;

/** Builds and restores the session model a detector definition names. */
public final class SessionModels {

    private SessionModels() {
    }

    /**
     * A fresh model for a {@code log-sessions} detector.
     *
     * @throws IllegalArgumentException for a model that does not judge sessions
     */
    public static SessionModel create(ModelDefinition definition) {
        if (definition instanceof ModelDefinition.Invariants invariants) {
            return new InvariantsModel(invariants);
        }
        if (definition instanceof ModelDefinition.Transitions transitions) {
            return new TransitionsModel(transitions);
        }
        throw notForSessions(definition);
    }

    /**
     * A model written by {@link SessionModel#writeTo} for the same definition.
     *
     * @throws dev.vigil.features.state.SnapshotMismatchException when it was written by another kind or version of
     *                                                            model, or with other parameters: relearn
     */
    public static SessionModel readFrom(DataInput in, ModelDefinition definition) throws IOException {
        if (definition instanceof ModelDefinition.Invariants invariants) {
            return InvariantsModel.readFrom(in, invariants);
        }
        if (definition instanceof ModelDefinition.Transitions transitions) {
            return TransitionsModel.readFrom(in, transitions);
        }
        throw notForSessions(definition);
    }

    private static IllegalArgumentException notForSessions(ModelDefinition definition) {
        return new IllegalArgumentException("a " + definition.kind() + " model does not judge sessions");
    }
}
