package dev.vigil.alerting.silence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;

/**
 * The silences: from the configuration file at start and created or expired through the API later. In memory: a
 * restart keeps the configured ones and forgets the others. Thread-safe.
 */
public final class Silences {

    private final Clock clock;
    private final Map<String, Silence> byId = new LinkedHashMap<>();

    public Silences(Clock clock, List<Silence> configured) {
        this.clock = clock;
        configured.forEach(s -> byId.put(s.id(), s));
    }

    /** Creates a silence starting now. */
    public synchronized Silence create(Matchers matchers, String creator, String comment, Instant endsAt) {
        Instant now = clock.instant();
        Silence silence = new Silence(UUID.randomUUID().toString(), matchers, creator, comment, now, endsAt);
        byId.put(silence.id(), silence);
        return silence;
    }

    /**
     * Ends a silence now, recording who did; expired silences stay listed.
     *
     * @return the expired silence, or empty for an unknown id
     */
    public synchronized Optional<Silence> expire(String id, String by) {
        Silence silence = byId.get(id);
        if (silence == null) {
            return Optional.empty();
        }
        Silence expired = silence.expire(clock.instant(), by);
        byId.put(id, expired);
        return Optional.of(expired);
    }

    public synchronized List<Silence> list() {
        return new ArrayList<>(byId.values());
    }

    /** The active silence that mutes a firing alert at {@code at}, if any; a resolve is never muted. */
    public synchronized Optional<Silence> silencing(Alert alert, Instant at) {
        if (alert.status() != AlertStatus.FIRING) {
            return Optional.empty();
        }
        Map<String, String> labels = Matchers.labelsOf(alert);
        return byId.values().stream().filter(s -> s.activeAt(at) && s.matchers().matches(labels)).findFirst();
    }
}
