package dev.vigil.feedback.tickets;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Verdict;

/**
 * Which ticket outcome means which verdict, from configuration: {@code name:VERDICT} pairs separated by commas,
 * e.g. {@code Done:TRUE_INCIDENT,Won't Do:FALSE_ALARM,Duplicate:DUPLICATE}. Names are matched ignoring case and
 * surrounding spaces; a pair with an unknown verdict stops the start with the pair named.
 */
public final class VerdictMapping {

    private final Map<String, Verdict> verdicts;

    private VerdictMapping(Map<String, Verdict> verdicts) {
        this.verdicts = verdicts;
    }

    /** @param key the configuration key, for the error message */
    public static VerdictMapping parse(String key, String pairs) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int colon = pair.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(key + ": '" + pair.strip() + "' is not name:VERDICT");
                }
                String verdictName = pair.substring(colon + 1).strip();
                Verdict verdict = Verdict.named(verdictName).orElseThrow(() -> new IllegalArgumentException(
                        key + ": '" + pair.strip() + "' names unknown verdict '" + verdictName + "'; known: "
                                + java.util.Arrays.toString(Verdict.values())));
                verdicts.put(normal(pair.substring(0, colon)), verdict);
            }
        }
        return new VerdictMapping(Map.copyOf(verdicts));
    }

    public Optional<Verdict> verdictOf(String outcome) {
        return outcome == null ? Optional.empty() : Optional.ofNullable(verdicts.get(normal(outcome)));
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return verdicts.toString();
    }
}
