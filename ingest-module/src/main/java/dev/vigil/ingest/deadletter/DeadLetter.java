package dev.vigil.ingest.deadletter;

import java.time.Instant;

/**
 * A payload that did not become an event, with the reason.
 *
 * @param source     the source route that rejected it
 * @param origin     where exactly it came from: an MQTT topic, {@code topic/partition@offset}, {@code file:line}
 * @param reason     why it was rejected
 * @param payload    the payload as text, shortened to {@link DeadLetters#MAX_PAYLOAD_CHARS}
 * @param receivedAt when it was rejected
 */
public record DeadLetter(String source, String origin, String reason, String payload, Instant receivedAt) {
}
