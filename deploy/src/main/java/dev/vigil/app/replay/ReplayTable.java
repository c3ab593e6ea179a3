package dev.vigil.app.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A series held whole, for scenarios that replay several series side by side in event time ({@link AlertQuality}):
 * a {@link ReplayFile} read to its end, or rows made up ({@link StormScenario}). {@code ./vigil replay} itself never
 * holds a file: it streams it.
 *
 * @param header  the columns as written
 * @param metrics the columns scored, in header order
 * @param rows    every row, in file order
 */
record ReplayTable(Path file, List<String> header, List<String> metrics, List<ReplayRow> rows) {

    static ReplayTable read(Path file) throws IOException {
        try (ReplayFile in = ReplayFile.open(file)) {
            List<ReplayRow> rows = new ArrayList<>();
            for (ReplayRow row = in.next(); row != null; row = in.next()) {
                rows.add(row);
            }
            return new ReplayTable(file, in.header(), in.metrics(), List.copyOf(rows));
        }
    }
}
