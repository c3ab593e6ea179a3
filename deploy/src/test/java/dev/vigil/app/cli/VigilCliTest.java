package dev.vigil.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
        assertThat(ReportCli.run(new String[0], Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("VIGIL_API_KEY is not set");
    }

    @Test
    void everyCommandNeedingARunningVigilSaysOnceThatItCannotReachItAndExitsTwo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // nobody listens there once it is closed
        }
        Map<String, String> env = Map.of("VIGIL_URL", "http://127.0.0.1:" + closed, "VIGIL_API_KEY", "k");
        Map<CliCommand, String[]> commands = Map.of(new ReportCli(), new String[0], new DeliveriesCli(), new String[0],
                new FeedbackCli(), new String[] { "a-1", "false_positive" },
                new ExportFeaturesCli(), new String[] { "--output", "-" });
        commands.forEach((command, args) -> {
            err.reset();
            String name = command.getClass().getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(CliCommand.execute(command, args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))).as(name).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(name).startsWith(name + ": ")
                    .contains("http://127.0.0.1:" + closed).hasLineCount(1);
        });
    }
}
