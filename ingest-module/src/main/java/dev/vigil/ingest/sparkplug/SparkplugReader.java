package dev.vigil.ingest.sparkplug;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.sparkplug.BirthCertificate.Definition;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

/**
 * Reads Sparkplug B messages in the order an edge node sent them, as a host application does:
 * <ul>
 * <li>a birth certificate (NBIRTH, DBIRTH) declares its metrics' names, aliases and data types, and the node's
 * {@code bdSeq}; a node's NBIRTH forgets what it and its devices declared before;</li>
 * <li>data (NDATA, DDATA) name metrics by name or alias: numeric and boolean ones become observations of source
 * {@code sparkplug}, tagged {@code group}, {@code node} (and {@code device}), at the metric's timestamp (else the
 * payload's, else the time received); a birth's values are observations too, but for {@code bdSeq} and the
 * {@code Node Control/} and {@code Device Control/} metrics;</li>
 * <li>a death certificate (NDEATH, DDEATH) is an {@link EdgeStatus} offline, a birth one online. An NDEATH whose
 * {@code bdSeq} is not that of the node's last NBIRTH is the will of an earlier connection, delivered late: ignored;</li>
 * <li>every message of a born node but its NDEATH carries the next {@code seq} (0..255, wrapping): another number is a
 * gap, reported;</li>
 * <li>what cannot be read (data of a node or device not born, an alias or name its birth did not declare, a value
 * that does not fit its declared type) is a problem reported with its reason; the rest of the message is read.</li>
 * </ul>
 * Edge nodes are known from their births since Vigil subscribed (kept in memory). Thread-safe.
 */
public final class SparkplugReader {

    /** The births' bookkeeping metric tying NDEATH to NBIRTH. */
    static final String BD_SEQ = "bdSeq";
    private static final int SEQ_MODULUS = 256;

    private final String source;
    private final Map<String, EdgeNode> nodes = new HashMap<>();

    /** @param source the source observations carry */
    public SparkplugReader(String source) {
        this.source = source;
    }

    /** What one message said. */
    public record Reading(List<Observation> observations, List<EdgeStatus> statuses, List<String> problems,
            SequenceGap gap) {

        /** The problems in one sentence, for a dead letter. */
        public String reason() {
            return String.join("; ", problems);
        }
    }

    /**
     * A {@code seq} that was not the next one: messages were lost between the edge node and Vigil.
     *
     * @param firstSinceBirth whether it is the node's first gap since its birth (the one to log)
     */
    public record SequenceGap(String group, String node, long expected, long received, boolean firstSinceBirth) {
    }

    /** One edge node as its births and deaths left it. */
    private static final class EdgeNode {
        final boolean born;
        final Long bdSeq;
        final BirthCertificate certificate;
        final Map<String, BirthCertificate> devices = new HashMap<>();
        Long lastSeq;
        boolean gapReported;

        EdgeNode(boolean born, Long bdSeq, BirthCertificate certificate, Long lastSeq) {
            this.born = born;
            this.bdSeq = bdSeq;
            this.certificate = certificate;
            this.lastSeq = lastSeq;
        }
    }

    public synchronized Reading read(SparkplugTopic topic, Payload payload, Instant receivedAt) {
        Message m = new Message(topic, payload, receivedAt);
        EdgeNode node = nodes.get(topic.edgeNode());
        switch (topic.type()) {
            case NBIRTH -> nodeBirth(m);
            case NDEATH -> nodeDeath(m, node);
            case NDATA -> {
                if (bornOrReported(m, node)) {
                    m.gap = sequence(m, node);
                    m.data(node.certificate);
                }
            }
            case DBIRTH -> deviceBirth(m, node);
            case DDATA -> {
                if (node != null) {
                    m.gap = sequence(m, node);
                }
                BirthCertificate device = node == null ? null : node.devices.get(topic.device());
                if (device == null) {
                    m.problems.add("no DBIRTH from " + topic.entity() + " since Vigil subscribed: its metrics are unknown "
                            + "until it is born again");
                } else {
                    m.data(device);
                }
            }
            case DDEATH -> {
                if (node != null) {
                    m.gap = sequence(m, node);
                    node.devices.remove(topic.device());
                }
                m.statuses.add(m.status(false, "DDEATH"));
            }
            default -> {
                // NCMD, DCMD and STATE are commands and host applications' states: nothing measured
            }
        }
        return new Reading(m.observations, m.statuses, m.problems, m.gap);
    }

    private void nodeBirth(Message m) {
        Long bdSeq = bdSeq(m.payload);
        BirthCertificate certificate = BirthCertificate.of(m.payload.getMetricsList(), m.problems);
        nodes.put(m.topic.edgeNode(),
                new EdgeNode(true, bdSeq, certificate, m.payload.hasSeq() ? m.payload.getSeq() : null));
        m.birthValues(certificate);
        m.statuses.add(m.status(true, "NBIRTH" + (bdSeq == null ? "" : " (bdSeq " + bdSeq + ")")));
    }

    private void nodeDeath(Message m, EdgeNode node) {
        Long bdSeq = bdSeq(m.payload);
        if (node != null && node.born && node.bdSeq != null && bdSeq != null && !node.bdSeq.equals(bdSeq)) {
            return; // the will of a connection before the node's last birth
        }
        nodes.put(m.topic.edgeNode(), new EdgeNode(false, null, null, null));
        m.statuses.add(m.status(false, "NDEATH" + (bdSeq == null ? "" : " (bdSeq " + bdSeq + ")")));
    }

    private void deviceBirth(Message m, EdgeNode node) {
        EdgeNode parent = node;
        if (parent == null) {
            // a device's birth declares its own metrics: read them even before its node's birth was seen
            parent = new EdgeNode(false, null, null, null);
            nodes.put(m.topic.edgeNode(), parent);
        }
        m.gap = sequence(m, parent);
        BirthCertificate certificate = BirthCertificate.of(m.payload.getMetricsList(), m.problems);
        parent.devices.put(m.topic.device(), certificate);
        m.birthValues(certificate);
        m.statuses.add(m.status(true, "DBIRTH"));
    }

    private static boolean bornOrReported(Message m, EdgeNode node) {
        if (node != null && node.born) {
            return true;
        }
        m.problems.add(node == null
                ? "no NBIRTH from " + m.topic.edgeNode() + " since Vigil subscribed: its metrics are unknown until it is born again"
                : m.topic.edgeNode() + " is dead (NDEATH) and was not born again");
        return false;
    }

    /** Checks the message's {@code seq} against the node's last one and keeps it. */
    private static SequenceGap sequence(Message m, EdgeNode node) {
        if (!m.payload.hasSeq()) {
            return null;
        }
        long received = m.payload.getSeq();
        Long last = node.lastSeq;
        node.lastSeq = received;
        if (!node.born || last == null) {
            return null;
        }
        long expected = (last + 1) % SEQ_MODULUS;
        if (received == expected) {
            return null;
        }
        boolean first = !node.gapReported;
        node.gapReported = true;
        return new SequenceGap(m.topic.group(), m.topic.node(), expected, received, first);
    }

    private static Long bdSeq(Payload payload) {
        for (Metric metric : payload.getMetricsList()) {
            if (BD_SEQ.equals(metric.getName())) {
                return switch (metric.getValueCase()) {
                    case LONG_VALUE -> metric.getLongValue();
                    case INT_VALUE -> Integer.toUnsignedLong(metric.getIntValue());
                    default -> null;
                };
            }
        }
        return null;
    }

    /** One message being read, and what it gave. */
    private final class Message {
        final SparkplugTopic topic;
        final Payload payload;
        final Instant receivedAt;
        final List<Observation> observations = new ArrayList<>();
        final List<EdgeStatus> statuses = new ArrayList<>(1);
        final List<String> problems = new ArrayList<>(0);
        SequenceGap gap;

        Message(SparkplugTopic topic, Payload payload, Instant receivedAt) {
            this.topic = topic;
            this.payload = payload;
            this.receivedAt = receivedAt;
        }

        /**
         * Timed when received: a death certificate is the will registered when the node connected, whose timestamp
         * is that of the connection, not of the death.
         */
        EdgeStatus status(boolean online, String detail) {
            return new EdgeStatus(topic.group(), topic.node(), topic.device(), online, receivedAt, detail);
        }

        void birthValues(BirthCertificate certificate) {
            for (Metric metric : payload.getMetricsList()) {
                String name = metric.getName();
                if (BD_SEQ.equals(name) || name.startsWith("Node Control/") || name.startsWith("Device Control/")) {
                    continue;
                }
                Definition definition = certificate.resolve(metric);
                if (definition != null) {
                    observe(definition, metric);
                }
            }
        }

        void data(BirthCertificate certificate) {
            for (Metric metric : payload.getMetricsList()) {
                Definition definition = certificate.resolve(metric);
                if (definition == null) {
                    problems.add((metric.hasName() && !metric.getName().isEmpty()
                            ? "metric '" + InputRules.printable(metric.getName(), 80) + "'"
                            : metric.hasAlias() ? "alias " + metric.getAlias() : "a metric with neither name nor alias")
                            + " is not in the birth certificate of " + topic.entity());
                } else {
                    observe(definition, metric);
                }
            }
        }

        private void observe(Definition definition, Metric metric) {
            if (metric.getIsNull()) {
                return;
            }
            try {
                OptionalDouble value = MetricValues.numeric(definition.type(), metric);
                if (value.isEmpty()) {
                    return;
                }
                Map<String, String> tags = new TreeMap<>();
                tags.put("group", topic.group());
                tags.put("node", topic.node());
                if (topic.device() != null) {
                    tags.put("device", topic.device());
                }
                observations.add(Observation.of(source, MetricNames.vigilName(definition.name()), tags,
                        timestamp(metric), value.getAsDouble()));
            } catch (InvalidInputException e) {
                problems.add("metric '" + InputRules.printable(definition.name(), 80) + "': " + e.getMessage());
            }
        }

        private Instant timestamp(Metric metric) {
            if (metric.hasTimestamp()) {
                return Instant.ofEpochMilli(metric.getTimestamp());
            }
            return payload.hasTimestamp() ? Instant.ofEpochMilli(payload.getTimestamp()) : receivedAt;
        }
    }
}
