package dev.vigil.app.health;

import dev.vigil.ingest.kafka.KafkaAssignments;
import dev.vigil.ingest.users.UserEventRoute;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code users}: the user-events source's consumer ({@link KafkaReadiness}). */
@Readiness
@Singleton
public class UserEventsReadiness extends KafkaReadiness {

    public UserEventsReadiness(CamelContext camel, KafkaAssignments assignments, @ConfigProperty(name = "vigil.users.enabled") boolean enabled) {
        super("users", UserEventRoute.ROUTE_ID, enabled, camel, assignments);
    }
}
