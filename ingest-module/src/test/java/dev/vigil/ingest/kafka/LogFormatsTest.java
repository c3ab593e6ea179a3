package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Formats as the Kafka parser reads them: layouts written loghub's way, the time layouts of the lines, the registry of
 * formats by name. The formats Vigil ships are data of the features module (its format catalogue, tested there);
 * these are made up here.
 */
class LogFormatsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final LogFormat HDFS = LogFormat.loghub("HDFS", "HDFS-like",
            "<date> <time> <pid> <level> <component>: <message>", "yyMMdd HHmmss");

    private static LogRecordParser parser(LogFormat format) {
        return new LogRecordParser(format, 65536, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void namesAreMatchedIgnoringCaseAndUnknownOnesListTheKnownFormats() {
        LogFormats formats = new LogFormats(List.of(HDFS, LogFormat.of("vigil", "own", "^(?<message>.*)$")));

        assertThat(formats.get("hdfs")).isSameAs(formats.get("HDFS"));
        assertThat(formats.names()).isEqualTo("HDFS, vigil");
        assertThatThrownBy(() -> formats.get("klingon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown log format 'klingon', known formats: HDFS, vigil");
        assertThatThrownBy(() -> new LogFormats(List.of(HDFS, LogFormat.loghub("hdfs", "again", "<message>", null))))
                .hasMessage("two log formats are called 'hdfs'");
    }

    @Test
    void theLoghubGroupsAreSplitAsLogparserSplitsThem() {
        LogFormat zookeeper = LogFormat.loghub("Zookeeper", "ZooKeeper",
                "<date> <time> - <level>  \\[<node>:<component>@<lineNumber>\\] - <message>", null);
        Matcher m = zookeeper.pattern().matcher("2026-01-05 10:11:12,345 - INFO  [main:QuorumPeer@913] - LOOKING");

        assertThat(m.matches()).isTrue();
        assertThat(m.group("level")).isEqualTo("INFO");
        assertThat(m.group("node")).isEqualTo("main");
        assertThat(m.group("component")).isEqualTo("QuorumPeer");
        assertThat(m.group("lineNumber")).isEqualTo("913");
        assertThat(m.group("message")).isEqualTo("LOOKING");
        assertThatThrownBy(() -> LogFormat.loghub("x", "x", "<date> <text>", null)).hasMessageContaining("named group 'message'");
        assertThatThrownBy(() -> LogFormat.loghub("x", "x", "<message>", "yyyy qqqqqq")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKafkaParserReadsAFormatKeepingItsOtherGroupsAsFieldsAndTheTimeAsTheFormatSays() {
        LogEvent e = parser(HDFS).parse("hdfs-dn", "081109 203518 77 WARN dfs.DataNode: slow block receiver");

        assertThat(e.service()).isEqualTo("hdfs-dn");
        assertThat(e.level()).isEqualTo(LogLevel.WARN);
        assertThat(e.message()).isEqualTo("slow block receiver");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2008-11-09T20:35:18Z"));
        assertThat(e.fields()).contains(entry("pid", "77"), entry("component", "dfs.DataNode"),
                entry("date", "081109"), entry("time", "203518"));
        assertThatThrownBy(() -> parser(HDFS).parse("x", "081399 203518 77 WARN dfs.DataNode: slow"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("time '081399 203518' does not read with the time format 'yyMMdd HHmmss'");
    }

    @Test
    void timeLayoutsReadEpochSecondsOffsetsAndRunsOfSpaces() {
        LogFormat epoch = LogFormat.loghub("BGL", "epoch", "<label> <epoch> <message>", LineTime.EPOCH);
        LogFormat access = LogFormat.of("access", "offset", "^\\[(?<time>[^\\]]+)\\] (?<message>.*)$",
                "dd/MMM/yyyy:HH:mm:ss Z");
        LogFormat syslog = LogFormat.of("bsd", "no year", "^(?<time>[A-Z][a-z]{2} {1,2}\\d{1,2} [\\d:]{8}) (?<message>.*)$",
                "MMM d HH:mm:ss");

        assertThat(parser(epoch).parse("k", "- 1117838570 instruction cache parity error corrected").timestamp())
                .isEqualTo(Instant.parse("2005-06-03T22:42:50Z"));
        assertThat(parser(epoch).parse("k", "- 1117838570123 x").timestamp()).as("13 digits: milliseconds")
                .isEqualTo(Instant.parse("2005-06-03T22:42:50.123Z"));
        assertThatThrownBy(() -> parser(epoch).parse("k", "- soon x")).hasMessageContaining("not a number of seconds");
        assertThat(parser(access).parse("k", "[10/Oct/2026:13:55:36 -0700] GET /").timestamp())
                .isEqualTo(Instant.parse("2026-10-10T20:55:36Z"));
        assertThat(parser(syslog).parse("k", "Jun  4 15:16:01 ok").timestamp()).isEqualTo(Instant.parse("2026-06-04T15:16:01Z"));
    }

    @Test
    void syslogPriorityGivesTheLevelWhenThereIsNoLevel() {
        LogFormat pri = LogFormat.of("pri", "syslog-like", "^<(?<pri>\\d{1,3})>(?<service>\\S+): (?<message>.*)$");

        assertThat(parser(pri).parse(null, "<163>billing: card store unreachable").level()).isEqualTo(LogLevel.ERROR);
        assertThat(parser(pri).parse(null, "<38>sshd: ok").level()).isEqualTo(LogLevel.INFO); // 38 % 8 = 6
    }

    @Test
    void androidsOneLetterLevelsAreRead() {
        assertThat(Map.of("V", LogLevel.TRACE, "D", LogLevel.DEBUG, "I", LogLevel.INFO, "W", LogLevel.WARN, "E",
                LogLevel.ERROR, "F", LogLevel.FATAL)).allSatisfy((letter, level) ->
                assertThat(LogLevel.parse(letter)).isEqualTo(level));
    }
}
