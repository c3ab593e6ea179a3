package dev.vigil.features.users;

import java.util.Map;

import dev.vigil.contracts.UserEvent;
import dev.vigil.features.window.WindowAggregate;

/**
 * What a user-events window itself accumulates: only how many events it took. Its features come from the entity's
 * activity ({@link UserActivity#window}) when it closes; the window only says when.
 */
public final class UserEventCount implements WindowAggregate<UserEvent> {

    public static final String WINDOW_EVENTS = "window_events";

    private long events;

    @Override
    public void add(UserEvent event) {
        events++;
    }

    @Override
    public Map<String, Double> features() {
        return Map.of(WINDOW_EVENTS, (double) events);
    }
}
