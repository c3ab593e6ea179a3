package dev.vigil.alerting.notify.slack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Slack message (channel ID + {@code ts}) shows which alert, so the resolved notification can
 * {@code chat.update} the firing message instead of posting a second one. In memory only, bounded to the
 * {@code capacity} most recent alerts: after a restart, or for an alert pushed out, the resolve is posted as a new
 * message. (Durable refs belong in the alert store with the outbox.)
 */
public final class SlackMessageRefs {

    /** A posted message: the channel ID Slack answered with and the message's timestamp. */
    public record Ref(String channel, String ts) {
    }

    private final Map<String, Ref> byAlert;

    public SlackMessageRefs(int capacity) {
        this.byAlert = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ref> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void remember(String alertId, Ref ref) {
        byAlert.put(alertId, ref);
    }

    public synchronized Optional<Ref> of(String alertId) {
        return Optional.ofNullable(byAlert.get(alertId));
    }
}
