package dev.vigil.feedback.history;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code vigil.history.*}: the score history. Documented in application.properties. */
@ConfigMapping(prefix = "vigil.history")
public interface HistoryConfig {

    /** Whether every scored window is stored (tuning, the report's recall and the export need it). */
    boolean enabled();

    /** Windows that ended longer ago than this are purged. */
    Duration retention();

    /** How often the purge runs (a Quartz schedule, {@code every}). */
    String purgeEvery();

    /** Windows waiting to be written; beyond it new ones are dropped (and counted), never waited for. */
    int queueCapacity();

    /** The most rows one insert batch holds. */
    int batchSize();

    /** How long the writer gathers rows into a batch after the first one arrived. */
    Duration flushInterval();
}
