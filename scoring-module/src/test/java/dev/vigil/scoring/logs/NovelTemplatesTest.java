package dev.vigil.scoring.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.logs.NovelTemplates.NovelTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NovelTemplatesTest {

    private static final Instant START = Instant.parse("2026-01-06T10:00:00Z");
    private static final FeatureVector WINDOW = new FeatureVector("kafka", "checkout", new TreeMap<>(Map.of("service", "checkout")),
            START, START.plusSeconds(60), Map.of("events", 100.0));

    @Test
    void newErrorTemplatesAreAnomalousAtOnceAndShowTheirLines() {
        NovelTemplate reset = new NovelTemplate("a1b2c3d4e5f6", "'writeBlock <*> received exception <*>'",
                START.plusSeconds(5), 12, List.of("line 1", "line 2", "line 3"));
        NovelTemplate eof = new NovelTemplate("0f0f0f0f0f0f", "'EOF while reading <*>'", START.plusSeconds(20), 1, List.of());

        Score score = NovelTemplates.score("log-new-errors", WINDOW, List.of(eof, reset));

        assertThat(score.anomalous()).isTrue();
        assertThat(score.score()).isEqualTo(Score.normalise(13));
        assertThat(score.explanation().summary()).isEqualTo("2 new template(s) at ERROR level, 13 error line(s) in this "
                + "window; 'writeBlock <*> received exception <*>' first seen 2026-01-06T10:00:05Z, never before: 12 error "
                + "line(s) in this window");
        assertThat(score.explanation().evidence()).containsExactly(
                "new template a1b2c3d4e5f6 'writeBlock <*> received exception <*>', first seen 2026-01-06T10:00:05Z",
                "e.g. line 2", "e.g. line 3",
                "new template 0f0f0f0f0f0f 'EOF while reading <*>', first seen 2026-01-06T10:00:20Z");
    }

    @Test
    void aWindowWithoutThemIsNormal() {
        Score score = NovelTemplates.score("log-new-errors", WINDOW, List.of());

        assertThat(score.anomalous()).isFalse();
        assertThat(score.score()).isZero();
        assertThat(score.explanation().summary()).isEqualTo("no new template logged errors in this window");
    }
}
