package dev.vigil.features.users;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which actions are logins and which change something (writes); every other action is a read. Producers name
 * actions their own way, so this comes from the configuration.
 */
public record ActionClasses(Set<String> logins, Set<String> writes) {

    /** {@code login}; writes: create, update, delete and the account changes attackers go for. */
    public static final ActionClasses DEFAULT = new ActionClasses(Set.of("login"), Set.of("create", "update", "delete",
            "upload", "import", "change-password", "reset-password", "change-email", "grant-role", "disable-mfa"));

    public ActionClasses {
        logins = lowerCase(logins);
        writes = lowerCase(writes);
        if (logins.isEmpty()) {
            throw new IllegalArgumentException("at least one action must count as a login");
        }
    }

    public boolean isLogin(String action) {
        return logins.contains(action);
    }

    public boolean isWrite(String action) {
        return writes.contains(action);
    }

    private static Set<String> lowerCase(Set<String> actions) {
        return actions.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
