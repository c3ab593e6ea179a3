package dev.vigil.alerting.outbox;

import java.time.Instant;
import java.util.Optional;

/** Which lines of the delivery log to list: newest first, at most {@code limit}, written since {@code since}. */
public record DeliveryQuery(Optional<String> alertId, Optional<String> receiver, Optional<Outbox.State> state,
        Instant since, int limit) {

    /** The most a query answers, however much is asked. */
    public static final int MAX_LIMIT = 1000;

    public DeliveryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Everything about one alert, oldest first among the newest {@code MAX_LIMIT}. */
    public static DeliveryQuery ofAlert(String alertId) {
        return new DeliveryQuery(Optional.of(alertId), Optional.empty(), Optional.empty(), Instant.EPOCH, MAX_LIMIT);
    }
}
