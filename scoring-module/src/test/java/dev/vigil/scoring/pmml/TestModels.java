package dev.vigil.scoring.pmml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/** The reference models, test rows and golden values under src/test/resources/pmml (see the README there). */
public final class TestModels {

    private TestModels() {
    }

    /**
     * The resource as a file of the same name: in place when the test classes are a folder, else (another module's
     * tests reading them from this module's test jar) copied once into a temporary folder.
     */
    public static Path resource(String name) {
        try {
            URI uri = TestModels.class.getResource("/pmml/" + name).toURI();
            if (uri.getScheme().equals("file")) {
                return Path.of(uri);
            }
            Path copy = copies().resolve(name);
            if (!Files.exists(copy)) {
                try (InputStream in = TestModels.class.getResourceAsStream("/pmml/" + name)) {
                    Files.copy(in, copy);
                }
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copies;

    private static synchronized Path copies() throws IOException {
        if (copies == null) {
            copies = Files.createTempDirectory("vigil-models-");
            copies.toFile().deleteOnExit();
        }
        return copies;
    }

    /** Every row of a CSV file with a header, as column name to cell text, in column order. */
    public static List<Map<String, String>> readCsv(Path file) {
        try (CsvReader reader = CsvReader.open(file)) {
            List<String> header = reader.next().cells();
            List<Map<String, String>> rows = new ArrayList<>();
            for (CsvRow line = reader.next(); line != null; line = reader.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), line.cell(i));
                }
                rows.add(row);
            }
            return rows;
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
