package dev.vigil.ingest.mqtt;

import java.time.Duration;

/**
 * How {@link MqttSession} connects: the broker, the fixed client id of the persistent session and its expiry, the
 * subscription (QoS 1), how many unacknowledged readings the broker may send at once (MQTT 5 Receive Maximum, also
 * the bound of the queue between Paho and the route) and the back-off between connection attempts.
 */
public record MqttSessionSettings(String brokerUrl, String clientId, String topic, long sessionExpirySeconds,
        int receiveMaximum, Duration reconnectDelay, Duration maxReconnectDelay) {

    /** QoS of the subscription: at least once, acknowledged after the route has processed the reading. */
    public static final int QOS = 1;

    public MqttSessionSettings {
        if (sessionExpirySeconds <= 0) {
            throw new IllegalArgumentException("the session expiry must be above 0 seconds, or the broker forgets the "
                    + "session (and what was published meanwhile) at every disconnect; got " + sessionExpirySeconds);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receiveMaximum must be within 1..65535, got " + receiveMaximum);
        }
        if (reconnectDelay.isNegative() || reconnectDelay.isZero() || maxReconnectDelay.compareTo(reconnectDelay) < 0) {
            throw new IllegalArgumentException("the reconnect delay must be above 0 and at most the maximum delay, got "
                    + reconnectDelay + " and " + maxReconnectDelay);
        }
    }
}
