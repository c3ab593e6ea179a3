package dev.vigil.detection.logs;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.TemplateOverrides;

/**
 * How log lines become templates, sessions and alerts: each source's Drain parameters and session id pattern, the
 * session bounds, the template overrides, and what a log alert is about. Checked where the configuration is read.
 *
 * @param sources     per source with settings of its own
 * @param defaults    for every other source: the shared Drain settings, no sessions
 * @param overrides   template renames and ignores
 * @param maxServices services kept
 * @param incidentPerService one alert per service's log window (else one per detector and template)
 */
public record LogSettings(Map<String, SourceSettings> sources, SourceSettings defaults, SessionLimits sessions,
        TemplateOverrides overrides, int maxServices, boolean incidentPerService) {

    /** How one source's lines are mined and cut into sessions; {@code sessionId} is {@code null} for no sessions. */
    public record SourceSettings(DrainParameters drain, Pattern sessionId) {
    }

    /** How sessions close and how many a service keeps. */
    public record SessionLimits(Duration idleTimeout, int maxOpen, int maxEvents) {
    }

    public LogSettings {
        sources = Map.copyOf(sources);
    }

    /** Vigil's defaults: Drain's own parameters for every source, no sessions, one incident per service. */
    public static LogSettings standard() {
        return new LogSettings(Map.of(), new SourceSettings(DrainParameters.defaults(), null),
                new SessionLimits(Duration.ofMinutes(5), 10_000, 1_000), TemplateOverrides.NONE, 10_000, true);
    }

    /** The settings of a source. */
    public SourceSettings source(String source) {
        return sources.getOrDefault(source, defaults);
    }
}
