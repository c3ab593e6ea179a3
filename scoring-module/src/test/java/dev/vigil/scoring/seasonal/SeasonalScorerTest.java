package dev.vigil.scoring.seasonal;

import java.util.List;
import java.util.Optional;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.features.state.SeasonalProfile;
import dev.vigil.features.state.Seasonality;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Feed;
import dev.vigil.scoring.robustz.RobustZScorer;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeasonalScorerTest {

    private static Feed feed(Seasonality seasonality) {
        return Feed.hourly(new Detector("traffic", "requests", FeatureKind.GAUGE, 10,
                List.of(new SeasonalScorer(seasonality, 3, 3), new RobustZScorer(3.5))));
    }

    /** Requests per hour: 100 at night, 200 at midday, a sine in between, with noise that differs from day to day. */
    private static double daily(int day, int hour) {
        return 150 - 50 * Math.cos(2 * Math.PI * hour / 24) + ((day + hour) % 3) - 1;
    }

    @Test
    void staysQuietOnTheDailyShapeAndFlagsTheMiddayValueAtNight() {
        Feed feed = feed(Seasonality.HOUR_OF_DAY);
        for (int day = 0; day < 5; day++) {
            for (int hour = 0; hour < 24; hour++) {
                feed.next(daily(day, hour));
            }
        }

        for (int hour = 0; hour < 24; hour++) {
            Score score = feed.next(daily(5, hour)).orElseThrow();
            assertThat(score.anomalous()).as("hour %d of the sixth day", hour).isFalse();
        }
        // day 7, 00:00 UTC: the midday level at midnight
        Score wrongHour = feed.next(200).orElseThrow();

        Finding seasonal = finding(wrongHour, SeasonalScorer.NAME);
        assertThat(seasonal.anomalous()).isTrue();
        assertThat(seasonal.description()).contains("requests observed 200.0 vs expected", "above",
                "seasonal, 00:00 UTC");
        assertThat(finding(wrongHour, RobustZScorer.NAME).anomalous()).as("robust z, spread by the shape").isFalse();
        assertThat(wrongHour.explanation().summary()).isEqualTo(seasonal.description());
    }

    @Test
    void staysSilentUntilTheBucketHasLearnedEnoughValues() {
        Feed feed = feed(Seasonality.HOUR_OF_DAY);
        for (int hour = 0; hour < 24; hour++) {
            feed.next(daily(0, hour));
        }
        for (int hour = 0; hour < 24; hour++) {
            feed.next(daily(1, hour));
        }

        // the 00:00 bucket has two values, the scorer wants three
        Finding early = finding(feed.next(1000).orElseThrow(), SeasonalScorer.NAME);

        assertThat(early.statistic()).isZero();
        assertThat(early.description()).contains("00:00 UTC has learned 2 of 3 values");
    }

    @Test
    void hourOfWeekTellsAQuietSundayFromAMondayOutage() {
        Feed feed = feed(Seasonality.HOUR_OF_WEEK);
        for (int week = 0; week < 3; week++) {
            for (int hour = 0; hour < 168; hour++) {
                boolean sunday = hour >= 6 * 24; // Feed.START is a Monday
                feed.next((sunday ? 20 : 100) + ((week + hour) % 3) - 1);
            }
        }

        Optional<Score> monday = feed.next(20);
        feed.gap(java.time.Duration.ofHours(6 * 24 - 1));
        Optional<Score> sunday = feed.next(20);

        assertThat(finding(monday.orElseThrow(), SeasonalScorer.NAME).anomalous()).isTrue();
        assertThat(finding(monday.orElseThrow(), SeasonalScorer.NAME).description()).contains("Mon 00:00 UTC", "below");
        assertThat(finding(sunday.orElseThrow(), SeasonalScorer.NAME).anomalous()).isFalse();
        assertThat(finding(sunday.orElseThrow(), SeasonalScorer.NAME).description()).contains("Sun 00:00 UTC");
    }

    @Test
    void declaresItsSeasonalitySoTheDetectorsSeriesLearnIt() {
        Detector detector = new Detector("d", "requests", FeatureKind.GAUGE, 10,
                List.of(new SeasonalScorer(Seasonality.HOUR_OF_WEEK, 3, 3)));

        assertThat(detector.spec().statistics()).containsExactly(SeasonalProfile.HOUR_OF_WEEK);
    }

    @Test
    void rejectsTooFewBucketValues() {
        assertThatThrownBy(() -> new SeasonalScorer(Seasonality.HOUR_OF_DAY, 3, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
