package dev.vigil.alerting.dispatch;

import java.util.List;
import java.util.function.BiPredicate;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;

/**
 * Drops the firing alerts a condition mutes (inhibition, a maintenance window, a silence); resolved alerts always
 * pass, so whoever heard an alert fire hears it resolve.
 */
public final class MuteStage implements Stage {

    private final String name;
    private final BiPredicate<Flush, Alert> muted;

    public MuteStage(String name, BiPredicate<Flush, Alert> muted) {
        this.name = name;
        this.muted = muted;
    }

    @Override
    public List<Alert> apply(Flush flush, List<Alert> alerts) {
        return alerts.stream().filter(a -> a.status() != AlertStatus.FIRING || !muted.test(flush, a)).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
