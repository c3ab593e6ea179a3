package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertStatus;
import dev.vigil.alerting.route.Route;

/**
 * Sorts alerts into groups along the routing tree and flushes groups through the {@link NotificationPipeline}: at
 * once when an alert arrives (a group due now is told now) and on every {@link #flush(Instant)} tick (group wait,
 * group interval and repeat interval elapse). It returns the notifications instead of sending them, so the caller
 * delivers them outside this lock. In memory; thread-safe.
 */
public final class Dispatcher {

    private final Route root;
    private final NotificationPipeline pipeline;
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
    /** Every alert firing now, by fingerprint: what inhibition rules look at. */
    private final Map<String, Alert> firing = new LinkedHashMap<>();

    public Dispatcher(Route root, NotificationPipeline pipeline) {
        this.root = root;
        this.pipeline = pipeline;
    }

    /** Takes a firing, upgraded or resolved alert from the lifecycle. @return what to tell whom now */
    public synchronized List<Notification> accept(Alert alert, Instant now) {
        if (alert.status() == AlertStatus.FIRING) {
            firing.put(alert.fingerprint(), alert);
        } else {
            firing.remove(alert.fingerprint());
        }
        List<AlertGroup> touched = new ArrayList<>();
        for (Route route : root.match(alert)) {
            String key = route.groupKey(alert);
            AlertGroup group = groups.get(key);
            if (group == null) {
                if (alert.status() != AlertStatus.FIRING) {
                    continue; // the resolve of an alert no group holds: nobody was told it fired
                }
                group = new AlertGroup(route, key, now);
                groups.put(key, group);
            }
            group.add(alert);
            touched.add(group);
        }
        List<Notification> out = new ArrayList<>();
        for (AlertGroup group : touched) {
            flush(group, now, out);
        }
        groups.values().removeIf(g -> g.closed);
        return out;
    }

    /** Flushes every group that is due: the timer's tick. @return what to tell whom now */
    public synchronized List<Notification> flush(Instant now) {
        List<Notification> out = new ArrayList<>();
        for (Iterator<AlertGroup> it = groups.values().iterator(); it.hasNext();) {
            AlertGroup group = it.next();
            flush(group, now, out);
            if (group.closed) {
                it.remove();
            }
        }
        return out;
    }

    /** The open groups, for tests and operators. */
    public synchronized List<AlertGroup> groups() {
        return new ArrayList<>(groups.values());
    }

    private void flush(AlertGroup group, Instant now, List<Notification> out) {
        Flush flush = new Flush(now, group, List.copyOf(firing.values()));
        pipeline.run(flush);
        out.addAll(flush.outbox());
        // resolved alerts nobody was told of leave the group; an empty group is gone
        group.members.values().removeIf(a -> a.status() == AlertStatus.RESOLVED && !group.notified.containsKey(a.fingerprint()));
        if (group.members.isEmpty()) {
            group.closed = true;
        }
    }
}
