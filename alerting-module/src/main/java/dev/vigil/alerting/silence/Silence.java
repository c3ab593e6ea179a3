package dev.vigil.alerting.silence;

import java.time.Instant;
import java.util.Objects;

import dev.vigil.alerting.matcher.Matchers;

/**
 * Mutes the alerts its matchers match from {@code startsAt} until {@code endsAt}; expiring it sets {@code endsAt}
 * and who did it.
 *
 * @param creator who asked for it
 * @param comment why
 * @param expiredBy who ended it early, null while it runs its course
 */
public record Silence(String id, Matchers matchers, String creator, String comment, Instant startsAt, Instant endsAt,
        String expiredBy) {

    /** A silence nobody has ended early. */
    public Silence(String id, Matchers matchers, String creator, String comment, Instant startsAt, Instant endsAt) {
        this(id, matchers, creator, comment, startsAt, endsAt, null);
    }

    public Silence {
        Objects.requireNonNull(id);
        Objects.requireNonNull(matchers);
        if (matchers.all().isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (creator == null || creator.isBlank()) {
            throw new IllegalArgumentException("a silence needs its creator");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a silence needs a comment saying why");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts, got " + startsAt + " .. " + endsAt);
        }
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean expiredAt(Instant at) {
        return !at.isBefore(endsAt);
    }

    Silence expire(Instant at, String by) {
        if (expiredAt(at)) {
            return this; // already over: who "expired" it later changes nothing
        }
        // one not started yet, or started this very millisecond, keeps a start just before its end
        return new Silence(id, matchers, creator, comment, startsAt.isBefore(at) ? startsAt : at.minusMillis(1), at, by);
    }
}
