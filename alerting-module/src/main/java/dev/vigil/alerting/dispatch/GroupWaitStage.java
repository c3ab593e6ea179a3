package dev.vigil.alerting.dispatch;

import java.util.List;

import dev.vigil.alerting.route.GroupTiming;
import dev.vigil.contracts.Alert;

/**
 * Holds a group back until it is due: its group wait after it opened for the first notification, then its group
 * interval after the previous flush. A due group's flush time is recorded here, whatever the later stages decide.
 */
public final class GroupWaitStage implements Stage {

    @Override
    public List<Alert> apply(Flush flush, List<Alert> alerts) {
        AlertGroup group = flush.group();
        GroupTiming timing = group.route().timing();
        boolean due = group.lastFlushAt == null
                ? !flush.now().isBefore(group.openedAt().plus(timing.groupWait()))
                : !flush.now().isBefore(group.lastFlushAt.plus(timing.groupInterval()));
        if (!due) {
            return List.of();
        }
        group.lastFlushAt = flush.now();
        return alerts;
    }

    @Override
    public String toString() {
        return "group wait";
    }
}
