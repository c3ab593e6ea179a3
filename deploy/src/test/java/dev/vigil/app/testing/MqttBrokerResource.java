package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.vigil.demo.broker.EmbeddedKafkaBroker;
import dev.vigil.demo.broker.EmbeddedMqttBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real MQTT 5 broker (HiveMQ CE, embedded) on a free loopback port. */
public class MqttBrokerResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedMqttBroker broker;
    private Path folder;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("vigil-mqtt-");
            broker = EmbeddedMqttBroker.start(EmbeddedKafkaBroker.freePort(), folder);
            return Map.of("vigil.mqtt.broker-url", broker.url());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test MQTT broker", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Folders.deleteQuietly(folder);
        }
    }
}
