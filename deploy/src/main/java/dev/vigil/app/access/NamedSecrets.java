package dev.vigil.app.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.vigil.feedback.Secrets;

/**
 * {@code name:secret,name:secret} from one configuration key (API keys, console users), checked in constant time.
 * A malformed entry fails the start naming the key and the entry's position, never its text (it may be a secret).
 */
public final class NamedSecrets {

    private final Map<String, String> secretsByName;

    private NamedSecrets(Map<String, String> secretsByName) {
        this.secretsByName = secretsByName;
    }

    public static NamedSecrets parse(String key, String value) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.strip().length() - 1) {
                throw new IllegalStateException(key + ": an entry is not name:secret (entry " + (parsed.size() + 1) + ")");
            }
            parsed.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        return new NamedSecrets(Map.copyOf(parsed));
    }

    public boolean isEmpty() {
        return secretsByName.isEmpty();
    }

    /** The name whose secret this is; every secret is compared, so the time taken does not tell which matched. */
    public Optional<String> nameOf(String presented) {
        String found = null;
        for (Map.Entry<String, String> entry : secretsByName.entrySet()) {
            if (Secrets.constantTimeEquals(entry.getValue(), presented.strip()) && found == null) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The stored secret of a name (to be compared by the caller, e.g. as a bcrypt hash). */
    public Optional<String> secretOf(String name) {
        return Optional.ofNullable(secretsByName.get(name));
    }
}
