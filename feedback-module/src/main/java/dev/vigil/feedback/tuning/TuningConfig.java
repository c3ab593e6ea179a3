package dev.vigil.feedback.tuning;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code vigil.tuning.*}: the alert-budget tuning job. Documented in application.properties. */
@ConfigMapping(prefix = "vigil.tuning")
public interface TuningConfig {

    /** When the job runs: a Quartz cron expression, or {@code off}. */
    String cron();

    /** How much of the score history (before its newest window) a run replays. */
    Duration lookback();

    /** A detector with less history than this is left alone (alerts per day of a few hours mislead). */
    Duration minHistory();

    /** One run moves a factor by at most this ratio up or down (2: at most doubled or halved). */
    double maxStep();

    /** The lowest factor the job sets: 1 never makes a detector more sensitive than it is configured. */
    double minFactor();

    /** The highest factor the job sets. */
    double maxFactor();

    /** The ratio between neighbouring factors a run tries (1.05: 5 % apart). */
    double gridStep();

    /** How often every instance reads threshold changes made elsewhere (a cluster's other instances, by hand). */
    String refreshEvery();
}
