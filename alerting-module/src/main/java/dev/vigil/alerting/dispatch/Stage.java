package dev.vigil.alerting.dispatch;

import java.util.List;

import dev.vigil.contracts.Alert;

/**
 * One step of the notification path (Alertmanager's {@code notify.Stage}): it gets the alerts of a group still on
 * their way to people and returns those that go on. An empty answer ends the flush.
 */
@FunctionalInterface
public interface Stage {

    List<Alert> apply(Flush flush, List<Alert> alerts);
}
