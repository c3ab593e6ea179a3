package dev.vigil.contracts;

import java.util.Locale;
import java.util.Optional;

/** What an operator says about an alert. */
public enum Verdict {
    /** A real incident: the detector was right. */
    TRUE_INCIDENT,
    /** Nothing was wrong: the detector was wrong. */
    FALSE_ALARM,
    /** Real but planned: a deploy, maintenance, a sale. */
    EXPECTED,
    /** The level moved for good: accept it as the new baseline. */
    NEW_NORMAL,
    /** Already reported by another alert. */
    DUPLICATE;

    /** The verdict of a name as an API client or a configuration writes it: {@code FALSE_ALARM}, {@code false-alarm}, {@code false alarm}. */
    public static Optional<Verdict> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Verdict verdict : values()) {
            if (verdict.name().equals(key)) {
                return Optional.of(verdict);
            }
        }
        return Optional.empty();
    }

    /** The words people read: "false alarm". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
