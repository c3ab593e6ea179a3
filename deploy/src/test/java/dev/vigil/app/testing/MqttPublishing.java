package dev.vigil.app.testing;

import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

import static org.awaitility.Awaitility.await;

/**
 * A test's QoS 1 publish through Paho, tried again while Paho refuses it with "Too many publishes in progress"
 * (32202): under load the client may still count an acknowledged publish as in flight, so the refusal says nothing
 * about the broker, which got nothing; any other failure is the test's.
 */
public final class MqttPublishing {

    /** One publish (or publish and wait for its completion) through a Paho client. */
    @FunctionalInterface
    public interface Publish {
        void run() throws MqttException;
    }

    private MqttPublishing() {
    }

    public static void atLeastOnce(Publish publish) throws MqttException {
        if (!accepted(publish)) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> accepted(publish));
        }
    }

    private static boolean accepted(Publish publish) throws MqttException {
        try {
            publish.run();
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }
}
