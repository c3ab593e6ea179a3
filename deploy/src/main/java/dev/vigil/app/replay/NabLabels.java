package dev.vigil.app.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.Timestamps;

/**
 * NAB's ground-truth windows ({@code labels/combined_windows.json}: data file path relative to {@code data/} to a
 * list of inclusive {@code [start, end]} windows), used only to fill the {@code label} column of NAB results; NAB's
 * scorer does not read that column, it reads the windows itself.
 */
final class NabLabels {

    /** A labelled anomaly window, both ends included. */
    record Window(Instant start, Instant end) {

        boolean contains(Instant at) {
            return !at.isBefore(start) && !at.isAfter(end);
        }
    }

    private final Map<String, List<Window>> windows;

    private NabLabels(Map<String, List<Window>> windows) {
        this.windows = windows;
    }

    static NabLabels none() {
        return new NabLabels(Map.of());
    }

    static NabLabels read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, List<Window>> windows = new HashMap<>();
        root.fields().forEachRemaining(entry -> {
            List<Window> list = new ArrayList<>();
            for (JsonNode pair : entry.getValue()) {
                list.add(new Window(Timestamps.parse(pair.get(0).asText()), Timestamps.parse(pair.get(1).asText())));
            }
            windows.put(entry.getKey(), list);
        });
        return new NabLabels(windows);
    }

    /** 1 when the time lies in a window of the file (its path relative to the data folder, with '/'), else 0. */
    int label(String relativePath, Instant at) {
        return windows(relativePath).stream().anyMatch(w -> w.contains(at)) ? 1 : 0;
    }

    /** The labelled windows of a file (its path relative to the data folder, with '/'), in time order. */
    List<Window> windows(String relativePath) {
        return windows.getOrDefault(relativePath, List.of());
    }

}
