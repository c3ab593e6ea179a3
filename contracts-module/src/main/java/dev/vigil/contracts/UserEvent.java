package dev.vigil.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a user did, or tried to do: a login, a read, a change, with where it came from.
 *
 * @param source     where it came from ({@code users} for the user-events topic)
 * @param user       who: a user name or id, checked like a label value (no control characters, braces, commas,
 *                   equals signs or quotes; at most 128 characters)
 * @param timestamp  event time
 * @param action     what, lower case: {@code login}, {@code read}, {@code delete}, {@code change-password}, ...
 * @param outcome    whether it succeeded
 * @param ip         the client address, a normalised IPv4 or IPv6 literal
 * @param country    ISO 3166-1 alpha-2 code of the address (upper case), or {@code null} when the producer does not
 *                   know it
 * @param endpoint   what was called ({@code GET /api/orders/{id}}: a route template, not a URL with ids in it), or
 *                   {@code null}
 * @param userAgent  the client's user agent, or {@code null}
 * @param attributes any further scalar fields the producer sent under {@code attributes}
 */
public record UserEvent(String source, String user, Instant timestamp, String action, Outcome outcome, String ip,
        String country, String endpoint, String userAgent, Map<String, String> attributes) {

    public UserEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ip, "ip");
        attributes = Map.copyOf(attributes);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** Whether the action was carried out. */
    public enum Outcome {
        SUCCESS, FAILURE
    }
}
