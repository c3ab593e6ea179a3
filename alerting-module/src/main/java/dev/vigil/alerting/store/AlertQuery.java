package dev.vigil.alerting.store;

import java.time.Instant;
import java.util.Optional;

import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;

/**
 * Which stored alerts to list: those firing and those resolved since {@code resolvedSince} (only one of the two when
 * {@code status} is given), optionally of one severity, source or detector, newest first, at most {@code limit}.
 */
public record AlertQuery(Optional<AlertStatus> status, Instant resolvedSince, Optional<Severity> severity,
        Optional<String> source, Optional<String> detector, int limit) {

    /** The most a query answers, however much is asked. */
    public static final int MAX_LIMIT = 1000;

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
