package dev.vigil.app.detection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vigil.logs.*}: how log lines become templates and sessions, per source (the source an event carries:
 * {@code kafka} for the main topic, the name of a {@code vigil.kafka.sources} entry for the others), and what
 * configuration says about templates. Documented in application.properties; checked at start by {@link LogSettings}.
 */
@ConfigMapping(prefix = "vigil.logs")
public interface LogsConfig {

    /** Drain's settings for every source that has none of its own. */
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

    interface Drain {

        /** Prefix tree depth: {@code depth - 3} leading tokens route a line (4: the first token). */
        @WithDefault("4")
        int depth();

        /** Share of equal tokens for a line to join a template. */
        @WithDefault("0.5")
        double similarity();

        /** Children of a tree node before new leading tokens share one wildcard child. */
        @WithDefault("100")
        int maxChildren();

        /** Templates one service keeps at most; past it, lines matching none count under the template "overflow". */
        @WithDefault("5000")
        int maxTemplates();

        /** Built-in masks, in the order they apply: ip, hex, path, num; {@code none} for no built-in mask. */
        @WithDefault("ip,hex,path,num")
        List<String> masks();

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

    interface Source {

        /** A regex that finds a session id in a message (its first group, or the whole match); unset: no sessions. */
        Optional<String> sessionId();

        /** Drain's settings for this source instead of {@code vigil.logs.drain.*}. */
        Optional<Integer> depth();

        Optional<Double> similarity();

        Optional<List<String>> masks();

        /** Own masks of this source, applied before its built-in ones, by name (instead of the shared ones). */
        Map<String, String> maskPatterns();
    }

    interface TemplateSettings {

        Optional<String> name();

        @WithDefault("false")
        boolean ignore();
    }
}
