package dev.vigil.contracts;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window output type: a closed window's features, read by name. */
class FeatureVectorTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void featureReturnsTheNamedValue() {
        FeatureVector v = new FeatureVector("mqtt", "temp", new TreeMap<>(), START, START.plusSeconds(60),
                Map.of("mean", 21.5, "count", 3.0));

        assertThat(v.feature("mean")).isEqualTo(21.5);
        assertThat(v.feature("count")).isEqualTo(3.0);
    }

    @Test
    void unknownFeatureIsAnIllegalArgumentNamingTheFeatureAndEntity() {
        FeatureVector v = new FeatureVector("mqtt", "temp", new TreeMap<>(), START, START.plusSeconds(60),
                Map.of("mean", 21.5));

        assertThatThrownBy(() -> v.feature("error_count"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'error_count'")
                .hasMessageContaining("temp")
                .hasMessageContaining("mean");
    }

    @Test
    void labelsAndFeaturesAreDefensiveCopies() {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("device", "d1"));
        Map<String, Double> features = new HashMap<>(Map.of("mean", 1.0));
        FeatureVector v = new FeatureVector("mqtt", "temp", labels, START, START.plusSeconds(60), features);

        labels.put("site", "x");
        features.put("max", 2.0);

        assertThat(v.labels()).containsOnlyKeys("device");
        assertThat(v.features()).containsOnlyKeys("mean");
        assertThatThrownBy(() -> v.labels().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> v.features().put("a", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
