package dev.vigil.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VigilCliTest {

    private static final List<String> COMMANDS = List.of("replay", "alert-quality", "parse-logs", "score-model",
            "feedback", "report", "export-features", "deliveries");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vigil(String... args) {
        return VigilCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertThat(vigil("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: vigil");
        COMMANDS.forEach(command -> assertThat(help).contains("  " + command));
    }

    @Test
    void everyCommandAnswersHelpWithItsOptionsAndExitsZero() {
        for (String command : COMMANDS) {
            out.reset();
            assertThat(vigil(command, "--help")).as(command).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(command).startsWith("Usage: vigil " + command)
                    .contains("-h, --help");
            out.reset();
            assertThat(vigil("help", command)).as("help " + command).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: vigil " + command);
        }
    }

    @Test
    void aMissingOrUnknownCommandOrOptionIsAUsageErrorExitingTwo() {
        assertThat(vigil()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("name a command").contains("Usage: vigil");
        assertThat(vigil("replai")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument at index 0: 'replai'")
                .contains("Did you mean: vigil replay");
        assertThat(vigil("report", "--days", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--days': 'many' is not an int");
        assertThat(out.size()).isZero();
    }

    @Test
    void aCommandNeedingARunningVigilSaysWhatIsMissing() {
        assertThat(ReportCli.run(new String[0], java.util.Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("VIGIL_API_KEY is not set");
    }
}
