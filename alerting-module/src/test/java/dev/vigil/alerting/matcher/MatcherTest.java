package dev.vigil.alerting.matcher;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("site", "plant-1", "severity", "critical");

    @Test
    void theFourOperators() {
        assertThat(Matcher.parse("site=\"plant-1\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("site = plant-2").matches(LABELS)).isFalse();
        assertThat(Matcher.parse("site!=\"plant-2\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("site=~\"plant-.*\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("site=~\"plant\"").matches(LABELS)).as("whole value").isFalse();
        assertThat(Matcher.parse("site!~\"plant-[0-9]\"").matches(LABELS)).isFalse();
        assertThat(Matcher.parse("team=\"\"").matches(LABELS)).as("a missing label is empty").isTrue();
    }

    @Test
    void quotedValuesReadAlertmanagersEscapesAndAMatchersTextParsesBackToIt() {
        assertThat(Matcher.parse("path=\"C:\\\\temp\"").value()).as("\\\\ is one backslash").isEqualTo("C:\\temp");
        assertThat(Matcher.parse("says=\"a \\\"quote\\\"\"").value()).isEqualTo("a \"quote\"");
        assertThat(Matcher.parse("note=\"one\\ntwo\"").value()).isEqualTo("one\ntwo");
        assertThat(Matcher.parse("host=~\"db\\.\\d+\"").value()).as("a regex's own escapes are kept").isEqualTo("db\\.\\d+");
        assertThat(Matcher.parse("host=~\"db\\.\\d+\"").matches(Map.of("host", "db.12"))).isTrue();
        for (Matcher m : new Matcher[] {new Matcher("note", Matcher.Op.NOT_EQUAL, "one\ntwo \"three\" \\ four"),
                new Matcher("path", Matcher.Op.EQUAL, "C:\\temp\\"), new Matcher("host", Matcher.Op.REGEX, "db\\.\\d+")}) {
            assertThat(Matcher.parse(m.toString())).as(m.toString()).isEqualTo(m)
                    .extracting(Matcher::value).isEqualTo(m.value());
        }
    }

    @Test
    void badMatchersSayWhy() {
        assertThatThrownBy(() -> Matcher.parse("site")).hasMessageContaining("is not a matcher");
        assertThatThrownBy(() -> Matcher.parse("site=~\"(\"")).hasMessageContaining("invalid regex");
    }

    @Test
    void identifyingMatchersNameTheSeriesAndTheLabelsAMatcherCanName() {
        Map<String, String> labels = new TreeMap<>(Map.of("site", "plant-1", "entity", "shadowed", "bad label", "x"));
        Matchers matchers = Matchers.identifying("metric-baseline", "mqtt", "temperature{site=plant-1}", labels);
        assertThat(matchers.all()).extracting(Matcher::toString).containsExactly("detector=\"metric-baseline\"",
                "source=\"mqtt\"", "entity=\"temperature{site=plant-1}\"", "site=\"plant-1\"");
        assertThat(matchers.matches(Map.of("detector", "metric-baseline", "source", "mqtt",
                "entity", "temperature{site=plant-1}", "site", "plant-1"))).isTrue();
        assertThat(matchers.matches(Map.of("detector", "metric-baseline", "source", "mqtt",
                "entity", "temperature{site=plant-1}", "site", "plant-2"))).isFalse();
    }
}
