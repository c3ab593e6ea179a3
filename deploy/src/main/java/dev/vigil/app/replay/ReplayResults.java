package dev.vigil.app.replay;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.csv.Csv;
import org.apache.commons.csv.CSVPrinter;

/** Where a replayed file's rows go, each with what replay made of it, one at a time, in file order. */
interface ReplayResults extends Closeable {

    /**
     * @param score the row's anomaly score, 0..1 (0 while the detector warms up)
     * @param alert whether a new alert fired on the row
     */
    void row(ReplayRow row, double score, boolean alert) throws IOException;

    /** Every row as read, followed by {@code anomaly_score} and {@code alert} (1 where an alert fired). */
    static ReplayResults csv(Path target, List<String> header) throws IOException {
        CSVPrinter out = Csv.printer(Files.newBufferedWriter(target, StandardCharsets.UTF_8));
        List<String> columns = new ArrayList<>(header);
        columns.addAll(List.of("anomaly_score", "alert"));
        out.printRecord(columns);
        return new ReplayResults() {
            private final List<String> cells = new ArrayList<>();

            @Override
            public void row(ReplayRow row, double score, boolean alert) throws IOException {
                cells.clear();
                cells.addAll(row.cells());
                cells.add(format(score));
                cells.add(alert ? "1" : "0");
                out.printRecord(cells);
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /**
     * NAB's results layout: {@code timestamp,value,anomaly_score,label}, the label from NAB's windows of the file
     * (its path relative to the data folder); with {@code alertsAsScore} the score is the alert column.
     */
    static ReplayResults nab(Path target, int valueColumn, NabLabels labels, String relative, boolean alertsAsScore)
            throws IOException {
        CSVPrinter out = Csv.printer(Files.newBufferedWriter(target, StandardCharsets.UTF_8));
        out.printRecord("timestamp", "value", "anomaly_score", "label");
        return new ReplayResults() {
            @Override
            public void row(ReplayRow row, double score, boolean alert) throws IOException {
                out.printRecord(row.cells().get(0), row.cells().get(valueColumn),
                        format(alertsAsScore ? (alert ? 1 : 0) : score), labels.label(relative, row.timestamp()));
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /**
     * {@code 0}, or six decimals rounded half up: what {@code String.format("%.6f")} writes, which rounds the shortest
     * decimal of the double, at a fraction of its cost. Away from a tie (the millionths' remainder not within 1e-6 of
     * one half, far beyond the error of the product for a score of 0..1) that rounding is the rounding of the product;
     * near one, and for anything not 0..1, the shortest decimal is rounded as the formatter does.
     */
    static String format(double score) {
        if (score == 0) {
            return "0";
        }
        if (score > 0 && score <= 1) {
            double millionths = score * 1e6;
            double fraction = millionths - Math.floor(millionths);
            if (Math.abs(fraction - 0.5) > 1e-6) {
                long rounded = (long) Math.floor(millionths + 0.5);
                String decimals = Long.toString(1_000_000 + rounded % 1_000_000).substring(1);
                return rounded / 1_000_000 + "." + decimals;
            }
        }
        return BigDecimal.valueOf(score).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
