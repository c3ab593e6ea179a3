package dev.vigil.ingest.mqtt;

import java.nio.charset.StandardCharsets;

/** One message as the broker delivered it: the topic it was published to and its payload. */
public record MqttReading(String topic, byte[] payload) {

    /** The payload as text, for a dead letter. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
