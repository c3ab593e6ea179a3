package dev.vigil.features.logs.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;
import dev.vigil.ingest.kafka.LogRecordParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The shipped catalogue reads lines of each kind (the sample lines are made up here, in each system's layout), and a
 * formats folder adds or replaces formats, a mistake in a file naming the file and the key.
 */
class FormatCatalogueTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final FormatCatalogue SHIPPED = FormatCatalogue.shipped();

    @TempDir
    Path folder;

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("vigil", "2026-11-22T10:00:00Z ERROR checkout payment declined", "payment declined"),
                Arguments.of("syslog-rfc3164", "<34>Oct 11 22:14:15 gw01 sshd[4721]: Failed password for root",
                        "Failed password for root"),
                Arguments.of("syslog-rfc5424", "<165>1 2026-03-01T10:00:00.003Z web7 billing 812 ID47 "
                        + "[exampleSDID@32473 iut=\"3\"] invoice 77 sent", "invoice 77 sent"),
                Arguments.of("apache-access", "203.0.113.9 - frank [10/Oct/2026:13:55:36 -0700] "
                        + "\"GET /shop/cart HTTP/1.1\" 200 2326", "GET /shop/cart HTTP/1.1"),
                Arguments.of("nginx-access", "198.51.100.4 - - [05/Feb/2026:09:01:02 +0000] \"POST /api/v1/pay HTTP/2.0\""
                        + " 502 157 \"https://shop.example/\" \"curl/8.5.0\"", "POST /api/v1/pay HTTP/2.0"),
                Arguments.of("apache-error", "[Sun Oct 11 14:32:52.123456 2026] [core:error] [pid 3570:tid 43286] "
                        + "[client 192.0.2.7:5123] AH00037: Symbolic link not allowed",
                        "AH00037: Symbolic link not allowed"),
                Arguments.of("nginx-error", "2026/01/15 10:23:45 [warn] 1234#5678: *99 upstream timed out, client: "
                        + "192.0.2.1", "upstream timed out, client: 192.0.2.1"),
                Arguments.of("Android", "04-02 11:22:33.444  1702  2395 W ActivityManager: Slow operation took 312ms",
                        "Slow operation took 312ms"),
                Arguments.of("Apache", "[Mon Jan 05 10:11:12 2026] [error] mod_jk child in error state 7",
                        "mod_jk child in error state 7"),
                Arguments.of("BGL", "- 1767607872 2026.01.05 R11-M0-N4-C:J03-U01 2026-01-05-10.11.12.123456 "
                        + "R11-M0-N4-C:J03-U01 RAS KERNEL INFO 4 ddr errors detected and corrected",
                        "4 ddr errors detected and corrected"),
                Arguments.of("HDFS", "260105 101112 77 INFO dfs.DataNode$DataXceiver: Receiving block blk_-42 src: "
                        + "/10.0.0.1:5000", "Receiving block blk_-42 src: /10.0.0.1:5000"),
                Arguments.of("HPC", "99001 node-12 unix.hw state_change.unavailable 1767607872 1 Component is down",
                        "Component is down"),
                Arguments.of("Hadoop", "2026-01-05 10:11:12,345 WARN [main] org.example.Task: Retrying connect",
                        "Retrying connect"),
                Arguments.of("HealthApp", "20260105-10:11:12:345|Step_SPUtils|3000123|getTodayTotalStep 99",
                        "getTodayTotalStep 99"),
                Arguments.of("Linux", "Jan  5 10:11:12 box1 sshd(pam_unix)[1234]: session opened for user joe",
                        "session opened for user joe"),
                Arguments.of("Mac", "Jan  5 10:11:12 laptop-1 kernel[0]: AirPort: Link Down on en0",
                        "AirPort: Link Down on en0"),
                Arguments.of("OpenSSH", "Jan 5 10:11:12 gate sshd[999]: Invalid user test from 192.0.2.8",
                        "Invalid user test from 192.0.2.8"),
                Arguments.of("OpenStack", "nova-compute.log.1 2026-01-05 10:11:12.345 2931 INFO nova.compute.manager "
                        + "[req-1 - - - - -] Instance spawned", "Instance spawned"),
                Arguments.of("Proxifier", "[01.05 10:11:12] chrome.exe - example.org:443 close, 120 bytes sent",
                        "example.org:443 close, 120 bytes sent"),
                Arguments.of("Spark", "26/01/05 10:11:12 INFO storage.BlockManager: Removed broadcast_3 on disk",
                        "Removed broadcast_3 on disk"),
                Arguments.of("Thunderbird", "- 1767607872 2026.01.05 an7 Jan 5 10:11:12 an7/an7 crond[42]: session "
                        + "closed for user root", "session closed for user root"),
                Arguments.of("Windows", "2026-01-05 10:11:12, Info                  CBS    Ending TrustedInstaller "
                        + "initialization.", "Ending TrustedInstaller initialization."),
                Arguments.of("Zookeeper", "2026-01-05 10:11:12,345 - WARN  [SendWorker:188978561024:QuorumCnxManager"
                        + "$SendWorker@679] - Interrupted while waiting", "Interrupted while waiting"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachShippedFormatReadsALineOfItsKindTimeIncluded(String name, String line, String message) {
        Matcher m = SHIPPED.get(name).line().pattern().matcher(line);

        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group("message")).isEqualTo(message);
        LogEvent event = parser(name).parse("svc", line);
        assertThat(event.timestamp()).as("read from the line, not the clock").isNotEqualTo(NOW);
    }

    @Test
    void everyShippedFormatHasASampleAndTheLoghubOnesTheirOwnTemplateSettingsWhereTheyNeedThem() {
        assertThat(samples().map(a -> (String) a.get()[0]))
                .containsExactlyInAnyOrderElementsOf(SHIPPED.all().stream().map(NamedFormat::name).toList());
        assertThat(SHIPPED.get("hdfs")).isSameAs(SHIPPED.get("HDFS"));
        assertThat(SHIPPED.get("HDFS").templates()).isEqualTo(DrainParameters.defaults());
        assertThat(SHIPPED.get("Mac").templates()).isEqualTo(DrainParameters.defaults().withDepth(3)
                .withSimilarityThreshold(0.6));
        assertThat(SHIPPED.get("BGL").templates().distinctValues()).isEqualTo(3);
        assertThat(SHIPPED.get("HDFS").origin()).isEqualTo(FormatCatalogue.SHIPPED);
        assertThatThrownBy(() -> SHIPPED.get("klingon")).hasMessageContaining("unknown log format 'klingon'")
                .hasMessageContaining("syslog-rfc5424").hasMessageContaining("Zookeeper");
        assertThat(SHIPPED.lines().get("zookeeper").name()).isEqualTo("Zookeeper");
    }

    @Test
    void syslogPriorityGivesTheLevelAndRfc5424TheTime() {
        LogEvent e = parser("syslog-rfc5424").parse(null,
                "<163>1 2026-03-01T10:00:00Z web7 billing 812 - - card store unreachable");

        assertThat(e.level()).isEqualTo(LogLevel.ERROR); // 163 % 8 = 3
        assertThat(e.service()).isEqualTo("billing");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(e.fields()).containsEntry("host", "web7");

        LogEvent bsd = parser("syslog-rfc3164").parse(null, "<38>Oct  1 22:14:15 gw01 sshd(pam_unix)[4721]: ok");
        assertThat(bsd.level()).isEqualTo(LogLevel.INFO); // 38 % 8 = 6
        assertThat(bsd.service()).isEqualTo("sshd");
        assertThat(bsd.timestamp()).isEqualTo(Instant.parse("2026-10-01T22:14:15Z"));
        assertThat(bsd.fields()).contains(entry("subsystem", "pam_unix"), entry("pid", "4721"));
    }

    @Test
    void aFormatInTheFolderIsAddedAndOneWithAShippedNameReplacesIt() throws IOException {
        write("acme.yaml", """
                formats:
                  acme:
                    description: ACME gateway
                    regex: '^(?<ts>\\S+) \\[(?<level>\\w+)\\] (?<message>.*)$'
                    example: "2026-01-05T10:00:00Z [WARN] upstream slow"
                    templates:
                      patterns: {order: 'order-\\d+'}
                      masks: [num]
                      similarity: 0.7
                      distinct-values: 2
                      key-values: false
                  hdfs:
                    layout: "<date> <time> <level> <message>"
                    time: yyMMdd HHmmss
                """);
        write("notes.txt", "not a format");

        FormatCatalogue catalogue = FormatCatalogue.load(folder);

        NamedFormat acme = catalogue.get("ACME");
        assertThat(acme.origin()).isEqualTo(folder.resolve("acme.yaml").toString());
        assertThat(acme.templates().similarityThreshold()).isEqualTo(0.7);
        assertThat(acme.templates().distinctValues()).isEqualTo(2);
        assertThat(acme.templates().keyValues()).isFalse();
        assertThat(acme.templates().masks()).extracting(MaskRule::name).containsExactly("order", "num");
        assertThat(catalogue.get("HDFS").line().groups()).doesNotContain("pid");
        assertThat(catalogue.all()).hasSize(SHIPPED.all().size() + 1);
        assertThat(FormatCatalogue.load(folder.resolve("missing")).all()).hasSameSizeAs(SHIPPED.all());
    }

    @Test
    void aBadFormatFileNamesTheFileAndTheKey() throws IOException {
        assertBad("formats: {acme: {regex: '^(?<message>.*)$', templates: {similarity: 1.5}}}",
                "formats.acme.templates.similarity: must be more than 0 and at most 1, got 1.5");
        assertBad("formats: {acme: {regex: '^(?<message>.*)$', colour: red}}",
                "formats.acme.colour: unknown key, expected one of [description, example, layout, regex, templates, time]");
        assertBad("formats: {acme: {regex: '^(?<message>.*)$', templates: {patterns: {id: 'id-('}}}}",
                "formats.acme.templates.patterns.id: not a valid regex: Unclosed group");
        assertBad("formats: {acme: {regex: '^(?<msg>.*)$'}}",
                "formats.acme.regex: log format 'acme' needs a named group 'message'");
        assertBad("formats: {acme: {layout: '<message>', regex: '^(?<message>.*)$'}}", "formats.acme: give either layout");
        assertBad("formats: {acme: {layout: '<time> <message>', time: 'HH:mm qqqqqq'}}", "formats.acme.time: ");
        assertBad("formats: {acme: {layout: '<time> <message>', time: 'HH:mm:ss', example: '10:61:00 hello'}}",
                "formats.acme.example: the format does not read its example: time '10:61:00' does not read with the"
                        + " time format 'HH:mm:ss'");
        assertBad("formats: {acme: {layout: '<message>', templates: {masks: [ip, mac]}}}",
                "formats.acme.templates.masks[1]: unknown mask 'mac', known: url, uuid");
        assertBad("formats: {acme: {layout: '<message>', templates: {distinct-values: 1}}}",
                "formats.acme.templates.distinct-values: must be between 2 and 100, got 1");
        assertBad("formats: {acme: {layout: '<message>', templates: {key-values: yes please}}}",
                "formats.acme.templates.key-values: must be true or false, got the string 'yes please'");
        assertBad("formats: {'a b': {layout: '<message>'}}", "formats.a b: a format's name is letters");
        assertBad("formats: [acme]", "formats: must be a mapping, got a list");
        assertBad("formats: {acme: {layout: '<message>'}", "not valid YAML");
        assertBad("", "is empty: it needs a 'formats' mapping");
    }

    @Test
    void twoFilesOfTheFolderMayNotNameOneFormat() throws IOException {
        write("a.yaml", "formats: {acme: {layout: '<message>'}}");
        write("b.yaml", "formats: {ACME: {layout: '<level> <message>'}}");

        assertThatThrownBy(() -> FormatCatalogue.load(folder)).isInstanceOf(FormatException.class)
                .hasMessage(folder.resolve("b.yaml") + ": formats.ACME: the format is given in " + folder.resolve("a.yaml")
                        + " too");
    }

    private void assertBad(String yaml, String message) throws IOException {
        Path file = write("bad.yaml", yaml);
        assertThatThrownBy(() -> FormatCatalogue.load(folder)).as(yaml).isInstanceOf(FormatException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(message);
        Files.delete(file);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static LogRecordParser parser(String format) {
        return new LogRecordParser(SHIPPED.get(format).line(), 65536, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
