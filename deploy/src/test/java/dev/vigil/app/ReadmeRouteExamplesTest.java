package dev.vigil.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.vigil.app.testing.RoutesExamplesProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Plugging a source" shows the shipped route examples exactly: each of its YAML blocks, named by its
 * first line ({@code # routes/<name>.yaml: ...}), is the file of that name in deploy/src/main/routes-examples, and
 * each file there is shown. RoutesExamplesTest loads and feeds those files, so the README's routes are the ones that
 * were run.
 */
class ReadmeRouteExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("```yaml\n(# routes/([a-z0-9-]+\\.yaml)[^\n]*\n.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesSourceRoutesAreTheExampleFilesTheTestsLoad() throws IOException {
        Map<String, String> shown = readmeBlocks();
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(RoutesExamplesProfile.EXAMPLES)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }

        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
        files.forEach((name, text) -> assertThat(shown.get(name)).as(name).isEqualTo(text));
        assertThat(shown.values())
                .as("a YAML log source and an HTTP polling source")
                .anySatisfy(route -> assertThat(route).contains("to: direct:vigil-log-lines"))
                .anySatisfy(route -> assertThat(route).contains("uri: timer:").contains("jsonpath"));
    }

    /** The YAML blocks of the section, by the file name their first line gives. */
    private static Map<String, String> readmeBlocks() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("### Plugging a source");
        int end = readme.indexOf("\n### ", start + 1);
        Matcher block = BLOCK.matcher(readme.substring(start, end));
        Map<String, String> blocks = new LinkedHashMap<>();
        while (block.find()) {
            assertThat(blocks.put(block.group(2), block.group(1))).as("shown once: " + block.group(2)).isNull();
        }
        return blocks;
    }
}
