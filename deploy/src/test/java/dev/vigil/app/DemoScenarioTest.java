package dev.vigil.app;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.UserEvent;
import dev.vigil.demo.simulator.DemoScenario;
import dev.vigil.ingest.file.MetricCsvReader;
import dev.vigil.ingest.kafka.LogRecordParser;
import dev.vigil.ingest.mqtt.SensorPayloadParser;
import dev.vigil.ingest.users.UserEventParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo simulator speaks the formats Vigil reads, and its anomalies are where it says they are. */
class DemoScenarioTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoScenario scenario = new DemoScenario(START);
    private final SensorPayloadParser sensors =
            new SensorPayloadParser("vigil/sensors/#", 65536, JSON, Clock.fixed(START, ZoneOffset.UTC));
    private final UserEventParser users = new UserEventParser(65536, JSON, Clock.fixed(START, ZoneOffset.UTC));
    private final LogRecordParser logs =
            new LogRecordParser(LogRecordParser.DEFAULT_LINE_PATTERN, 65536, JSON, Clock.fixed(START, ZoneOffset.UTC));

    @Test
    void sensorReadingsParseAndBoilerTwoRunsHotOnlyDuringTheSpike() {
        double before = boiler2(scenario.sensorReadings(START.plusSeconds(10)));
        double during = boiler2(scenario.sensorReadings(START.plusSeconds(30)));
        double after = boiler2(scenario.sensorReadings(START.plusSeconds(45)));
        assertThat(during - before).isBetween(6.0, 12.0);
        assertThat(Math.abs(after - before)).isLessThan(3.0);
    }

    @Test
    void logLinesParseAndCheckoutErrorsBurstOnlyDuringTheBurst() {
        assertThat(checkoutErrorRate(START.plusSeconds(10))).isLessThan(0.1);
        assertThat(checkoutErrorRate(START.plusSeconds(40))).isGreaterThan(0.4);
        assertThat(checkoutErrorRate(START.plusSeconds(50))).isLessThan(0.1);
    }

    @Test
    void ordersFilesAreReadableContinueInTimeAndOnlyTheFirstCollapsesNearItsEnd() throws Exception {
        List<Observation> first = readCsv(scenario.ordersFile());
        List<Observation> second = readCsv(scenario.ordersFile());
        List<Observation> third = readCsv(scenario.ordersFile());
        assertThat(first).hasSize(48);
        assertThat(second.get(0).timestamp()).isEqualTo(first.get(47).timestamp().plus(Duration.ofHours(1)));
        assertThat(first.subList(40, 43)).allSatisfy(o -> assertThat(o.value()).isLessThan(30));
        assertThat(first.subList(0, 40)).allSatisfy(o -> assertThat(o.value()).isGreaterThan(90));
        assertThat(first.subList(43, 48)).as("recovered").allSatisfy(o -> assertThat(o.value()).isGreaterThan(90));
        assertThat(second).as("one incident, not one per file").allSatisfy(o -> assertThat(o.value()).isGreaterThan(90));
        assertThat(third).allSatisfy(o -> assertThat(o.value()).isGreaterThan(90));
    }

    @Test
    void userEventsParseAndOneAddressFailsManyLoginsAMinuteOnlyDuringTheStuffing() {
        assertThat(failedLoginsPerMinuteFromOneAddress(START.plusSeconds(20))).isZero();
        assertThat(failedLoginsPerMinuteFromOneAddress(START.plusSeconds(60)))
                .as("well past the shipped rule's 50 a minute").isGreaterThan(200);
        assertThat(failedLoginsPerMinuteFromOneAddress(START.plusSeconds(90))).isZero();
        assertThat(scenario.userEvents(START.plusSeconds(20))).extracting(r -> users.parse(r.key(), r.value()))
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(UserEvent.Outcome.SUCCESS));
    }

    @Test
    void theDeliberatelyMalformedSamplesAreRejected() {
        DemoScenario.SensorMessage badReading = DemoScenario.malformedSensorReading();
        assertThatThrownBy(() -> sensors.parse(badReading.topic(), badReading.payload().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
        DemoScenario.LogRecord badLog = DemoScenario.malformedLogRecord();
        assertThatThrownBy(() -> logs.parse(badLog.key(), badLog.value())).isInstanceOf(InvalidInputException.class);
        DemoScenario.LogRecord badUser = DemoScenario.malformedUserEvent();
        assertThatThrownBy(() -> users.parse(badUser.key(), badUser.value())).isInstanceOf(InvalidInputException.class);
    }

    /** Two ticks a second for a minute, as the simulator's timer sends them. */
    private long failedLoginsPerMinuteFromOneAddress(Instant at) {
        List<UserEvent> events = new ArrayList<>();
        for (int tick = 0; tick < 120; tick++) {
            scenario.userEvents(at).stream().map(r -> users.parse(r.key(), r.value())).forEach(events::add);
        }
        return events.stream().filter(e -> e.outcome() == UserEvent.Outcome.FAILURE)
                .collect(java.util.stream.Collectors.groupingBy(UserEvent::ip, java.util.stream.Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private double boiler2(List<DemoScenario.SensorMessage> messages) {
        return messages.stream()
                .map(m -> sensors.parse(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8)))
                .filter(o -> o.series().equals("temperature{device=boiler-2,site=plant-1}"))
                .findFirst().orElseThrow().value();
    }

    private double checkoutErrorRate(Instant at) {
        List<LogEvent> checkout = new ArrayList<>();
        for (int tick = 0; tick < 20; tick++) {
            scenario.logLines(at, 5).stream().map(r -> logs.parse(r.key(), r.value()))
                    .filter(e -> e.service().equals("checkout")).forEach(checkout::add);
        }
        return checkout.stream().filter(e -> e.level().isError()).count() / (double) checkout.size();
    }

    private static List<Observation> readCsv(String csv) throws Exception {
        List<Observation> rows = new ArrayList<>();
        MetricCsvReader.Summary summary = new MetricCsvReader(1000).read(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), rows::addAll, rejected -> {
                    throw new AssertionError("demo row rejected: " + rejected);
                });
        assertThat(summary.rejected()).isZero();
        return rows;
    }
}
