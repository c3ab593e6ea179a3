package dev.vigil.alerting.config;

import java.util.List;

import dev.vigil.alerting.inhibit.InhibitRule;
import dev.vigil.alerting.lifecycle.LifecyclePolicy;
import dev.vigil.alerting.maintenance.MaintenanceWindow;
import dev.vigil.alerting.notify.ReceiverConfig;
import dev.vigil.alerting.route.Route;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.alerting.silence.Silence;

/**
 * The alerting file, read and checked: see {@code default-alerting.yaml} beside {@link AlertingConfigLoader}. The
 * route's receivers are delivery addresses (a named receiver's integrations, {@code <receiver>/<kind>});
 * {@code receivers} are the file's named receivers.
 */
public record AlertingConfig(LifecyclePolicy lifecycle, SeverityRanking severity, Route route,
        List<InhibitRule> inhibitRules, List<Silence> silences, List<MaintenanceWindow> maintenanceWindows,
        List<ReceiverConfig> receivers) {

    public AlertingConfig {
        receivers = List.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
        silences = List.copyOf(silences);
        maintenanceWindows = List.copyOf(maintenanceWindows);
    }
}
