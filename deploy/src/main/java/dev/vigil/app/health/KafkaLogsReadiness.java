package dev.vigil.app.health;

import dev.vigil.ingest.kafka.KafkaAssignments;
import dev.vigil.ingest.kafka.KafkaSourceRoute;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code kafka}: the log source's consumer ({@link KafkaReadiness}). */
@Readiness
@Singleton
public class KafkaLogsReadiness extends KafkaReadiness {

    public KafkaLogsReadiness(CamelContext camel, KafkaAssignments assignments, @ConfigProperty(name = "vigil.kafka.enabled") boolean enabled) {
        super("kafka", KafkaSourceRoute.ROUTE_ID, enabled, camel, assignments);
    }
}
