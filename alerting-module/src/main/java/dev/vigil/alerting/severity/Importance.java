package dev.vigil.alerting.severity;

import dev.vigil.alerting.matcher.Matchers;

/** How much an entity matters: alerts whose labels match weigh {@code weight} times as much (1 = as scored). */
public record Importance(Matchers matchers, double weight) {
}
