package dev.vigil.app.health;

import java.util.List;

import dev.vigil.ingest.kafka.KafkaAssignments;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaConsumer;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.TaskHealthState;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The readiness of one Kafka source: UP once its consumer has joined its group and been assigned its partitions
 * ({@link KafkaAssignments}; an assignment of none, when other members hold every partition, counts) and its polling
 * thread is connected to a broker (Camel's task state: not given up, a broker connection ready); DOWN before (a start
 * waits for the group's rebalance), during a rebalance, while the brokers are unreachable and while its route is
 * stopped. UP with {@code enabled=false} when the source is turned off.
 */
abstract class KafkaReadiness extends SourceReadiness {

    private final KafkaAssignments assignments;

    KafkaReadiness(String name, String routeId, boolean enabled, CamelContext camel, KafkaAssignments assignments) {
        super(camel, name, routeId, enabled);
        this.assignments = assignments;
    }

    @Override
    HealthCheckResponse link(Route route, HealthCheckResponseBuilder check) {
        if (!(route.getConsumer() instanceof KafkaConsumer consumer) || !(route.getEndpoint() instanceof KafkaEndpoint endpoint)) {
            return stopped(check);
        }
        String topics = endpoint.getConfiguration().getTopic();
        check.withData("topics", topics).withData("group", endpoint.getConfiguration().getGroupId());
        List<TaskHealthState> tasks = consumer.healthStates();
        boolean polling = !tasks.isEmpty() && tasks.stream().allMatch(t -> t.isReady() && !t.isTerminated());
        check.withData("polling", polling);
        tasks.stream().map(TaskHealthState::getLastError).filter(e -> e != null).findFirst()
                .ifPresent(e -> check.withData("lastError", String.valueOf(e.getMessage())));
        boolean assigned = assignments.of(topics).map(a -> {
            check.withData("partitions", String.join(",", a.partitions())).withData("since", a.since().toString());
            return a.assigned();
        }).orElse(false);
        check.withData("assigned", assigned);
        return check.status(polling && assigned).build();
    }
}
