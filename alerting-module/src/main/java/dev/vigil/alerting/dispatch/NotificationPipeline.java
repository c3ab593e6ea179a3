package dev.vigil.alerting.dispatch;

import java.util.List;

import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.maintenance.MaintenanceWindow;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;

/**
 * The notification path, in Alertmanager's order: the stages a group's alerts go through every time the group is
 * flushed. This is the one place the order is written.
 */
public final class NotificationPipeline {

    private final List<Stage> stages;

    public NotificationPipeline(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /**
     * inhibit → maintenance windows → silences → group wait / interval → dedup (what is new, repeat, resolve) → incident
     * (one incident per group, one notification per receiver) → record (the notification log).
     */
    public static NotificationPipeline standard(Inhibitor inhibitor, List<MaintenanceWindow> maintenance,
            Silences silences) {
        return new NotificationPipeline(List.of(
                new MuteStage("inhibit", (flush, alert) -> inhibitor.inhibitedBy(alert, flush.firing()).isPresent()),
                new MuteStage("maintenance", (flush, alert) -> maintenance.stream()
                        .anyMatch(w -> w.activeAt(flush.now()) && w.matchers().matches(alert))),
                new MuteStage("silence", (flush, alert) -> silences.silencing(alert, flush.now()).isPresent()),
                new GroupWaitStage(),
                new DedupStage(),
                new IncidentStage(),
                new RecordStage()));
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Runs one flush through the stages; ends early when a stage lets nothing through. */
    void run(Flush flush) {
        List<Alert> alerts = flush.group().members();
        for (Stage stage : stages) {
            if (alerts.isEmpty()) {
                return;
            }
            alerts = stage.apply(flush, alerts);
        }
    }
}
