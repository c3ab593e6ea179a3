package dev.vigil.alerting.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.silence.Silences;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the alerting file once at start ({@code vigil.alerting.config}, else the built-in default) and makes what the
 * rest of the application uses from it: the config itself (the lifecycle's policies), the silences and the
 * dispatcher. A mistake in the file fails the start with the key and the reason.
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

    @Produces
    @Singleton
    Dispatcher dispatcher(AlertingConfig config, Silences silences) {
        return new Dispatcher(config.route(), NotificationPipeline.standard(new Inhibitor(config.inhibitRules()),
                config.maintenanceWindows(), silences));
    }
}
