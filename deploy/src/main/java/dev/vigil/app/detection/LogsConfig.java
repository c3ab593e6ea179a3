package dev.vigil.app.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vigil.logs.*}: how log lines become templates and sessions, per source (the source an event carries:
 * {@code kafka} for the main topic, the name of a {@code vigil.kafka.sources} entry for the others), the formats
 * folder, and what configuration says about templates. Documented in application.properties; checked at start by
 * {@link LogsConfigReader}.
 */
@ConfigMapping(prefix = "vigil.logs")
public interface LogsConfig {

    /**
     * The folder of the log formats users add ({@code *.yaml}, the layout of the shipped catalogue), read at start; a
     * format there with a shipped name replaces it.
     */
    @WithDefault("formats")
    Path formatsFolder();

    /**
     * The generic default's settings for every source without a format (unset keys: the generic default's own), and
     * the bounds of every source.
     */
    Drain drain();

    /** How sessions are closed and bounded, for every source that has a session id. */
    Sessions sessions();

    /** Services whose templates, sessions and models are kept; the least recently heard beyond it is forgotten. */
    @WithDefault("10000")
    int maxServices();

    /**
     * What a log alert is about: {@code service}, one incident per service (every log detector's findings of a window
     * together, naming the templates involved), or {@code detector}, each log detector and template alerting alone.
     */
    @WithDefault("service")
    String incidents();

    /** Per source: its session id and its own Drain settings. */
    Map<String, Source> sources();

    /** Per template id: a name to show instead of the id, or ignore (its lines count in no log feature). */
    Map<String, TemplateSettings> templates();

    interface Drain extends Templates {

        /** Children of a tree node before new leading tokens share one wildcard child, for every source. */
        @WithDefault("100")
        int maxChildren();

        /**
         * Templates one service keeps at most, for every source; past it, lines matching none count under the template
         * "overflow".
         */
        @WithDefault("5000")
        int maxTemplates();
    }

    /** How messages become templates; each unset key keeps what the source had without it. */
    interface Templates {

        /** Prefix tree depth: {@code depth - 3} leading tokens route a line (4: the first token). */
        Optional<Integer> depth();

        /** Share of equal tokens for a line to join a family of lines. */
        Optional<Double> similarity();

        /** Distinct values after which a position where lines differ is a variable (2: at once, as Drain). */
        Optional<Integer> distinctValues();

        /** Whether the values of {@code key=value} holding data are variables at once. */
        Optional<Boolean> keyValues();

        /** Built-in masks: url, uuid, path, datetime, host, ip, time, quantity, num, hex; {@code none} for none. */
        Optional<List<String>> masks();

        /** Own masks, name to regex: their matches become {@code <*>}, applied before the built-in ones, by name. */
        Map<String, String> maskPatterns();
    }

    interface Sessions {

        /** A session with no line for this long (event time, or wall clock once its service is quiet) closes. */
        @WithDefault("5m")
        Duration idleTimeout();

        /** Sessions open per service; beyond it the one idle longest is closed early. */
        @WithDefault("10000")
        int maxOpen();

        /** Events kept in order per session (its counts stay complete). */
        @WithDefault("1000")
        int maxEvents();
    }

    /**
     * One source: its session id, and template settings on top of its format's (a {@code vigil.kafka.sources} source
     * naming a format) or of the generic default's ({@code vigil.logs.drain.*}).
     */
    interface Source extends Templates {

        /** A regex that finds a session id in a message (its first group, or the whole match); unset: no sessions. */
        Optional<String> sessionId();
    }

    interface TemplateSettings {

        Optional<String> name();

        @WithDefault("false")
        boolean ignore();
    }
}
