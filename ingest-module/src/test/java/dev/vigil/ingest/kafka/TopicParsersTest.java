package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class TopicParsersTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final LogRecordParser MAIN = new LogRecordParser(LogRecordParser.DEFAULT_LINE_PATTERN, 4096,
            new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    private record Source(String topic, Optional<String> format, Optional<String> linePattern, Optional<String> timeFormat,
            Optional<String> service) implements KafkaLogSources.Source {

        Source(String topic, Optional<String> format, Optional<String> linePattern, Optional<String> service) {
            this(topic, format, linePattern, Optional.empty(), service);
        }
    }

    private static TopicParsers parsers(Map<String, KafkaLogSources.Source> sources) {
        return new TopicParsers("vigil.logs", MAIN, sources);
    }

    @Test
    void eachTopicIsReadInItsSourcesFormatAndCarriesItsSourceName() {
        Map<String, KafkaLogSources.Source> sources = new LinkedHashMap<>();
        sources.put("hdfs", new Source("hdfs.logs", Optional.of("HDFS"), Optional.empty(), Optional.of("datanode")));
        sources.put("gateway", new Source("gw.logs", Optional.empty(),
                Optional.of("^(?<ts>\\S+) \\[(?<level>\\w+)\\] (?<message>.*)$"), Optional.empty()));
        TopicParsers parsers = parsers(sources);

        LogEvent hdfs = parsers.forTopic("hdfs.logs").parse(null,
                "081109 203518 143 INFO dfs.DataNode$DataXceiver: Receiving block blk_-160 src: /10.250.19.102:54106");
        LogEvent gateway = parsers.forTopic("gw.logs").parse("edge-1", "2026-01-05T10:00:00Z [WARN] upstream slow");
        LogEvent main = parsers.forTopic("vigil.logs").parse(null, "2026-01-05T10:00:00Z ERROR api failed");

        assertThat(parsers.topics()).containsExactly("vigil.logs", "hdfs.logs", "gw.logs");
        assertThat(hdfs.source()).isEqualTo("hdfs");
        assertThat(hdfs.service()).isEqualTo("datanode");
        assertThat(hdfs.timestamp()).isEqualTo(NOW); // the loghub layout has no ISO time: timed at receipt
        assertThat(hdfs.message()).isEqualTo("Receiving block blk_-160 src: /10.250.19.102:54106");
        assertThat(hdfs.fields()).contains(entry("component", "dfs.DataNode$DataXceiver"), entry("pid", "143"));
        assertThat(gateway.source()).isEqualTo("gateway");
        assertThat(gateway.service()).isEqualTo("edge-1");
        assertThat(gateway.level()).isEqualTo(LogLevel.WARN);
        assertThat(main.source()).isEqualTo("kafka");
        assertThat(main.service()).isEqualTo("api");
    }

    @Test
    void aRecordNamingNoServiceInASourceWithoutOneIsRejected() {
        TopicParsers parsers = parsers(Map.of("hdfs", new Source("hdfs.logs", Optional.of("hdfs"), Optional.empty(),
                Optional.empty())));

        assertThatThrownBy(() -> parsers.forTopic("hdfs.logs").parse(null, "081109 203518 143 INFO x: y"))
                .isInstanceOf(InvalidInputException.class).hasMessage("the event names no service and the record has no key");
    }

    @Test
    void aSourceReadsItsOwnTimeLayoutAndALineOutsideItIsRejected() {
        TopicParsers parsers = parsers(Map.of(
                "hdfs", new Source("hdfs.logs", Optional.of("HDFS"), Optional.empty(), Optional.of("yyMMdd HHmmss"),
                        Optional.of("datanode")),
                "linux", new Source("linux.logs", Optional.of("Linux"), Optional.empty(), Optional.of("MMM d HH:mm:ss"),
                        Optional.empty())));

        LogEvent hdfs = parsers.forTopic("hdfs.logs").parse(null, "081109 203518 143 INFO dfs.DataNode$DataXceiver: "
                + "Receiving block blk_-160 src: /10.250.19.102:54106");
        LogEvent linux = parsers.forTopic("linux.logs").parse("combo",
                "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0");

        assertThat(hdfs.timestamp()).isEqualTo(Instant.parse("2008-11-09T20:35:18Z"));
        assertThat(linux.timestamp()).as("no year in the layout: the clock's").isEqualTo(Instant.parse("2026-06-14T15:16:01Z"));
        assertThatThrownBy(() -> parsers.forTopic("hdfs.logs").parse(null, "081399 203518 143 INFO x: y"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("time '081399 203518' does not read with the time format 'yyMMdd HHmmss'");
        assertThatThrownBy(() -> parsers(Map.of("hdfs", new Source("hdfs.logs", Optional.of("HDFS"), Optional.empty(),
                Optional.of("yyMMdd HHmmss qqqqqq"), Optional.empty()))))
                .hasMessageStartingWith("vigil.kafka.sources.hdfs.time-format: ");
    }

    @Test
    void aMistakeNamesItsKey() {
        assertThatThrownBy(() -> parsers(Map.of("hdfs", new Source("hdfs.logs", Optional.of("HDFS2"), Optional.empty(),
                Optional.empty())))).hasMessageStartingWith("vigil.kafka.sources.hdfs.format: unknown log format 'HDFS2'");
        assertThatThrownBy(() -> parsers(Map.of("hdfs", new Source("hdfs.logs", Optional.of("HDFS"),
                Optional.of("(?<message>.*)"), Optional.empty())))).hasMessageStartingWith("vigil.kafka.sources.hdfs: give either");
        assertThatThrownBy(() -> parsers(Map.of("hdfs", new Source("hdfs.logs", Optional.empty(), Optional.empty(),
                Optional.empty())))).hasMessageStartingWith("vigil.kafka.sources.hdfs: give either");
        assertThatThrownBy(() -> parsers(Map.of("gw", new Source("gw.logs", Optional.empty(), Optional.of("(?<msg>.*)"),
                Optional.empty())))).hasMessageStartingWith("vigil.kafka.sources.gw.line-pattern: log format 'gw' needs a "
                        + "named group 'message'");
        assertThatThrownBy(() -> parsers(Map.of("gw", new Source("gw.logs", Optional.empty(), Optional.of("(?<message>.*"),
                Optional.empty())))).hasMessageStartingWith("vigil.kafka.sources.gw.line-pattern: Unclosed group");
        assertThatThrownBy(() -> parsers(Map.of("again", new Source("vigil.logs", Optional.of("HDFS"), Optional.empty(),
                Optional.empty())))).hasMessage("vigil.kafka.sources.again.topic: topic 'vigil.logs' is already read by another source");
        assertThatThrownBy(() -> parsers(Map.of("kafka", new Source("x", Optional.of("HDFS"), Optional.empty(),
                Optional.empty())))).hasMessageContaining("'kafka' is the main topic's source");
        assertThatThrownBy(() -> parsers(Map.of("bad name", new Source("x", Optional.of("HDFS"), Optional.empty(),
                Optional.empty())))).hasMessageStartingWith("vigil.kafka.sources.bad name: source name 'bad name' is not a valid name");
    }
}
