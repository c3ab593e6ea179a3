package dev.vigil.ingest.sparkplug;

import java.time.Instant;

/**
 * A Sparkplug edge node or device said it went offline (its death certificate, NDEATH or DDEATH) or came back (its
 * birth certificate, NBIRTH or DBIRTH). What {@link SparkplugEndpoints#EDGE_STATUS} carries, in the order received.
 *
 * @param device null for the edge node itself
 * @param at     the certificate's timestamp, else the time it was received
 * @param detail what the certificate said, for a person: {@code NDEATH (bdSeq 3)}
 */
public record EdgeStatus(String group, String node, String device, boolean online, Instant at, String detail) {

    /** {@code group/node} or {@code group/node/device}: the entity its alert names. */
    public String entity() {
        return device == null ? group + "/" + node : group + "/" + node + "/" + device;
    }
}
