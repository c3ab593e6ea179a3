package dev.vigil.app.console;

import java.util.Optional;

import dev.vigil.app.access.SessionKeySource;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.activity.SourceActivity;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At start: lists the enabled built-in sources on the sources page before their first event (so one that never
 * speaks shows as quiet), says where the console is, with the login hint when one is configured (the demo's), and
 * where the session encryption key comes from (never the key); without one ({@link SessionKeySource}: the cluster
 * profile keeps no key file) the start stops, asking for it.
 */
@ApplicationScoped
public class ConsoleStartup {

    private static final Logger LOG = Logger.getLogger(ConsoleStartup.class);

    void started(@Observes StartupEvent start, SourceActivity activity,
            @ConfigProperty(name = "vigil.mqtt.enabled") boolean mqtt,
            @ConfigProperty(name = "vigil.kafka.enabled") boolean kafka,
            @ConfigProperty(name = "vigil.files.enabled") boolean files,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "vigil.console.login-hint") Optional<String> hint,
            @ConfigProperty(name = SessionKeySource.KEY) Optional<String> sessionKey) {
        if (sessionKey.filter(k -> !k.isBlank()).isEmpty()) {
            throw new IllegalStateException("the console's session encryption key is not set: set "
                    + "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY (16 characters or more, the same on every instance), or "
                    + SessionKeySource.FILE + " to a file Vigil keeps one in");
        }
        LOG.infof("Console sessions are encrypted with the key from %s",
                ConfigProvider.getConfig().getConfigValue(SessionKeySource.KEY).getSourceName());
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
