package dev.vigil.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SensorPayloadParserTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TOPIC = "vigil/sensors/plant-1/d7/temperature";
    private static final int MAX_BYTES = 256;

    private final SensorPayloadParser parser = new SensorPayloadParser("vigil/sensors/#", MAX_BYTES,
            new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    private Observation parse(String topic, String payload) {
        return parser.parse(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // --- accepted payloads ---

    @Test
    void jsonPayloadWithAllFields() {
        Observation o = parse("vigil/sensors",
                "{\"metric\":\"temperature\",\"value\":21.5,\"ts\":\"2026-11-22T10:00:00Z\",\"tags\":{\"site\":\"plant-1\"}}");
        assertThat(o.source()).isEqualTo("mqtt");
        assertThat(o.series()).isEqualTo("temperature{site=plant-1}");
        assertThat(o.value()).isEqualTo(21.5);
        assertThat(o.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void plainNumberTakesSeriesFromTopic() {
        Observation o = parse(TOPIC, "21.5");
        assertThat(o.series()).isEqualTo("temperature{device=d7,site=plant-1}");
        assertThat(o.tags()).containsExactly(entry("device", "d7"), entry("site", "plant-1"));
        assertThat(o.value()).isEqualTo(21.5);
    }

    @Test
    void plainNumberIsTimestampedWithTheClock() {
        assertThat(parse(TOPIC, " 42 \n").timestamp()).isEqualTo(NOW);
    }

    @Test
    void jsonWithoutMetricTakesMetricFromTopic() {
        Observation o = parse(TOPIC, "{\"value\":3}");
        assertThat(o.series()).isEqualTo("temperature{device=d7,site=plant-1}");
    }

    @Test
    void jsonMetricWinsOverTopicMetric() {
        assertThat(parse(TOPIC, "{\"metric\":\"humidity\",\"value\":3}").series())
                .isEqualTo("humidity{device=d7,site=plant-1}");
    }

    @Test
    void payloadTagsAreMergedWithTopicTagsAndWin() {
        Observation o = parse(TOPIC, "{\"value\":3,\"tags\":{\"site\":\"plant-2\",\"floor\":\"3\"}}");
        assertThat(o.tags()).containsExactly(entry("device", "d7"), entry("floor", "3"), entry("site", "plant-2"));
        assertThat(o.series()).isEqualTo("temperature{device=d7,floor=3,site=plant-2}");
    }

    @Test
    void jsonWithoutTsIsTimestampedWithTheClock() {
        assertThat(parse(TOPIC, "{\"value\":3}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void nullTsIsTimestampedWithTheClock() {
        assertThat(parse(TOPIC, "{\"value\":3,\"ts\":null}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void tsAsEpochMillis() {
        assertThat(parse(TOPIC, "{\"value\":3,\"ts\":1795341600000}").timestamp())
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void tsAsEpochSeconds() {
        assertThat(parse(TOPIC, "{\"value\":3,\"ts\":1795341600}").timestamp())
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void timestampIsAcceptedAsAnAliasOfTs() {
        assertThat(parse(TOPIC, "{\"value\":3,\"timestamp\":\"2026-11-22T10:00:00Z\"}").timestamp())
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void jsonWithoutTagsOnForeignTopicHasBareSeriesName() {
        Observation o = parse("other/topic", "{\"metric\":\"pressure\",\"value\":-1.25e2}");
        assertThat(o.series()).isEqualTo("pressure");
        assertThat(o.tags()).isEmpty();
        assertThat(o.value()).isEqualTo(-125.0);
    }

    @Test
    void payloadOfExactlyTheLimitIsAccepted() {
        String payload = "{\"value\":1" + " ".repeat(MAX_BYTES - 11) + "}";
        assertThat(payload).hasSize(MAX_BYTES);
        assertThat(parse(TOPIC, payload).value()).isEqualTo(1.0);
    }

    // --- rejections ---

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void jsonWithTrailingContentIsRejected() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1} {\"value\":2}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void jsonNaNIsRejected() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":NaN}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed JSON")
                .hasMessageContaining("NaN");
    }

    @Test
    void jsonNaNAsStringIsRejectedNamingValue() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":\"NaN\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'value' must be a number, got string");
    }

    @Test
    void jsonNumberTooLargeForDoubleIsRejectedAsNotFinite() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1e400}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("value must be a finite number");
    }

    @ParameterizedTest
    @ValueSource(strings = { "NaN", "Infinity", "-Infinity" })
    void plainNonFiniteNumberIsRejectedNamingValue(String payload) {
        assertThatThrownBy(() -> parse(TOPIC, payload))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("value must be a finite number, got " + payload);
    }

    @Test
    void valueAsStringIsRejectedNamingValue() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":\"21.5\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'value'")
                .hasMessageContaining("must be a number");
    }

    @Test
    void unknownFieldIsRejectedNamingIt() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"vlaue\":2}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("unknown field 'vlaue'");
    }

    @Test
    void missingValueIsRejectedNamingValue() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"metric\":\"temperature\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'value' is missing");
    }

    @Test
    void nullValueIsRejectedAsMissing() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":null}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'value' is missing");
    }

    @Test
    void missingMetricWithNoMetricInTopicIsRejectedNamingMetric() {
        assertThatThrownBy(() -> parse("vigil/sensors/plant-1", "{\"value\":1}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'metric' is missing");
    }

    @Test
    void nonStringMetricIsRejectedNamingMetric() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"metric\":7,\"value\":1}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'metric' must be a string");
    }

    @Test
    void plainNumberOnTopicWithoutMetricIsRejected() {
        assertThatThrownBy(() -> parse("vigil/sensors/plant-1/d7", "21.5"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("vigil/sensors/<site>/<device>/<metric>");
    }

    @Test
    void plainTextIsRejected() {
        assertThatThrownBy(() -> parse(TOPIC, "warm"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("payload is neither JSON nor a number: 'warm'");
    }

    @Test
    void oversizedPayloadIsRejected() {
        byte[] payload = utf8("{\"value\":1" + " ".repeat(MAX_BYTES - 10) + "}");
        assertThat(payload).hasSize(MAX_BYTES + 1);
        assertThatThrownBy(() -> parser.parse(TOPIC, payload))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("payload of 257 bytes exceeds the limit of 256");
    }

    @Test
    void emptyPayloadIsRejected() {
        assertThatThrownBy(() -> parser.parse(TOPIC, new byte[0]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("empty payload");
    }

    @Test
    void nullPayloadIsRejected() {
        assertThatThrownBy(() -> parser.parse(TOPIC, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("empty payload");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a{b", "a}b", "a,b", "a=b", "a\\\"b", "a\\nb", "a\\u0000b" })
    void tagValueWithInjectionCharactersIsRejectedNamingTheTag(String jsonEscapedValue) {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"tags\":{\"line\":\"" + jsonEscapedValue + "\"}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag 'line'")
                .hasMessageContaining("forbidden character");
    }

    @Test
    void topicLevelWithInjectionCharacterIsRejected() {
        assertThatThrownBy(() -> parse("vigil/sensors/plant=1/d7/temperature", "1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag 'site'");
    }

    @Test
    void invalidMetricNameIsRejectedNamingMetric() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"metric\":\"temp; DROP TABLE\",\"value\":1}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("metric 'temp; DROP TABLE'")
                .hasMessageContaining("not a valid name");
    }

    @Test
    void invalidTagKeyIsRejected() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"tags\":{\"bad key\":\"x\"}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("tag key 'bad key'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "[\"site\"]", "\"plant-1\"", "3" })
    void nonObjectTagsAreRejectedNamingTags(String tags) {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"tags\":" + tags + "}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'tags' must be an object of strings");
    }

    @Test
    void nonStringTagValueIsRejectedNamingTheTag() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"tags\":{\"floor\":3}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("tag 'floor' must be a string");
    }

    @Test
    void unreadableTsIsRejected() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"ts\":\"yesterday\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timestamp 'yesterday'");
    }

    @Test
    void nonNumericNonTextTsIsRejectedNamingTs() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"ts\":true}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("field 'ts' must be");
    }

    @Test
    void tsTooLargeForALongIsRejectedNamingTs() {
        assertThatThrownBy(() -> parse(TOPIC, "{\"value\":1,\"ts\":99999999999999999999}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'ts'");
    }

    // --- prefixOf ---

    @Test
    void prefixOfMultiLevelWildcardIsTheLevelsBeforeIt() {
        assertThat(SensorPayloadParser.prefixOf("vigil/sensors/#")).isEqualTo("vigil/sensors/");
    }

    @Test
    void prefixOfSingleLevelWildcardStopsAtTheFirstWildcard() {
        assertThat(SensorPayloadParser.prefixOf("a/+/b")).isEqualTo("a/");
    }

    @Test
    void aPayloadThatIsNotUtf8IsRejectedWhereItBreaks() {
        byte[] latin1 = "{\"metric\":\"temp\u00e9rature\",\"value\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(TOPIC, latin1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the payload is not valid UTF-8: byte 0xE9 at offset 15");
    }

    @Test
    void prefixOfExactTopicIsTheTopicWithTrailingSlash() {
        assertThat(SensorPayloadParser.prefixOf("exact/topic")).isEqualTo("exact/topic/");
    }

    @Test
    void prefixOfBareWildcardIsEmpty() {
        assertThat(SensorPayloadParser.prefixOf("#")).isEmpty();
    }

    @Test
    void topicLevelsAreReadAfterTheSubscriptionPrefix() {
        SensorPayloadParser other = new SensorPayloadParser("factory/+/data", MAX_BYTES, new ObjectMapper(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Observation o = other.parse("factory/hall-3/press-2/rpm", utf8("1200"));
        assertThat(o.series()).isEqualTo("rpm{device=press-2,site=hall-3}");
    }
}
