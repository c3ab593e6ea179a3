package dev.vigil.ingest.kafka;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * {@code vigil.kafka.sources.<name>.*}: log sources beyond the main topic, each a topic of its own with its own line
 * format; its events carry {@code <name>} as their source. Documented in application.properties.
 */
@ConfigMapping(prefix = "vigil.kafka.sources")
public interface KafkaLogSources {

    @WithParentName
    Map<String, Source> sources();

    /** One log source: a topic and how its text lines read (JSON events read the same everywhere). */
    interface Source {

        /** The topic it comes from; one source per topic. */
        String topic();

        /**
         * A log format by name ({@link LogFormats}: a shipped one or one of the formats folder), e.g. {@code HDFS}:
         * its line layout, its time layout and how its messages become templates; or else {@link #linePattern()}.
         */
        Optional<String> format();

        /** A regex with named groups, {@code message} required ({@link LogFormat}); or else {@link #format()}. */
        Optional<String> linePattern();

        /**
         * How the lines' time reads when it is not ISO-8601: a java.time pattern for the line's {@code date},
         * {@code month}, {@code day} and {@code time} groups joined by spaces ({@link LineTime}), e.g.
         * {@code yyMMdd HHmmss} for HDFS, or {@code epoch}; unset: the format's own, and without one such lines are
         * timed at receipt.
         */
        Optional<String> timeFormat();

        /** The service of a record whose line and key name none; without it such a record is a dead letter. */
        Optional<String> service();
    }
}
