package dev.vigil.alerting.route;

import java.time.Duration;

/**
 * When a group is notified, Alertmanager's three timers.
 *
 * @param groupWait      how long a new group waits for more alerts before its first notification (co-moving entities
 *                       arriving in that time become one incident)
 * @param groupInterval  how long after a notification a group waits before notifying what changed (new alerts,
 *                       upgrades, the resolve)
 * @param repeatInterval how long after a notification an unchanged firing group is notified again; null: never
 */
public record GroupTiming(Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /** Notify at once, never repeat: every alert as it comes. */
    public static final GroupTiming IMMEDIATE = new GroupTiming(Duration.ZERO, Duration.ZERO, null);
}
