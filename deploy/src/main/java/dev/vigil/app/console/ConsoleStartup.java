package dev.vigil.app.console;

import java.util.Optional;

import dev.vigil.ingest.Sources;
import dev.vigil.ingest.activity.SourceActivity;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At start: lists the enabled built-in sources on the sources page before their first event (so one that never
 * speaks shows as quiet), and says where the console is, with the login hint when one is configured (the demo's).
 */
@ApplicationScoped
public class ConsoleStartup {

    private static final Logger LOG = Logger.getLogger(ConsoleStartup.class);

    void started(@Observes StartupEvent start, SourceActivity activity,
            @ConfigProperty(name = "vigil.mqtt.enabled") boolean mqtt,
            @ConfigProperty(name = "vigil.kafka.enabled") boolean kafka,
            @ConfigProperty(name = "vigil.files.enabled") boolean files,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "vigil.console.login-hint") Optional<String> hint) {
        if (mqtt) {
            activity.expect(Sources.MQTT);
        }
        if (kafka) {
            activity.expect(Sources.KAFKA);
        }
        if (files) {
            activity.expect(Sources.FILE);
        }
        LOG.infof("Console at http://localhost:%d/console/%s", port, hint.map(h -> " (" + h + ")").orElse(""));
    }
}
