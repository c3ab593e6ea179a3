package dev.vigil.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.demo.broker.EmbeddedKafkaBroker;
import dev.vigil.demo.broker.EmbeddedMqttBroker;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In the demo profile ({@code vigil.demo.enabled=true}) starts the MQTT 5 and Kafka brokers inside Vigil's own
 * process before Camel starts its routes, and stops them after Camel has stopped, so nothing but Java is needed to
 * see Vigil work. Outside the demo, brokers are external and this bean does nothing.
 */
@ApplicationScoped
public class DemoInfrastructure {

    private static final Logger LOG = Logger.getLogger(DemoInfrastructure.class);

    private final boolean enabled;
    private final Path dataDir;
    private final int mqttPort;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final String logTopic;
    private final String userTopic;
    private final int httpPort;
    private EmbeddedMqttBroker mqtt;
    private EmbeddedKafkaBroker kafka;

    public DemoInfrastructure(@ConfigProperty(name = "vigil.demo.enabled") boolean enabled,
            @ConfigProperty(name = "vigil.demo.data-dir") Path dataDir,
            @ConfigProperty(name = "vigil.demo.mqtt-port") int mqttPort,
            @ConfigProperty(name = "vigil.demo.kafka-port") int kafkaPort,
            @ConfigProperty(name = "vigil.demo.kafka-controller-port") int kafkaControllerPort,
            @ConfigProperty(name = "vigil.kafka.topic") String logTopic,
            @ConfigProperty(name = "vigil.users.topic") String userTopic,
            @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.enabled = enabled;
        this.dataDir = dataDir;
        this.mqttPort = mqttPort;
        this.kafkaPort = kafkaPort;
        this.kafkaControllerPort = kafkaControllerPort;
        this.logTopic = logTopic;
        this.userTopic = userTopic;
        this.httpPort = httpPort;
    }

    void startBrokers(@Observes BeforeStart event) throws Exception {
        if (!enabled) {
            return;
        }
        List<DemoPorts.Port> ports = new ArrayList<>(List.of(
                new DemoPorts.Port("MQTT broker", mqttPort, "VIGIL_DEMO_MQTT_PORT"),
                new DemoPorts.Port("Kafka broker", kafkaPort, "VIGIL_DEMO_KAFKA_PORT"),
                new DemoPorts.Port("Kafka controller", kafkaControllerPort, "VIGIL_DEMO_KAFKA_CONTROLLER_PORT")));
        if (LaunchMode.current() == LaunchMode.NORMAL) { // tests listen on ports of their own choosing
            ports.add(new DemoPorts.Port("web console and API", httpPort, "QUARKUS_HTTP_PORT"));
        }
        DemoPorts.checkFree(ports);
        long started = System.nanoTime();
        mqtt = EmbeddedMqttBroker.start(mqttPort, dataDir.resolve("mqtt"));
        kafka = EmbeddedKafkaBroker.start(kafkaPort, kafkaControllerPort, dataDir.resolve("kafka"));
        kafka.createTopic(logTopic, 1);
        kafka.createTopic(userTopic, 1);
        LOG.infof("Demo brokers up in %d ms: MQTT 5 at %s, Kafka at %s", (System.nanoTime() - started) / 1_000_000,
                mqtt.url(), kafka.bootstrapServers());
    }

    void stopBrokers(@Observes AfterStop event) throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }
}
