package dev.vigil.app.detection;

import java.time.Clock;

import javax.sql.DataSource;

import dev.vigil.detection.DetectionEngine;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.state.InputJournal.JournalException;
import dev.vigil.detection.state.JdbcInputJournal;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.users.UserSettings;
import dev.vigil.scoring.config.DetectorConfigLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the detection engine from {@code vigil.detection.*}, {@code vigil.logs.*}, {@code vigil.users.*},
 * {@code vigil.models.*} and the detectors file, at start: a bad detectors file or setting stops Vigil at once, and
 * the learned state and the windows open at the last stop (from the input journal) are restored before data flows. What the engine learned is saved at the start of shutdown, while
 * the database is still open.
 */
public class DetectionSetup {

    @Produces
    @Singleton
    @Startup
    DetectionEngine engine(DetectionConfig detection, LogsConfig logs, UsersConfig users, ModelsConfig models,
            DataSource dataSource, MeterRegistry registry,
            @ConfigProperty(name = "vigil.alerting.recovery-windows") int recoveryWindows) throws JournalException {
        DetectionConfig.Quiet quiet = detection.quiet();
        DetectionSettings settings = new DetectionSettings(detection.window(), detection.allowedLateness(),
                detection.idleTimeout(), detection.evictAfter(),
                new DetectionSettings.Quiet(quiet.enabled(), quiet.factor(), quiet.minimumGap()), recoveryWindows);
        UserSettings userSettings = new UserSettings(users.window(), users.allowedLateness(), users.timeZone(),
                users.loginActions(), users.writeActions(), users.maxUsers(), users.maxIps(), models.folder());
        DetectorConfigLoader loader = new DetectorConfigLoader();
        return new DetectionEngine(settings,
                detection.config().map(loader::load).orElseGet(loader::loadDefault),
                detection.config().map(loader::loadUsers).orElseGet(loader::loadDefaultUsers),
                LogsConfigReader.read(logs), userSettings, new StateSnapshots(dataSource), new JdbcInputJournal(dataSource),
                registry, Clock.systemUTC());
    }

    void saveOnShutdown(@Observes ShutdownEvent event, DetectionEngine engine) {
        engine.saveState();
    }
}
