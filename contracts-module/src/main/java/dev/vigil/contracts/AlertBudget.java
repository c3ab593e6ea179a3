package dev.vigil.contracts;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.vigil.contracts.config.Globs;

/**
 * How many alerts a day a detector may raise, which the alert-budget tuning holds it to by moving its threshold
 * factor ({@link dev.vigil.contracts.ThresholdFactors}); the detector option {@code budget: {...}}.
 *
 * @param alertsPerDay the detector's budget, over its entities that have none of their own
 * @param entities     entities with a budget, and so a threshold, of their own, in file order: the first that
 *                     matches an entity is its budget
 * @param pin          a threshold factor fixed by hand: the tuning leaves the detector's factor at it
 */
public record AlertBudget(double alertsPerDay, List<EntityBudget> entities, OptionalDouble pin) {

    public AlertBudget {
        positive(alertsPerDay);
        entities = List.copyOf(entities);
    }

    /**
     * The budget of each entity a glob matches.
     *
     * @param glob {@code *} any run of characters, {@code ?} one, on the entity name, e.g. {@code temperature{*site=plant-1*}}
     */
    public record EntityBudget(String glob, double alertsPerDay) {

        public EntityBudget {
            positive(alertsPerDay);
        }

        public boolean matches(String entity) {
            return Globs.compile(glob).matcher(entity).matches();
        }
    }

    /** The budget an entity has of its own, if any. */
    public Optional<EntityBudget> entityBudget(String entity) {
        return entities.stream().filter(e -> e.matches(entity)).findFirst();
    }

    private static void positive(double alertsPerDay) {
        if (!(alertsPerDay > 0) || Double.isInfinite(alertsPerDay)) {
            throw new IllegalArgumentException("an alert budget must be a positive number of alerts per day, got "
                    + alertsPerDay);
        }
    }
}
