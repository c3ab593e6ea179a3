package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which of Vigil's Kafka consumers have joined their group and been given their partitions, for readiness: a consumer
 * polls but reads nothing until its group's coordinator has assigned it partitions, which after a restart can take a
 * rebalance (seconds) or, when an earlier member did not leave, its session timeout.
 * <p>
 * Camel's Kafka consumer subscribes through the registry's {@value KafkaConstants#KAFKA_SUBSCRIBE_ADAPTER} when there
 * is one: this is it. It subscribes as Camel's own {@link DefaultSubscribeAdapter} does, with a rebalance listener
 * around Camel's that notes each assignment, revocation and loss (and logs them, once each).
 */
@Singleton
@Named(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER)
public class KafkaAssignments implements SubscribeAdapter {

    private static final Logger LOG = Logger.getLogger(KafkaAssignments.class);

    /** Where one consumer's membership stands. */
    public record Assignment(boolean assigned, Set<String> partitions, Instant since) {
    }

    private final Map<Set<String>, Assignment> byTopics = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camels, TopicInfo topicInfo) {
        Set<String> topics = topics(topicInfo);
        byTopics.put(topics, new Assignment(false, Set.of(), clock.instant()));
        new DefaultSubscribeAdapter().subscribe(consumer, new Noting(topics, camels), topicInfo);
    }

    /**
     * The assignment of the consumer of {@code topics} (comma-separated, as its endpoint names them); empty when no
     * consumer has subscribed to them.
     */
    public Optional<Assignment> of(String topics) {
        return Optional.ofNullable(byTopics.get(Set.copyOf(List.of(topics.split(",")))));
    }

    private static Set<String> topics(TopicInfo info) {
        return info.isPattern() ? Set.of(info.getPattern().pattern()) : Set.copyOf(info.getTopics());
    }

    private static Set<String> names(Collection<TopicPartition> partitions) {
        Set<String> names = new TreeSet<>();
        partitions.forEach(p -> names.add(p.topic() + "-" + p.partition()));
        return names;
    }

    /** Camel's rebalance listener, and a note of what the group gave this consumer. */
    private final class Noting implements ConsumerRebalanceListener {

        private final Set<String> topics;
        private final ConsumerRebalanceListener camels;

        Noting(Set<String> topics, ConsumerRebalanceListener camels) {
            this.topics = topics;
            this.camels = camels;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            camels.onPartitionsAssigned(partitions);
            Set<String> names = names(partitions);
            byTopics.put(topics, new Assignment(true, names, clock.instant()));
            LOG.infof("Kafka consumer of %s assigned %s", topics, names.isEmpty() ? "no partition" : names);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            byTopics.put(topics, new Assignment(false, Set.of(), clock.instant()));
            camels.onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            byTopics.put(topics, new Assignment(false, Set.of(), clock.instant()));
            LOG.warnf("Kafka consumer of %s lost its partitions %s (its group membership lapsed): rejoining", topics,
                    names(partitions));
            camels.onPartitionsLost(partitions);
        }
    }
}
