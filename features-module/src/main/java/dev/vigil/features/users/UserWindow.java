package dev.vigil.features.users;

import java.util.List;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.features.sequence.ActionTransitions;

/**
 * A closed window of one user or one address, ready to be judged.
 *
 * @param vector   the entity's features ({@link UserFeatures#names(EntityKind)}) as of the window's end, over every
 *                 horizon
 * @param kind     user or address
 * @param actions  the window's actions in order, after the action before them in the same session or
 *                 {@link ActionTransitions#START} (so the first is always a predecessor, never scored itself); only
 *                 {@code START} for an address
 * @param evidence facts that back an alert, for a person to check ("countries in the last 24 h: DE, RU (new for
 *                 this user: RU)")
 */
public record UserWindow(FeatureVector vector, EntityKind kind, List<String> actions, List<String> evidence) {

    public UserWindow {
        actions = List.copyOf(actions);
        evidence = List.copyOf(evidence);
    }

    /** Hours since the entity was first seen. */
    public double historyHours() {
        return vector.features().getOrDefault(UserFeatures.HISTORY_HOURS, 0.0);
    }
}
