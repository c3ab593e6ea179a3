package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vigil.alerting.route.Route;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;

/**
 * Sorts alerts into groups along the routing tree and flushes groups through the {@link NotificationPipeline}: at
 * once when an alert arrives (a group due now is told now) and on every {@link #flush(Instant)} tick (group wait,
 * group interval and repeat interval elapse). It returns the notifications instead of sending them, so the caller
 * stores them in the outbox outside this lock; each carries its group's {@link GroupLog}, from which
 * {@link #restore} rebuilds the groups after a restart. In memory; thread-safe.
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

    /**
     * Rebuilds the groups after a restart, before any alert arrives: every alert firing (from the alert store) joins
     * the groups of the routes that take it; a group with a stored log gets back what it told (members and
     * severities, lead, timers), so it is not told again; a member told firing that has resolved meanwhile joins
     * as resolved, so its resolve is told. A firing alert no log knows starts a new group, told after its group wait
     * (it was never told, or Vigil stopped before the notification was stored). A log whose group no route makes any
     * more (the routing tree changed) is dropped.
     *
     * @param logs   every stored group log that is not closed
     * @param alerts the alerts the restore may need: every firing one, each log's lead, and the latest alert of every
     *               fingerprint a log says was told
     * @return how many groups were restored with what they had told
     */
    public synchronized int restore(Collection<GroupLog> logs, Collection<Alert> alerts, Instant now) {
        Map<String, GroupLog> byKey = logs.stream().collect(Collectors.toMap(GroupLog::groupKey, Function.identity(), (a, b) -> b));
        Map<String, Alert> byId = alerts.stream().collect(Collectors.toMap(Alert::id, Function.identity(), (a, b) -> b));
        // per fingerprint the alert that stands: a firing one, else the newest
        Map<String, Alert> current = alerts.stream().collect(Collectors.toMap(Alert::fingerprint, Function.identity(),
                (a, b) -> Comparator.comparing((Alert x) -> x.status() == AlertStatus.FIRING)
                        .thenComparing(Alert::startsAt).compare(a, b) >= 0 ? a : b, LinkedHashMap::new));
        int restored = 0;
        for (Alert alert : current.values()) {
            if (alert.status() == AlertStatus.FIRING) {
                firing.put(alert.fingerprint(), alert);
            }
            for (Route route : root.match(alert)) {
                String key = route.groupKey(alert);
                GroupLog log = byKey.get(key);
                boolean told = log != null && log.notified().containsKey(alert.fingerprint());
                if (alert.status() != AlertStatus.FIRING && !told) {
                    continue; // resolved, and this group never told it fired
                }
                AlertGroup group = groups.get(key);
                if (group == null) {
                    group = new AlertGroup(route, key, log == null ? now : log.lastSentAt());
                    if (log != null) {
                        group.notified.putAll(log.notified());
                        group.lead = byId.getOrDefault(log.leadId(), current.get(log.leadFingerprint()));
                        group.lastSentAt = log.lastSentAt();
                        group.lastFlushAt = log.lastFlushAt();
                        restored++;
                    }
                    groups.put(key, group);
                }
                group.add(alert);
            }
        }
        // a member told whose alert is not known any more cannot resolve: forget it rather than hold the group open
        for (AlertGroup group : groups.values()) {
            group.notified.keySet().removeIf(fp -> !group.members.containsKey(fp));
            if (group.lead == null && !group.notified.isEmpty()) {
                group.lead = group.members.get(group.notified.keySet().iterator().next());
            }
        }
        return restored;
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
