package dev.vigil.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservationTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void seriesNameWithoutTagsIsTheMetric() {
        assertThat(Observation.seriesName("temperature", Map.of())).isEqualTo("temperature");
    }

    @Test
    void seriesNameSortsTagsByKey() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("site", "plant-1");
        tags.put("device", "d7");
        assertThat(Observation.seriesName("temperature", tags)).isEqualTo("temperature{device=d7,site=plant-1}");
    }

    @Test
    void ofDerivesSeriesAndSortsTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("z", "1");
        tags.put("a", "2");
        Observation o = Observation.of("mqtt", "m", tags, T, 1.5);
        assertThat(o.series()).isEqualTo("m{a=2,z=1}");
        assertThat(o.tags().keySet()).containsExactly("a", "z");
        assertThat(o.value()).isEqualTo(1.5);
        assertThat(o.timestamp()).isEqualTo(T);
    }

    @Test
    void tagsAreUnmodifiable() {
        Observation o = Observation.of("mqtt", "m", new LinkedHashMap<>(Map.of("a", "1")), T, 1);
        assertThatThrownBy(() -> o.tags().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nonFiniteValueIsRejected() {
        assertThatThrownBy(() -> Observation.of("mqtt", "m", Map.of(), T, Double.NaN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("value must be a finite number");
    }

    @Test
    void invalidTagKeyIsRejected() {
        assertThatThrownBy(() -> Observation.of("mqtt", "m", Map.of("bad key", "v"), T, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag key 'bad key'");
    }
}
