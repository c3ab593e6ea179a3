package dev.vigil.alerting.outbox;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.GroupLog;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import org.jboss.logging.Logger;

/**
 * What a start takes back from the database so a restart neither repeats nor forgets a notification: the alerts that
 * were firing (into the lifecycle: the incident goes on under its id instead of firing anew) and the notification
 * log of every open group (into the dispatcher: a group already told is not told again, and hears its resolve).
 * Pending deliveries need nothing: the delivery workers resume them.
 */
public final class Restore {

    private static final Logger LOG = Logger.getLogger(Restore.class);

    private Restore() {
    }

    /** @return how many firing alerts the lifecycle took back */
    public static int lifecycle(AlertLifecycle lifecycle, AlertStore store) throws SQLException {
        List<Alert> firing = store.firing();
        firing.forEach(lifecycle::restore);
        if (!firing.isEmpty()) {
            LOG.infof("%d alerts were firing at the last stop: they go on under their ids", firing.size());
        }
        return firing.size();
    }

    /** @return how many groups got back what they had told */
    public static int dispatcher(Dispatcher dispatcher, AlertStore store, Outbox outbox, Instant now) throws SQLException {
        List<GroupLog> logs = outbox.groupLogs();
        Map<String, Alert> alerts = new LinkedHashMap<>();
        store.firing().forEach(a -> alerts.put(a.id(), a));
        for (GroupLog log : logs) {
            store.byId(log.leadId()).ifPresent(a -> alerts.putIfAbsent(a.id(), a));
            for (String fingerprint : log.notified().keySet()) {
                store.latestOf(fingerprint).ifPresent(a -> alerts.putIfAbsent(a.id(), a));
            }
        }
        int restored = dispatcher.restore(logs, alerts.values(), now);
        if (!alerts.isEmpty()) {
            LOG.infof("Notification groups restored: %d told before the stop; %d alerts firing or awaiting their resolve",
                    restored, alerts.size());
        }
        return restored;
    }
}
