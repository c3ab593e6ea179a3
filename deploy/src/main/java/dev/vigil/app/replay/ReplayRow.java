package dev.vigil.app.replay;

import java.time.Instant;
import java.util.List;

/**
 * One row of a replayed file: its number among the data rows (from 1, the row after the header), its event time, its
 * cells as written (copied into the output) and the value of each metric column, in the file's metric order (NaN
 * where the cell is empty: a missing value).
 */
record ReplayRow(long number, Instant timestamp, List<String> cells, double[] values) {
}
