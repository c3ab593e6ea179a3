package dev.vigil.demo.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the {@link DemoScenario} through the same doors a real deployment uses: MQTT 5 at QoS 1, the Kafka
 * log and user-events topics and the drop folder. Runs only when {@code vigil.demo.enabled=true}.
 */
@ApplicationScoped
public class DemoSimulatorRoutes extends RouteBuilder {

    private static final String MQTT_OUT = "paho-mqtt5:vigil/sensors?brokerUrl={{vigil.mqtt.broker-url}}"
            + "&clientId=vigil-demo-simulator&qos=1";
    private static final String KAFKA_OUT = "kafka:{{vigil.kafka.topic}}?brokers={{vigil.kafka.brokers}}";
    private static final String USERS_OUT = "kafka:{{vigil.users.topic}}?brokers={{vigil.kafka.brokers}}";
    private static final String FILE_OUT = "file:{{vigil.files.inbox}}?tempPrefix=.writing-";

    private final Clock clock = Clock.systemUTC();
    private final boolean enabled;
    private final ProducerTemplate out;
    private final AtomicBoolean malformedSent = new AtomicBoolean();
    private DemoScenario scenario;

    /** The scenario's clock starts with the first tick, not when routes are configured: brokers may take a while. */
    private synchronized DemoScenario scenario() {
        if (scenario == null) {
            scenario = new DemoScenario(clock.instant());
        }
        return scenario;
    }

    public DemoSimulatorRoutes(@ConfigProperty(name = "vigil.demo.enabled") boolean enabled, ProducerTemplate out) {
        this.enabled = enabled;
        this.out = out;
    }

    @Override
    public void configure() {
        if (!enabled) {
            return;
        }
        from("timer:demo-sensors?period=250&delay=1000").routeId("demo-sensors")
                .process(this::publishSensors);
        from("timer:demo-logs?period=250&delay=1000").routeId("demo-logs")
                .process(this::publishLogs);
        from("timer:demo-users?period=500&delay=1000").routeId("demo-users")
                .process(this::publishUserEvents);
        from("timer:demo-files?period=60000&delay=3000").routeId("demo-files")
                .process(this::writeOrdersFile);
    }

    private void publishSensors(Exchange exchange) {
        for (DemoScenario.SensorMessage message : scenario().sensorReadings(clock.instant())) {
            out.sendBodyAndHeader(MQTT_OUT, message.payload(), PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, message.topic());
        }
        if (!malformedSent.getAndSet(true)) {
            DemoScenario.SensorMessage bad = DemoScenario.malformedSensorReading();
            out.sendBodyAndHeader(MQTT_OUT, bad.payload(), PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, bad.topic());
            DemoScenario.LogRecord badLog = DemoScenario.malformedLogRecord();
            out.sendBodyAndHeader(KAFKA_OUT, badLog.value(), KafkaConstants.KEY, badLog.key());
            DemoScenario.LogRecord badUser = DemoScenario.malformedUserEvent();
            out.sendBodyAndHeader(USERS_OUT, badUser.value(), KafkaConstants.KEY, badUser.key());
        }
    }

    private void publishLogs(Exchange exchange) {
        for (DemoScenario.LogRecord record : scenario().logLines(clock.instant(), 5)) {
            out.sendBodyAndHeader(KAFKA_OUT, record.value(), KafkaConstants.KEY, record.key());
        }
    }

    private void publishUserEvents(Exchange exchange) {
        for (DemoScenario.LogRecord record : scenario().userEvents(clock.instant())) {
            out.sendBodyAndHeader(USERS_OUT, record.value(), KafkaConstants.KEY, record.key());
        }
    }

    private void writeOrdersFile(Exchange exchange) {
        String csv = scenario().ordersFile();
        if (scenario().filesWritten() == 1) {
            csv += DemoScenario.malformedOrdersRow();
        }
        out.sendBodyAndHeader(FILE_OUT, csv, Exchange.FILE_NAME,
                "orders-" + Instant.now(clock).toEpochMilli() + ".csv");
    }
}
