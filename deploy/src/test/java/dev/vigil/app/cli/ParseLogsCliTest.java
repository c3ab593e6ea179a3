package dev.vigil.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ParseLogsCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesOneRowPerLineInTheLoghubLayout() throws IOException {
        // made-up lines in the HDFS layout; CRLF endings and a blank line as real files have them
        Path input = Files.writeString(dir.resolve("app.log"), String.join("\r\n",
                "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_42 terminating",
                "081109 203616 149 INFO dfs.DataNode$PacketResponder: PacketResponder 2 for block blk_43 terminating",
                "",
                "081109 203617 150 WARN dfs.FSNamesystem: cannot delete file, \"it\" is locked") + "\r\n");
        Path output = dir.resolve("structured.csv");

        int code = ParseLogsCli.run(new String[] { "--format", "hdfs", "--input", input.toString(), "--output",
                output.toString() }, err);

        assertThat(code).as(err()).isZero();
        List<String> rows = Files.readAllLines(output);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("LineId,EventId,EventTemplate");
        String id = rows.get(1).split(",")[1];
        assertThat(rows.get(1)).isEqualTo("1," + id + ",PacketResponder <*> for block blk_<*> terminating");
        assertThat(rows.get(2)).isEqualTo("2," + id + ",PacketResponder <*> for block blk_<*> terminating");
        assertThat(rows.get(3)).matches("4,[0-9a-f]{12},\"cannot delete file, \"\"it\"\" is locked\"");
        assertThat(err()).contains("3 lines, 2 templates");
    }

    /**
     * A format of the formats folder, as a source naming it gets it; {@code --generic} keeps its layout and mines the
     * messages with the generic default instead.
     */
    @Test
    void minesWithTheFormatsOwnSettingsOrWithTheGenericDefault() throws IOException {
        Path formats = Files.createDirectory(dir.resolve("formats"));
        Files.writeString(formats.resolve("acme.yaml"), """
                formats:
                  acme:
                    layout: "<time> <level> <message>"
                    templates: {distinct-values: 2}
                """);
        Path input = Files.writeString(dir.resolve("acme.log"), "10:00 INFO session opened for user alice\n"
                + "10:01 INFO session opened for user bob\n");

        assertThat(templates("--format", "acme", "--formats", formats.toString(), "--input", input.toString()))
                .as(err()).containsOnly("session opened for user <*>");
        assertThat(err()).contains("format acme (" + formats.resolve("acme.yaml") + "), templates of the format: depth 4,"
                + " similarity 0.5, distinct values 2");
        assertThat(templates("--format", "acme", "--formats", formats.toString(), "--generic", "--input",
                input.toString())).as("two users are two events until a position took 4 values")
                .containsExactly("session opened for user alice", "session opened for user bob");
        assertThat(templates("--format", "acme", "--formats", formats.toString(), "--generic", "--distinct-values", "2",
                "--input", input.toString())).containsOnly("session opened for user <*>");
    }

    @Test
    void aBrokenFormatsFolderIsExit2NamingTheFileAndKey() throws IOException {
        Path formats = Files.createDirectory(dir.resolve("formats"));
        Files.writeString(formats.resolve("acme.yaml"), "formats: {acme: {layout: '<message>', templates: {depth: 1}}}");

        assertThat(ParseLogsCli.run(new String[] { "--format", "hdfs", "--formats", formats.toString(), "--input", "x",
                "--output", "y" }, err)).isEqualTo(2);
        assertThat(err()).contains(formats.resolve("acme.yaml") + ": formats.acme.templates.depth: must be between 3 and 20,"
                + " got 1");
    }

    private List<String> templates(String... args) throws IOException {
        Path output = dir.resolve("out.csv");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--output",
                output.toString())).toArray(String[]::new);
        assertThat(ParseLogsCli.run(all, err)).as(err()).isZero();
        return Files.readAllLines(output).stream().skip(1).map(row -> row.substring(row.lastIndexOf(',') + 1)).toList();
    }

    @Test
    void aLineThatDoesNotMatchTheFormatIsExit2WithItsNumberAndNoOutput() throws IOException {
        Path input = Files.writeString(dir.resolve("app.log"),
                "081109 203615 148 INFO dfs.DataNode: fine\nnot an hdfs line\n");
        Path output = dir.resolve("out.csv");

        int code = ParseLogsCli.run(new String[] { "--format", "HDFS", "--input", input.toString(), "--output",
                output.toString() }, err);

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("line 2 does not match format 'HDFS'");
        assertThat(output).doesNotExist();
    }

    @Test
    void badUsageIsExit2() {
        assertThat(ParseLogsCli.run(new String[] { "--format", "hdfs" }, err)).isEqualTo(2);
        assertThat(err()).contains("Missing required options: '--input=FILE', '--output=structured.csv'")
                .contains("Usage: parse-logs");
        assertThat(ParseLogsCli.run(new String[] { "--format", "hdfs", "--input", "x", "--output", "y", "--colour", "red" }, err)).isEqualTo(2);
        assertThat(err()).contains("Unknown options: '--colour', 'red'");
    }

    @Test
    void unknownFormatOrBadParameterIsExit2() {
        assertThat(ParseLogsCli.run(new String[] { "--format", "klingon", "--input", "x", "--output", "y" }, err))
                .isEqualTo(2);
        assertThat(err()).contains("unknown log format 'klingon'").contains("syslog-rfc3164");
        assertThat(ParseLogsCli.run(new String[] { "--format", "hdfs", "--input", "x", "--output", "y",
                "--similarity", "2" }, err)).isEqualTo(2);
        assertThat(err()).contains("(0, 1]");
        assertThat(ParseLogsCli.run(new String[] { "--format", "hdfs", "--input", "x", "--output", "y",
                "--distinct-values", "many" }, err)).isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--distinct-values': 'many' is not an int");
    }

    @Test
    void aMissingInputIsExit2() {
        assertThat(ParseLogsCli.run(new String[] { "--format", "hdfs", "--input", dir.resolve("none.log").toString(),
                "--output", dir.resolve("o.csv").toString() }, err)).isEqualTo(2);
        assertThat(err()).contains("cannot read");
    }
}
