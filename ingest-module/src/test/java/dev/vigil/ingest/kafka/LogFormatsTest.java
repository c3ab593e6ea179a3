package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Every shipped format reads a line of its kind. The sample lines are made up here, in each system's layout. */
class LogFormatsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

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
                Arguments.of("apache-error", "[Wed Oct 11 14:32:52.123456 2026] [core:error] [pid 3570:tid 43286] "
                        + "[client 192.0.2.7:5123] AH00037: Symbolic link not allowed",
                        "AH00037: Symbolic link not allowed"),
                Arguments.of("nginx-error", "2026/01/15 10:23:45 [warn] 1234#5678: *99 upstream timed out, client: "
                        + "192.0.2.1", "upstream timed out, client: 192.0.2.1"),
                Arguments.of("Android", "04-02 11:22:33.444  1702  2395 W ActivityManager: Slow operation took 312ms",
                        "Slow operation took 312ms"),
                Arguments.of("Apache", "[Mon Jan 05 10:11:12 2026] [error] mod_jk child in error state 7",
                        "mod_jk child in error state 7"),
                Arguments.of("BGL", "- 1700000000 2026.01.05 R11-M0-N4-C:J03-U01 2026-01-05-10.11.12.123456 "
                        + "R11-M0-N4-C:J03-U01 RAS KERNEL INFO 4 ddr errors detected and corrected",
                        "4 ddr errors detected and corrected"),
                Arguments.of("HDFS", "260105 101112 77 INFO dfs.DataNode$DataXceiver: Receiving block blk_-42 src: "
                        + "/10.0.0.1:5000", "Receiving block blk_-42 src: /10.0.0.1:5000"),
                Arguments.of("HPC", "99001 node-12 unix.hw state_change.unavailable 1700000000 1 Component is down",
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
                Arguments.of("Thunderbird", "- 1700000000 2026.01.05 an7 Jan 5 10:11:12 an7/an7 crond[42]: session "
                        + "closed for user root", "session closed for user root"),
                Arguments.of("Windows", "2026-01-05 10:11:12, Info                  CBS    Ending TrustedInstaller "
                        + "initialization.", "Ending TrustedInstaller initialization."),
                Arguments.of("Zookeeper", "2026-01-05 10:11:12,345 - WARN  [SendWorker:188978561024:QuorumCnxManager"
                        + "$SendWorker@679] - Interrupted while waiting", "Interrupted while waiting"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachShippedFormatReadsALineOfItsKind(String name, String line, String message) {
        Matcher m = LogFormats.get(name).pattern().matcher(line);

        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group("message")).isEqualTo(message);
    }

    @Test
    void everyShippedFormatHasASample() {
        assertThat(samples().map(a -> (String) a.get()[0]))
                .containsExactlyInAnyOrderElementsOf(LogFormats.all().stream().map(LogFormat::name).toList());
    }

    @Test
    void namesAreMatchedIgnoringCaseAndUnknownOnesListTheShippedFormats() {
        assertThat(LogFormats.get("hdfs")).isSameAs(LogFormats.get("HDFS"));
        assertThatThrownBy(() -> LogFormats.get("klingon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syslog-rfc5424").hasMessageContaining("Zookeeper");
    }

    @Test
    void theLoghubGroupsAreSplitAsLogparserSplitsThem() {
        Matcher m = LogFormats.get("Zookeeper").pattern().matcher("2026-01-05 10:11:12,345 - INFO  "
                + "[main:QuorumPeer@913] - LOOKING");

        assertThat(m.matches()).isTrue();
        assertThat(m.group("level")).isEqualTo("INFO");
        assertThat(m.group("node")).isEqualTo("main");
        assertThat(m.group("component")).isEqualTo("QuorumPeer");
        assertThat(m.group("lineNumber")).isEqualTo("913");
    }

    private static LogRecordParser parser(String format) {
        return LogRecordParser.forFormat(format, 65536, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theKafkaParserReadsAShippedFormatKeepingItsOtherGroupsAsFields() {
        LogEvent e = parser("HDFS").parse("hdfs-dn", "260105 101112 77 WARN dfs.DataNode: slow block receiver");

        assertThat(e.service()).isEqualTo("hdfs-dn");
        assertThat(e.level()).isEqualTo(LogLevel.WARN);
        assertThat(e.message()).isEqualTo("slow block receiver");
        assertThat(e.timestamp()).isEqualTo(NOW);
        assertThat(e.fields()).contains(entry("pid", "77"), entry("component", "dfs.DataNode"),
                entry("date", "260105"), entry("time", "101112"));
    }

    @Test
    void syslogPriorityGivesTheLevelAndRfc5424TheTime() {
        LogEvent e = parser("syslog-rfc5424").parse(null,
                "<163>1 2026-03-01T10:00:00Z web7 billing 812 - - card store unreachable");

        assertThat(e.level()).isEqualTo(LogLevel.ERROR); // 163 % 8 = 3
        assertThat(e.service()).isEqualTo("billing");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(e.fields()).containsEntry("host", "web7");

        LogEvent bsd = parser("syslog-rfc3164").parse(null, "<38>Oct 11 22:14:15 gw01 sshd(pam_unix)[4721]: ok");
        assertThat(bsd.level()).isEqualTo(LogLevel.INFO); // 38 % 8 = 6
        assertThat(bsd.service()).isEqualTo("sshd");
        assertThat(bsd.fields()).contains(entry("subsystem", "pam_unix"), entry("pid", "4721"));
    }

    @Test
    void androidsOneLetterLevelsAreRead() {
        assertThat(Map.of("V", LogLevel.TRACE, "D", LogLevel.DEBUG, "I", LogLevel.INFO, "W", LogLevel.WARN, "E",
                LogLevel.ERROR, "F", LogLevel.FATAL)).allSatisfy((letter, level) ->
                assertThat(LogLevel.parse(letter)).isEqualTo(level));
    }
}
