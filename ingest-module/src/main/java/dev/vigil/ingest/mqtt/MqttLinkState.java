package dev.vigil.ingest.mqtt;

import java.time.Instant;

/**
 * Where an MQTT source's link to its broker stands, for readiness: connected, subscribed (the broker delivers the
 * topic to this session), since when, and the cause of the last failure while it is not.
 *
 * @param lastFailure null while connected and subscribed
 */
public record MqttLinkState(String brokerUrl, boolean connected, boolean subscribed, Instant since, String lastFailure) {

    public boolean ready() {
        return connected && subscribed;
    }
}
