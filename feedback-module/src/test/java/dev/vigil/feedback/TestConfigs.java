package dev.vigil.feedback;

import java.time.Duration;

import dev.vigil.feedback.history.HistoryConfig;
import dev.vigil.feedback.tuning.TuningConfig;

/** The configuration mappings as application.properties ships them, for tests that build the beans by hand. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code vigil.tuning.*}, with the schedules off (tests run the tuning themselves). */
    public static TuningConfig tuning() {
        return new TuningConfig() {
            public String cron() {
                return "off";
            }

            public Duration lookback() {
                return Duration.ofDays(7);
            }

            public Duration minHistory() {
                return Duration.ofDays(1);
            }

            public double maxStep() {
                return 2;
            }

            public double minFactor() {
                return 1;
            }

            public double maxFactor() {
                return 10;
            }

            public double gridStep() {
                return 1.05;
            }

            public String refreshEvery() {
                return "off";
            }
        };
    }

    /** {@code vigil.history.*} with a small queue and short batches. */
    public static HistoryConfig history(boolean enabled) {
        return history(enabled, 1000, 100);
    }

    public static HistoryConfig history(boolean enabled, int queueCapacity, int batchSize) {
        return new HistoryConfig() {
            public boolean enabled() {
                return enabled;
            }

            public Duration retention() {
                return Duration.ofDays(30);
            }

            public String purgeEvery() {
                return "1h";
            }

            public int queueCapacity() {
                return queueCapacity;
            }

            public int batchSize() {
                return batchSize;
            }

            public Duration flushInterval() {
                return Duration.ofMillis(20);
            }
        };
    }
}
