package dev.vigil.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dead letters written so far, one JSON object per line. */
public final class DeadLetterFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public DeadLetterFile(String file) {
        this.file = Path.of(file);
    }

    public List<JsonNode> from(String source) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("dead-letter line is not JSON: " + line, e);
            }
        }).filter(letter -> letter.path("source").asText().equals(source)).toList();
    }
}
