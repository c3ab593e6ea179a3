package dev.vigil.ingest.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.Sources;

/**
 * Which parser reads which topic: the main topic's ({@code vigil.kafka.topic}, source {@code kafka}, pattern
 * {@code vigil.kafka.line-pattern}) and one per configured log source ({@code vigil.kafka.sources.<name>}), checked
 * at start so a mistake names its key.
 */
public final class TopicParsers {

    private final Map<String, LogRecordParser> byTopic = new LinkedHashMap<>();

    /**
     * @param mainTopic  the main topic, read by {@code main}
     * @param main       the parser of the main topic (source {@code kafka})
     * @param sources    the further sources by name
     * @throws IllegalArgumentException naming the key of a source without a topic format, with both a format and a
     *                                  pattern, with an unknown format, a bad pattern, a bad name or a topic already
     *                                  read by another source
     */
    public TopicParsers(String mainTopic, LogRecordParser main, Map<String, KafkaLogSources.Source> sources) {
        byTopic.put(mainTopic, main);
        sources.forEach((name, source) -> {
            String key = "vigil.kafka.sources." + name;
            try {
                InputRules.requireName("source name", name);
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
            if (name.equals(Sources.KAFKA)) {
                throw new IllegalArgumentException(key + ": '" + Sources.KAFKA + "' is the main topic's source");
            }
            if (byTopic.containsKey(source.topic())) {
                throw new IllegalArgumentException(key + ".topic: topic '" + source.topic() + "' is already read by "
                        + "another source");
            }
            if (source.format().isPresent() == source.linePattern().isPresent()) {
                throw new IllegalArgumentException(key + ": give either format (a shipped one: " + LogFormats.names()
                        + ") or line-pattern (a regex with a named group 'message')");
            }
            LogFormat format;
            try {
                format = source.format().isPresent() ? LogFormats.get(source.format().get())
                        : LogFormat.of(name, "vigil.kafka.sources." + name + ".line-pattern", source.linePattern().get());
            } catch (IllegalArgumentException e) { // PatternSyntaxException is one
                throw new IllegalArgumentException(key + (source.format().isPresent() ? ".format: " : ".line-pattern: ")
                        + e.getMessage());
            }
            LogRecordParser parser = main.withFormat(format).forSource(name, source.service().orElse(null));
            if (source.timeFormat().isPresent()) {
                try {
                    parser = parser.withTimeFormat(source.timeFormat().get());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".time-format: " + e.getMessage());
                }
            }
            byTopic.put(source.topic(), parser);
        });
    }

    /** Every topic to subscribe to, main topic first. */
    public Set<String> topics() {
        return byTopic.keySet();
    }

    /** The parser of a topic; the main topic's for one not configured (Kafka only delivers what was subscribed). */
    public LogRecordParser forTopic(String topic) {
        return byTopic.getOrDefault(topic, byTopic.values().iterator().next());
    }
}
