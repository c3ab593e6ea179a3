package dev.vigil.alerting.inhibit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;

/** Decides whether an alert is inhibited by another that fires. An alert never inhibits itself. */
public final class Inhibitor {

    private final List<InhibitRule> rules;

    public Inhibitor(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @return the firing alert that inhibits {@code target}, if any */
    public Optional<Alert> inhibitedBy(Alert target, Collection<Alert> firing) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> targetLabels = Matchers.labelsOf(target);
        for (InhibitRule rule : rules) {
            if (!rule.target().matches(targetLabels)) {
                continue;
            }
            for (Alert source : firing) {
                if (source.status() != AlertStatus.FIRING || source.fingerprint().equals(target.fingerprint())) {
                    continue;
                }
                Map<String, String> sourceLabels = Matchers.labelsOf(source);
                if (rule.source().matches(sourceLabels) && rule.sameEqualLabels(sourceLabels, targetLabels)) {
                    return Optional.of(source);
                }
            }
        }
        return Optional.empty();
    }
}
