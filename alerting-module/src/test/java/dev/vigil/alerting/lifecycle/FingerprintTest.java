package dev.vigil.alerting.lifecycle;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static TreeMap<String, String> labels(String... kv) {
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            labels.put(kv[i], kv[i + 1]);
        }
        return labels;
    }

    private static final String BASE = Fingerprint.of("robust-z", "mqtt", "temperature{device=d7}", labels("device", "d7"));

    @Test
    void isSixteenLowercaseHexCharacters() {
        assertThat(BASE).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void isStableAcrossCallsAndReleases() {
        // pinned: alerts stored or sent earlier must keep matching the same incident
        assertThat(Fingerprint.of("robust-z", "mqtt", "temperature{device=d7}", labels("device", "d7")))
                .isEqualTo(BASE).isEqualTo("bcaf862b5631cdf3");
        assertThat(Fingerprint.of("cusum", "kafka", "checkout", labels())).isEqualTo("d93958b51c056278");
    }

    @Test
    void doesNotDependOnTheOrderLabelsWereAdded() {
        TreeMap<String, String> ab = new TreeMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        TreeMap<String, String> ba = new TreeMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(Fingerprint.of("d", "s", "e", ab)).isEqualTo(Fingerprint.of("d", "s", "e", ba));
    }

    @Test
    void differsByDetectorSourceAndEntity() {
        assertThat(Fingerprint.of("cusum", "mqtt", "temperature{device=d7}", labels("device", "d7"))).isNotEqualTo(BASE);
        assertThat(Fingerprint.of("robust-z", "file", "temperature{device=d7}", labels("device", "d7"))).isNotEqualTo(BASE);
        assertThat(Fingerprint.of("robust-z", "mqtt", "temperature{device=d8}", labels("device", "d7"))).isNotEqualTo(BASE);
    }

    @Test
    void differsByLabelValueKeyAndPresence() {
        assertThat(Fingerprint.of("robust-z", "mqtt", "temperature{device=d7}", labels("device", "d8"))).isNotEqualTo(BASE);
        assertThat(Fingerprint.of("robust-z", "mqtt", "temperature{device=d7}", labels("host", "d7"))).isNotEqualTo(BASE);
        assertThat(Fingerprint.of("robust-z", "mqtt", "temperature{device=d7}", labels())).isNotEqualTo(BASE);
        assertThat(Fingerprint.of("robust-z", "mqtt", "temperature{device=d7}", labels("device", "d7", "site", "x")))
                .isNotEqualTo(BASE);
    }

    @Test
    void fieldBoundariesMatterSoShiftedCharactersDoNotCollide() {
        assertThat(Fingerprint.of("ab", "c", "e", labels())).isNotEqualTo(Fingerprint.of("a", "bc", "e", labels()));
        assertThat(Fingerprint.of("d", "s", "ab", labels())).isNotEqualTo(Fingerprint.of("d", "sa", "b", labels()));
        assertThat(Fingerprint.of("d", "s", "e", new TreeMap<>(Map.of("k", "v"))))
                .isNotEqualTo(Fingerprint.of("d", "s", "e", new TreeMap<>(Map.of("kv", ""))));
    }
}
