package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class LogRecordParserTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-22T10:00:00Z");
    private static final int MAX_BYTES = 512;

    private static LogRecordParser parser(String pattern) {
        return new LogRecordParser(pattern, MAX_BYTES, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final LogRecordParser parser = parser(LogRecordParser.DEFAULT_LINE_PATTERN);

    // --- JSON events ---

    @Test
    void jsonEventWithAllKnownFields() {
        LogEvent e = parser.parse("key-svc",
                "{\"timestamp\":\"2026-11-22T10:00:00Z\",\"service\":\"checkout\",\"level\":\"error\",\"message\":\"payment declined\"}");
        assertThat(e.source()).isEqualTo("kafka");
        assertThat(e.service()).isEqualTo("checkout");
        assertThat(e.timestamp()).isEqualTo(TEN_O_CLOCK);
        assertThat(e.level()).isEqualTo(LogLevel.ERROR);
        assertThat(e.message()).isEqualTo("payment declined");
        assertThat(e.fields()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "timestamp", "ts", "@timestamp" })
    void anyOfTheTimeFieldNamesIsTheTimestamp(String field) {
        LogEvent e = parser.parse(null,
                "{\"" + field + "\":\"2026-11-22T10:00:00Z\",\"service\":\"s\",\"level\":\"INFO\",\"message\":\"m\"}");
        assertThat(e.timestamp()).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void epochMillisTimestamp() {
        LogEvent e = parser.parse("s", "{\"ts\":1795341600000,\"level\":\"INFO\",\"msg\":\"m\"}");
        assertThat(e.timestamp()).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void msgIsAnAliasOfMessage() {
        assertThat(parser.parse("s", "{\"level\":\"INFO\",\"msg\":\"hello\"}").message()).isEqualTo("hello");
    }

    @Test
    void jsonWithoutTimeIsTimestampedWithTheClock() {
        assertThat(parser.parse("s", "{\"level\":\"INFO\",\"msg\":\"m\"}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void extraScalarFieldsAreKeptAsText() {
        LogEvent e = parser.parse("s",
                "{\"level\":\"INFO\",\"msg\":\"m\",\"trace_id\":\"abc\",\"status\":500,\"retry\":true,\"gone\":null}");
        assertThat(e.fields()).containsOnly(entry("trace_id", "abc"), entry("status", "500"), entry("retry", "true"));
    }

    @Test
    void nestedObjectIsKeptAsJsonText() {
        LogEvent e = parser.parse("s", "{\"level\":\"INFO\",\"msg\":\"m\",\"ctx\":{\"user\":\"u1\",\"n\":2}}");
        assertThat(e.fields()).containsOnly(entry("ctx", "{\"user\":\"u1\",\"n\":2}"));
    }

    @Test
    void serviceAndLevelAreNotCopiedIntoFields() {
        LogEvent e = parser.parse(null, "{\"service\":\"s\",\"level\":\"INFO\",\"msg\":\"m\"}");
        assertThat(e.fields()).doesNotContainKeys("service", "level", "msg");
    }

    @Test
    void serviceFromRecordKeyWhenAbsent() {
        assertThat(parser.parse("billing", "{\"level\":\"WARNING\",\"msg\":\"m\"}").service()).isEqualTo("billing");
    }

    @Test
    void serviceInEventWinsOverRecordKey() {
        assertThat(parser.parse("billing", "{\"service\":\"checkout\",\"level\":\"INFO\",\"msg\":\"m\"}").service())
                .isEqualTo("checkout");
    }

    // --- text lines ---

    @Test
    void textLineWithDefaultPattern() {
        LogEvent e = parser.parse(null, "2026-11-22T10:00:00Z ERROR checkout payment declined");
        assertThat(e.service()).isEqualTo("checkout");
        assertThat(e.timestamp()).isEqualTo(TEN_O_CLOCK);
        assertThat(e.level()).isEqualTo(LogLevel.ERROR);
        assertThat(e.message()).isEqualTo("payment declined");
        assertThat(e.fields()).isEmpty();
    }

    @Test
    void textLineServiceWinsOverRecordKey() {
        assertThat(parser.parse("billing", "2026-11-22T10:00:00Z INFO checkout ok").service()).isEqualTo("checkout");
    }

    @Test
    void customPatternWithoutServiceTakesServiceFromKey() {
        LogRecordParser custom = parser("^(?<level>[A-Z]+): (?<message>.*)$");
        LogEvent e = custom.parse("billing", "WARNING: disk low");
        assertThat(e.service()).isEqualTo("billing");
        assertThat(e.level()).isEqualTo(LogLevel.WARN);
        assertThat(e.message()).isEqualTo("disk low");
        assertThat(e.timestamp()).isEqualTo(NOW);
    }

    @Test
    void customPatternWithoutLevelDefaultsToInfo() {
        LogEvent e = parser("^(?<message>.*)$").parse("billing", "something happened");
        assertThat(e.level()).isEqualTo(LogLevel.INFO);
        assertThat(e.message()).isEqualTo("something happened");
    }

    @Test
    void patternWithoutMessageGroupIsRefused() {
        assertThatThrownBy(() -> parser("^(?<ts>\\S+) (?<msg>.*)$"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'message'");
    }

    // --- rejections ---

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> parser.parse("s", "{\"msg\":\"m\""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void jsonWithTrailingContentIsRejected() {
        assertThatThrownBy(() -> parser.parse("s", "{\"msg\":\"a\",\"level\":\"INFO\"} trailing"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void missingMessageIsRejectedNamingMessage() {
        assertThatThrownBy(() -> parser.parse("s", "{\"level\":\"INFO\",\"text\":\"m\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'message' is missing");
    }

    @Test
    void nonStringMessageIsRejectedNamingIt() {
        assertThatThrownBy(() -> parser.parse("s", "{\"level\":\"INFO\",\"msg\":42}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'msg' must be a string");
    }

    @Test
    void unknownLevelIsRejected() {
        assertThatThrownBy(() -> parser.parse("s", "{\"level\":\"LOUD\",\"msg\":\"m\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown log level 'LOUD'");
    }

    @Test
    void unknownLevelInTextLineIsRejected() {
        assertThatThrownBy(() -> parser.parse(null, "2026-11-22T10:00:00Z LOUD checkout boom"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown log level 'LOUD'");
    }

    @Test
    void jsonEventWithoutLevelIsInfoLikeATextLineWithoutOne() {
        assertThat(parser.parse("s", "{\"msg\":\"m\"}").level()).isEqualTo(dev.vigil.contracts.LogLevel.INFO);
    }

    @Test
    void nullTimestampInAJsonEventMeansTheTimeOfReceipt() {
        assertThat(parser.parse("s", "{\"ts\":null,\"msg\":\"m\",\"level\":\"INFO\"}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void lineNotMatchingThePatternIsRejected() {
        assertThatThrownBy(() -> parser.parse("s", "just some words"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("line does not match the configured line pattern: 'just some words'");
    }

    @Test
    void noServiceAndNoKeyIsRejected() {
        assertThatThrownBy(() -> parser.parse(null, "{\"level\":\"INFO\",\"msg\":\"m\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no service")
                .hasMessageContaining("no key");
    }

    @Test
    void customPatternWithoutServiceAndNoKeyIsRejected() {
        assertThatThrownBy(() -> parser("^(?<message>.*)$").parse(null, "hello"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no service");
    }

    @Test
    void invalidServiceNameFromKeyIsRejected() {
        assertThatThrownBy(() -> parser.parse("bad service", "{\"level\":\"INFO\",\"msg\":\"m\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("service 'bad service'");
    }

    @Test
    void nonStringServiceIsRejectedNamingIt() {
        assertThatThrownBy(() -> parser.parse("s", "{\"service\":1,\"level\":\"INFO\",\"msg\":\"m\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'service' must be a string");
    }

    @Test
    void unreadableTimestampIsRejected() {
        assertThatThrownBy(() -> parser.parse("s", "{\"ts\":\"soon\",\"level\":\"INFO\",\"msg\":\"m\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timestamp 'soon'");
    }

    @Test
    void oversizedRecordIsRejectedCountingUtf8Bytes() {
        String value = "2026-11-22T10:00:00Z INFO s " + "é".repeat(250); // 28 + 500 bytes
        assertThatThrownBy(() -> parser.parse("s", value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("log record of 528 bytes exceeds the limit of 512");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  \n" })
    void blankRecordIsRejected(String value) {
        assertThatThrownBy(() -> parser.parse("s", value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("empty log record");
    }
}
