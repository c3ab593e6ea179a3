package dev.vigil.app.query;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.vigil.alerting.route.Route;
import dev.vigil.contracts.Alert;

/**
 * Which alerts were told as one incident with an alert: those the routing tree puts into one of its groups (the same
 * route and the same values of the route's group-by labels) while both were firing. Routes that group by every
 * label ({@code ...}, the default) make a group of each fingerprint, so their alerts have no company.
 */
final class IncidentMembers {

    private final Route root;

    IncidentMembers(Route root) {
        this.root = root;
    }

    /** The keys of the groups an alert joins, as the dispatcher makes them. */
    List<String> groupsOf(Alert alert) {
        return root.match(alert).stream().map(route -> route.groupKey(alert)).distinct().toList();
    }

    /**
     * The members of the alert's incidents among {@code overlapping}, the alerts firing at some time while it fired
     * (the alert itself and other alerts of its fingerprint left out).
     */
    List<Alert> of(Alert alert, List<Alert> overlapping) {
        Set<String> groups = Set.copyOf(groupsOf(alert));
        return overlapping.stream()
                .filter(other -> !other.fingerprint().equals(alert.fingerprint()))
                .filter(other -> groupsOf(other).stream().anyMatch(groups::contains))
                .collect(Collectors.toList());
    }
}
