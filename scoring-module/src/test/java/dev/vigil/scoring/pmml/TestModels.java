package dev.vigil.scoring.pmml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference models, test rows and golden values under src/test/resources/pmml (see the README there). */
final class TestModels {

    private TestModels() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TestModels.class.getResource("/pmml/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a simple comma-separated file with a header, as column name to cell text, in column order. */
    static List<Map<String, String>> readCsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split(",", -1);
            return lines.stream().skip(1).map(line -> {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                return row;
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model inputs of a test row, parsed as the README says sklearn saw them. */
    static Map<String, Double> inputs(PmmlModel model, Map<String, String> row) {
        Map<String, Double> features = new HashMap<>();
        model.inputFields().forEach(field -> features.put(field, Double.parseDouble(row.get(field))));
        return features;
    }
}
