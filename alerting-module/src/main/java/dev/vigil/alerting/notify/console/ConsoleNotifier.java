package dev.vigil.alerting.notify.console;

import java.util.Optional;

import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Writes one line per alert to the log category {@code vigil.alerts}: status, severity, source, entity, detector and
 * the explanation, so a person watching the console sees what fired and why.
 */
@ApplicationScoped
public class ConsoleNotifier implements Notifier {

    private static final Logger ALERTS = Logger.getLogger("vigil.alerts");

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Optional<String> send(Delivery delivery) {
        ALERTS.info(line(delivery.alert()));
        return Optional.empty();
    }

    public static String line(Alert alert) {
        String head = String.format("%s %s source=%s entity=%s detector=%s", alert.status(), alert.severity(),
                alert.source(), alert.entity(), alert.detector());
        if (alert.status() == AlertStatus.RESOLVED) {
            return head + " resolved after " + java.time.Duration.between(alert.startsAt(), alert.endsAt())
                    + " id=" + alert.id();
        }
        return head + ": " + alert.explanation().summary() + " id=" + alert.id();
    }
}
