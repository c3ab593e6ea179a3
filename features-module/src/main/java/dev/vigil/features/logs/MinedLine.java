package dev.vigil.features.logs;

import dev.vigil.contracts.LogEvent;

/**
 * A log line with the template Drain put it in.
 *
 * @param event       the line as it came in
 * @param template    its template, as the service's miner knows it after learning the line
 * @param newTemplate whether this line created the template (the first of its kind the service ever logged)
 */
public record MinedLine(LogEvent event, Template template, boolean newTemplate) {
}
