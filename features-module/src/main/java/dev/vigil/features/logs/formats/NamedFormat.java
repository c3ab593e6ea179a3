package dev.vigil.features.logs.formats;

import dev.vigil.features.logs.DrainParameters;
import dev.vigil.ingest.kafka.LogFormat;

/**
 * A log format's whole recipe, as a source that names it gets it: how its lines split into header and message and
 * how their time reads ({@code line}), and how its messages become templates ({@code templates}: masks and the miner's
 * settings).
 *
 * @param line      the line layout and time layout
 * @param templates the miner's settings for its messages
 * @param origin    the file it was read from: the shipped catalogue, or a file of the formats folder
 */
public record NamedFormat(LogFormat line, DrainParameters templates, String origin) {

    public String name() {
        return line.name();
    }
}
