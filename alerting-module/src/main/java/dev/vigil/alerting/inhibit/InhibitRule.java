package dev.vigil.alerting.inhibit;

import java.util.List;
import java.util.Map;

import dev.vigil.alerting.matcher.Matchers;

/**
 * While an alert matching {@code source} fires, alerts matching {@code target} that have the same values of the
 * {@code equal} labels are not notified (Alertmanager's inhibit_rules), e.g. a site that is down mutes its sensors.
 */
public record InhibitRule(Matchers source, Matchers target, List<String> equal) {

    public InhibitRule {
        equal = List.copyOf(equal);
    }

    boolean sameEqualLabels(Map<String, String> a, Map<String, String> b) {
        for (String name : equal) {
            if (!a.getOrDefault(name, "").equals(b.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
