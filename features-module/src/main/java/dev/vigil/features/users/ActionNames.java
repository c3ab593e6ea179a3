package dev.vigil.features.users;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each action name for all profiles, at most {@value #MAX} names: producers name their actions from a
 * small vocabulary, and a flood of made-up ones becomes {@value #OTHER} rather than memory. Not thread-safe.
 */
final class ActionNames {

    static final int MAX = 1024;
    static final String OTHER = "other";

    private final Map<String, String> names = new HashMap<>();

    String intern(String action) {
        String known = names.get(action);
        if (known != null) {
            return known;
        }
        if (names.size() >= MAX) {
            return OTHER;
        }
        names.put(action, action);
        return action;
    }
}
