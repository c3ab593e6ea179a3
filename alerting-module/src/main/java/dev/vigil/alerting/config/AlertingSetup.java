package dev.vigil.alerting.config;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.notify.Integrations;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.Receivers;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.outbox.Outbox;
import dev.vigil.alerting.outbox.Restore;
import dev.vigil.alerting.silence.SilenceStore;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the alerting file once at start ({@code vigil.alerting.config}, else the built-in default) and makes what the
 * rest of the application uses from it: the config itself, the alert lifecycle (restored from the alert store), the
 * silences (with those stored at run time) and the dispatcher (restored from the alert store and the outbox's notification log). A mistake in the file fails the start with the key and the reason.
 */
public class AlertingSetup {

    private static final Logger LOG = Logger.getLogger(AlertingSetup.class);

    @Produces
    @Singleton
    AlertingConfig config(@ConfigProperty(name = "vigil.alerting.config") Optional<Path> file,
            @ConfigProperty(name = "vigil.notify.receivers") List<String> receivers) {
        AlertingConfigLoader loader = new AlertingConfigLoader(receivers.stream().map(String::strip).toList());
        return file.map(loader::load).orElseGet(loader::loadDefault);
    }

    /**
     * Every delivery address and its integration: those of {@code vigil.notify.receivers} (one bean per kind,
     * configured by {@code vigil.notify.<kind>.*}) and the alerting file's named receivers (what an integration does not
     * set itself comes from the same properties). A receiver missing a setting stops the start naming it.
     */
    @Produces
    @Singleton
    Receivers receivers(AlertingConfig config, Instance<Notifier> notifiers,
            @ConfigProperty(name = "vigil.notify.receivers") List<String> names, ObjectMapper json,
            NotificationTemplates templates, CamelContext camel) {
        Config properties = ConfigProvider.getConfig();
        return new Receivers(notifiers.stream().toList(), names, config.receivers(),
                key -> properties.getOptionalValue(key, String.class),
                new Integrations.Tools(json, templates, camel, Clock.systemUTC()));
    }

    /**
     * The notification text: the shipped templates, each replaced by the file of its name in
     * {@code vigil.notify.templates}; every one is parsed and tried at start, so a mistake stops the start naming the
     * file and the line.
     */
    @Produces
    @Singleton
    NotificationTemplates templates(@ConfigProperty(name = "vigil.notify.templates") Optional<Path> folder) {
        return NotificationTemplates.load(folder);
    }

    /**
     * The silences: the file's, and those created at run time, kept in the database (shared by every instance that
     * uses it; {@code NotificationRoutes} reads it again every {@code vigil.alerting.silences.poll-ms}).
     */
    @Produces
    @Singleton
    Silences silences(AlertingConfig config, DataSource dataSource, ObjectMapper json) throws SQLException {
        return new Silences(Clock.systemUTC(), config.silences(), new SilenceStore(dataSource, json));
    }

    /**
     * The alert lifecycle: N of M confirmation and recovery from {@code vigil.alerting.*}, the rest from the alerting
     * file; the alerts firing at the last stop go on in it under their ids instead of firing anew.
     */
    @Produces
    @Singleton
    AlertLifecycle lifecycle(AlertingConfig config, AlertStore store,
            @ConfigProperty(name = "vigil.alerting.anomalous-windows") int anomalousWindows,
            @ConfigProperty(name = "vigil.alerting.of-last-windows") int ofLastWindows,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) {
        AlertLifecycle lifecycle = new AlertLifecycle(new ConfirmationPolicy(anomalousWindows, ofLastWindows,
                recoveryWindows), config.lifecycle(), config.severity());
        try {
            Restore.lifecycle(lifecycle, store);
        } catch (SQLException e) {
            LOG.errorf(e, "Could not read the firing alerts: incidents open at the last stop may fire again");
        }
        return lifecycle;
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
