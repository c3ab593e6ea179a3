package dev.vigil.feedback.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.feedback.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading one series' windows back, bounded, as a chart around an alert does. Real H2, real migrations. */
class HistoryReaderTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    private static ScoredWindow window(String entity, int minute, double observed) {
        Explanation why = new Explanation("mean", observed, 20, 0.5,
                List.of(new Finding("robust-z", Math.abs(observed - 20) / 0.5, 3.5, "mean observed")));
        double ratio = Math.abs(observed - 20) / 0.5 / 3.5;
        Score score = new Score("metric-baseline", "mqtt", entity, new TreeMap<>(), T0.plus(Duration.ofMinutes(minute)),
                Score.normalise(ratio), Score.THRESHOLD, ratio >= 1, why);
        return ScoredWindow.of(score, Map.of("mean", observed), 1.0);
    }

    @Test
    void aSeriesWindowsAreReadInTimeOrderTheEarliestOrTheLatestWithinABound() throws Exception {
        DataSource db = TestDatabase.migrated();
        List<ScoredWindow> rows = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            rows.add(window("temperature{device=a}", m, 20 + m / 100.0));
            rows.add(window("temperature{device=b}", m, 30));
        }
        new HistoryStore(db, json).insert(rows);
        HistoryReader reader = new HistoryReader(db, json);
        String fingerprint = rows.get(0).fingerprint();

        List<ScoredWindow> earliest = reader.seriesWindows("metric-baseline", fingerprint, T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(40)), 5, false);
        assertThat(earliest).extracting(ScoredWindow::windowEnd).containsExactly(T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(11)), T0.plus(Duration.ofMinutes(12)), T0.plus(Duration.ofMinutes(13)),
                T0.plus(Duration.ofMinutes(14)));
        assertThat(earliest).allSatisfy(w -> assertThat(w.entity()).isEqualTo("temperature{device=a}"));
        assertThat(earliest.get(2).observed()).isEqualTo(20.12);
        assertThat(earliest.get(2).expected()).isEqualTo(20.0);
        assertThat(earliest.get(2).spread()).isEqualTo(0.5);

        List<ScoredWindow> latest = reader.seriesWindows("metric-baseline", fingerprint, T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(40)), 3, true);
        assertThat(latest).as("the last three before the end, still oldest first").extracting(ScoredWindow::windowEnd)
                .containsExactly(T0.plus(Duration.ofMinutes(37)), T0.plus(Duration.ofMinutes(38)),
                        T0.plus(Duration.ofMinutes(39)));

        assertThat(reader.seriesWindows("log-errors", fingerprint, T0, T0.plus(Duration.ofDays(1)), 100, false))
                .as("another detector's fingerprint is another series").isEmpty();
    }
}
