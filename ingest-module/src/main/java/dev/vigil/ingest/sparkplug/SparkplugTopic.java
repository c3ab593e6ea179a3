package dev.vigil.ingest.sparkplug;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.InputRules;

/**
 * A Sparkplug B topic, {@code spBv1.0/<group>/<type>/<node>[/<device>]}: the edge node (and device) a message is
 * about and what kind of message it is. {@code spBv1.0/STATE/<host>} is a host application's state.
 *
 * @param device null for a node's own messages (and for STATE)
 */
public record SparkplugTopic(String group, MessageType type, String node, String device) {

    /** The namespace of Sparkplug B topics. */
    public static final String NAMESPACE = "spBv1.0";

    /** The kinds of Sparkplug B message. */
    public enum MessageType {
        NBIRTH, NDATA, NDEATH, NCMD, DBIRTH, DDATA, DDEATH, DCMD, STATE;

        /** Whether a device (the topic's fifth level) sends it. */
        boolean ofDevice() {
            return this == DBIRTH || this == DDATA || this == DDEATH || this == DCMD;
        }
    }

    /** Reads a topic; one that is not Sparkplug B is invalid input naming what is wrong. */
    public static SparkplugTopic parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 3 || !NAMESPACE.equals(levels[0])) {
            throw new InvalidInputException("not a Sparkplug B topic (" + NAMESPACE + "/<group>/<type>/<node>[/<device>])");
        }
        if (levels[1].equals(MessageType.STATE.name())) {
            return new SparkplugTopic(null, MessageType.STATE, levels[2], null);
        }
        MessageType type;
        try {
            type = MessageType.valueOf(levels[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown Sparkplug message type '" + InputRules.printable(levels[2], 20) + "'");
        }
        int expected = type.ofDevice() ? 5 : 4;
        if (type == MessageType.STATE || levels.length != expected) {
            throw new InvalidInputException("a Sparkplug " + type + " topic has " + expected + " levels, this one "
                    + levels.length);
        }
        for (int i = 1; i < levels.length; i++) {
            if (levels[i].isEmpty()) {
                throw new InvalidInputException("an empty level in a Sparkplug topic");
            }
        }
        return new SparkplugTopic(levels[1], type, levels[3], type.ofDevice() ? levels[4] : null);
    }

    /** {@code group/node} or {@code group/node/device}: what alerts about it name. */
    public String entity() {
        return device == null ? group + "/" + node : group + "/" + node + "/" + device;
    }

    /** {@code group/node}: the edge node, whose births, sequence numbers and aliases its devices share. */
    public String edgeNode() {
        return group + "/" + node;
    }
}
