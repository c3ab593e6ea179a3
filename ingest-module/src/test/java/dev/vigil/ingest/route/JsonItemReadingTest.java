package dev.vigil.ingest.route;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.IngestEndpoints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonItemReadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOILER = "{\"id\":7,\"site\":\"north\",\"temp\":{\"c\":71.5},\"at\":\"2026-01-09T10:00:00Z\"}";

    private final JsonItemReading items = new JsonItemReading(256, JSON);

    private static Map<String, Object> mapping(String metric, String value, String time, String tags) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(IngestEndpoints.METRIC_HEADER, metric);
        headers.put(IngestEndpoints.VALUE_HEADER, value);
        headers.put(IngestEndpoints.TIME_HEADER, time);
        headers.put(IngestEndpoints.TAGS_HEADER, tags);
        return headers;
    }

    private JsonNode reading(String item, Map<String, Object> headers) throws Exception {
        return JSON.readTree(new String(items.reading(item, headers), StandardCharsets.UTF_8));
    }

    @Test
    void pathsAreReadFromTheItemAndOtherFieldsAreConstants() throws Exception {
        JsonNode reading = reading(BOILER, mapping("temperature", "$.temp.c", "$.at", "boiler=$.id, site=$.site,unit=celsius"));

        assertThat(reading).isEqualTo(JSON.readTree("{\"metric\":\"temperature\",\"value\":71.5,"
                + "\"ts\":\"2026-01-09T10:00:00Z\",\"tags\":{\"boiler\":\"7\",\"site\":\"north\",\"unit\":\"celsius\"}}"));
    }

    @Test
    void withoutTimeOrTagsTheReadingHasNeither() throws Exception {
        JsonNode reading = reading("{\"name\":\"flow\",\"v\":3}", mapping("$.name", "$.v", "", null));

        assertThat(reading).isEqualTo(JSON.readTree("{\"metric\":\"flow\",\"value\":3}"));
    }

    @Test
    void onlyTheValueHeaderAsksForAMapping() {
        assertThat(JsonItemReading.wanted(mapping("m", "$.v", null, null))).isTrue();
        assertThat(JsonItemReading.wanted(mapping("m", null, null, null))).isFalse();
        assertThat(JsonItemReading.wanted(mapping("", "", "", ""))).as("a Kamelet's mapping left empty").isFalse();
    }

    @Test
    void aPathTheItemLacksIsNamedWithItsHeader() {
        assertThatThrownBy(() -> items.reading("{\"id\":7}", mapping("temperature", "$.temp.c", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("the item has no $.temp.c (vigilValue)");
        assertThatThrownBy(() -> items.reading("{\"id\":7,\"temp\":null}", mapping("temperature", "$.temp", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("the item has no $.temp (vigilValue)");
        assertThatThrownBy(() -> items.reading(BOILER, mapping("temperature", "$.temp.c", null, "boiler=$.serial")))
                .isInstanceOf(InvalidInputException.class).hasMessage("the item has no $.serial (vigilTags)");
    }

    @Test
    void aMalformedMappingIsRefusedNamingIt() {
        assertThatThrownBy(() -> items.reading(BOILER, mapping(null, "$.temp.c", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("header vigilMetric is missing");
        assertThatThrownBy(() -> items.reading(BOILER, mapping("temperature", "$..c", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("vigilValue '$..c' must name one field");
        assertThatThrownBy(() -> items.reading(BOILER, mapping("temperature", "$.temp.", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("vigilValue '$.temp.' is not a JSON path");
        assertThatThrownBy(() -> items.reading(BOILER, mapping("temperature", "$.temp.c", null, "boiler")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be name=field pairs");
    }

    @Test
    void anItemThatIsNotAJsonObjectOrTooLargeIsRefused() {
        assertThatThrownBy(() -> items.reading("[1,2]", mapping("m", "$.v", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> items.reading("{\"v\":", mapping("m", "$.v", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> items.reading("{\"v\":\"" + "x".repeat(300) + "\"}", mapping("m", "$.v", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds the limit of 256");
    }

    @Test
    void aTagMustBeAScalar() {
        assertThatThrownBy(() -> items.reading(BOILER, mapping("temperature", "$.temp.c", null, "t=$.temp")))
                .isInstanceOf(InvalidInputException.class).hasMessage("tag 't' must be a text, number or boolean, got object");
    }

    @Test
    void aValueThatIsNotANumberIsLeftForTheReadingsRulesToRefuse() throws Exception {
        assertThat(reading("{\"v\":\"lots\"}", mapping("m", "$.v", null, null)).path("value").asText()).isEqualTo("lots");
    }
}
