package dev.vigil.app;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.Readiness;
import dev.vigil.ingest.kafka.KafkaSourceRoute;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness of the Kafka log source against the suite's real KRaft broker: a stopped consumer leaves its group at once,
 * and a started one is ready only once the group has assigned it its partitions. The issue saw consumption resume
 * 16 s after readiness said UP: the group was waiting for a member that had gone without leaving.
 */
@QuarkusTest
class KafkaReadinessTest {

    private static final String KAFKA = "kafka";

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = "vigil.kafka.group-id")
    String group;
    @Inject
    CamelContext camel;

    /** Leaves the source consuming, as the next test expects it. */
    @AfterEach
    void sourceConsuming() throws Exception {
        if (!camel.getRouteController().getRouteStatus(KafkaSourceRoute.ROUTE_ID).isStarted()) {
            camel.getRouteController().startRoute(KafkaSourceRoute.ROUTE_ID);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(Readiness.now().check(KAFKA)).isEqualTo("UP"));
    }

    @Test
    void aStoppedConsumerLeavesItsGroupAndAStartedOneIsReadyOnlyOnceItHoldsItsPartitions() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Readiness ready = Readiness.now();
            assertThat(ready.check(KAFKA)).isEqualTo("UP");
            assertThat(ready.data(KAFKA)).containsEntry("assigned", true).containsEntry("polling", true);
            assertThat((String) ready.data(KAFKA).get("partitions"))
                    .contains(KafkaBrokerResource.LOG_TOPIC + "-0", KafkaBrokerResource.LOG_TOPIC + "-1");
        });
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            assertThat(members(admin)).isNotEmpty();

            camel.getRouteController().stopRoute(KafkaSourceRoute.ROUTE_ID);
            // it left: without a LeaveGroup the group would keep it for its session timeout (45 s)
            await().atMost(Duration.ofSeconds(15)).until(() -> members(admin).isEmpty());
            assertThat(Readiness.now().check(KAFKA)).isEqualTo("DOWN");
            assertThat(Readiness.now().httpStatus()).isEqualTo(503);

            try (KafkaConsumer<String, String> ghost = memberThatStopsPolling()) {
                camel.getRouteController().startRoute(KafkaSourceRoute.ROUTE_ID);
                // the group waits for the member that holds the partitions and no longer polls: not ready meanwhile
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                        assertThat(Readiness.now().check(KAFKA)).isEqualTo("DOWN"));
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    Readiness ready = Readiness.now();
                    assertThat(ready.check(KAFKA)).isEqualTo("UP");
                    assertThat(ready.httpStatus()).isEqualTo(200);
                    assertThat((String) ready.data(KAFKA).get("partitions"))
                            .contains(KafkaBrokerResource.LOG_TOPIC + "-0", KafkaBrokerResource.LOG_TOPIC + "-1");
                });
            }
        }
    }

    /**
     * A member of Vigil's group that took every partition and then stopped polling without leaving, as a process
     * killed or frozen does; the group drops it after its poll interval (10 s).
     */
    private KafkaConsumer<String, String> memberThatStopsPolling() {
        KafkaConsumer<String, String> ghost = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "10000",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        ghost.subscribe(List.of(KafkaBrokerResource.LOG_TOPIC, KafkaBrokerResource.HDFS_TOPIC));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ghost.poll(Duration.ofMillis(200));
            return !ghost.assignment().isEmpty();
        });
        return ghost;
    }

    private Collection<MemberDescription> members(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
    }
}
