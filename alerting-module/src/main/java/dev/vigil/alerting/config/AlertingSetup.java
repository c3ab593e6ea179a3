package dev.vigil.alerting.config;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.outbox.Outbox;
import dev.vigil.alerting.outbox.Restore;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the alerting file once at start ({@code vigil.alerting.config}, else the built-in default) and makes what the
 * rest of the application uses from it: the config itself (the lifecycle's policies), the silences and the
 * dispatcher (restored from the alert store and the outbox's notification log). A mistake in the file fails the start with the key and the reason.
 */
public class AlertingSetup {

    @Produces
    @Singleton
    AlertingConfig config(@ConfigProperty(name = "vigil.alerting.config") Optional<Path> file,
            @ConfigProperty(name = "vigil.notify.receivers") List<String> receivers) {
        AlertingConfigLoader loader = new AlertingConfigLoader(receivers.stream().map(String::strip).toList());
        return file.map(loader::load).orElseGet(loader::loadDefault);
    }

    @Produces
    @Singleton
    Silences silences(AlertingConfig config) {
        return new Silences(Clock.systemUTC(), config.silences());
    }

    /** The dispatcher, with what its groups had told before a restart (see {@link Dispatcher#restore}). */
    @Produces
    @Singleton
    Dispatcher dispatcher(AlertingConfig config, Silences silences, AlertStore store, Outbox outbox) throws SQLException {
        Dispatcher dispatcher = new Dispatcher(config.route(), NotificationPipeline.standard(
                new Inhibitor(config.inhibitRules()), config.maintenanceWindows(), silences));
        Restore.dispatcher(dispatcher, store, outbox, Instant.now());
        return dispatcher;
    }
}
