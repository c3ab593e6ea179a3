package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.vigil.demo.broker.EmbeddedKafkaBroker;
import dev.vigil.demo.broker.EmbeddedMqttBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real MQTT 5 broker (HiveMQ CE, embedded) on a free loopback port. Tests of outages stop it and start it again on
 * the same port, with its sessions and queued messages kept ({@link #broker()}); they leave it running.
 */
public class MqttBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedMqttBroker broker;
    private Path folder;

    /** The running suite's broker. */
    public static EmbeddedMqttBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the test MQTT broker is not started");
        }
        return broker;
    }

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
