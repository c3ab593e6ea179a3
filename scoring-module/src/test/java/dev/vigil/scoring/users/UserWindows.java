package dev.vigil.scoring.users;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.users.EntityKind;
import dev.vigil.features.users.UserActivity;
import dev.vigil.features.users.UserFeatures;
import dev.vigil.features.users.UserWindow;

/** Windows of users and addresses built from chosen feature values (every other feature 0), for scorer tests. */
final class UserWindows {

    static final Instant END = Instant.parse("2026-01-08T03:15:00Z");

    private UserWindows() {
    }

    /** A user's window with these features, seen for {@code historyHours}, with these actions after the start. */
    static UserWindow user(String user, double historyHours, Map<String, Double> features, String... actions) {
        return window(EntityKind.USER, user, historyHours, features, List.of(actions), List.of());
    }

    static UserWindow ip(String ip, Map<String, Double> features) {
        return window(EntityKind.IP, ip, 0, features, List.of(), List.of());
    }

    static UserWindow window(EntityKind kind, String id, double historyHours, Map<String, Double> features,
            List<String> actions, List<String> evidence) {
        Map<String, Double> all = new HashMap<>();
        UserFeatures.names(kind).forEach(name -> all.put(name, 0.0));
        all.put(UserFeatures.HISTORY_HOURS, historyHours);
        all.putAll(features);
        List<String> sequence = new java.util.ArrayList<>();
        sequence.add(ActionTransitions.START);
        sequence.addAll(actions);
        return new UserWindow(new FeatureVector("users", kind.entity(id), UserActivity.labels(kind, id),
                END.minus(Duration.ofMinutes(1)), END, all), kind, sequence, evidence);
    }
}
