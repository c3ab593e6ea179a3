package dev.vigil.scoring.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

import dev.vigil.features.users.UserWindow;
import dev.vigil.scoring.Judgement;

/**
 * Judges a whole user-events window (all its features at once, its actions, its evidence), where a
 * {@link dev.vigil.scoring.Scorer} judges one feature's value against its own series. A {@link UserDetector} runs
 * several and lets the strongest finding decide.
 */
public interface UserScorer {

    String name();

    /**
     * Whether it judges an entity against what it learned about that entity (its habits), so it waits until the
     * entity has the detector's minimum history; a hard rule does not wait.
     */
    boolean needsHistory();

    /** Its finding on a window, or empty when it has nothing to say yet (warming up, no model loaded). */
    Optional<Judgement> judge(UserWindow window);

    /** After the detector's verdict on the window: learn from it (a scorer that learns only from normal windows checks). */
    default void learn(UserWindow window, boolean anomalous) {
    }

    /** Whether it keeps learned state worth saving across restarts ({@link #writeState}). */
    default boolean stateful() {
        return false;
    }

    /** What a saved state is valid for; a state saved with another is not restored. */
    default String stateSpec() {
        return name();
    }

    default void writeState(DataOutput out) throws IOException {
    }

    default void readState(DataInput in) throws IOException {
    }
}
