package dev.vigil.app.query;

import java.time.Instant;
import java.util.List;

import dev.vigil.alerting.matcher.Matcher;
import dev.vigil.alerting.silence.Silence;

/**
 * A silence as operators see it, in the API and the console; {@code expiredBy} is who ended it early, if anyone did.
 */
public record SilenceView(String id, List<String> matchers, String creator, String comment, Instant startsAt,
        Instant endsAt, boolean active, String expiredBy) {

    public static SilenceView of(Silence s) {
        return new SilenceView(s.id(), s.matchers().all().stream().map(Matcher::toString).toList(), s.creator(),
                s.comment(), s.startsAt(), s.endsAt(), s.activeAt(Instant.now()), s.expiredBy());
    }
}
