package dev.vigil.ingest.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.Observation;
import dev.vigil.ingest.prometheus.RemoteWriteReader.Reading;
import dev.vigil.ingest.prometheus.RemoteWriteReader.Skipped;
import dev.vigil.ingest.prometheus.RemoteWriteSeries.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteWriteReaderTest {

    private static final long T0 = 1_767_225_600_000L;

    private final RemoteWriteReader reader = new RemoteWriteReader("prometheus");

    @Test
    void samplesBecomeObservationsNamedByTheirMetricAndTaggedWithTheOtherLabels() {
        Reading reading = reader.read(List.of(RemoteWriteRequests.series("node_load1",
                Map.of("job", "node", "instance", "db-1:9100"), List.of(new Sample(0.75, T0), new Sample(0.5, T0 + 15_000)))));

        assertThat(reading.observations()).containsExactly(
                Observation.of("prometheus", "node_load1", Map.of("instance", "db-1:9100", "job", "node"),
                        Instant.ofEpochMilli(T0), 0.75),
                Observation.of("prometheus", "node_load1", Map.of("instance", "db-1:9100", "job", "node"),
                        Instant.ofEpochMilli(T0 + 15_000), 0.5));
        assertThat(reading.observations().get(0).series()).isEqualTo("node_load1{instance=db-1:9100,job=node}");
        assertThat(reading.rejected()).isEmpty();
        assertThat(reading.skipped()).isEmpty();
    }

    @Test
    void recordingRuleNamesWithColonsAreKeptAndEmptyLabelsAreNoLabels() {
        Reading reading = reader.read(List.of(RemoteWriteRequests.series("job:http_requests:rate5m",
                Map.of("job", "api", "env", ""), List.of(new Sample(3, T0)))));

        assertThat(reading.observations()).singleElement()
                .satisfies(o -> assertThat(o.series()).isEqualTo("job:http_requests:rate5m{job=api}"));
    }

    @Test
    void staleMarkersNanAndInfinitiesAreSkippedAndCountedNotRejected() {
        double stale = Double.longBitsToDouble(RemoteWriteReader.STALE_NAN_BITS);
        Reading reading = reader.read(List.of(RemoteWriteRequests.series("up", Map.of("job", "node"), List.of(
                new Sample(1, T0), new Sample(stale, T0 + 1), new Sample(Double.NaN, T0 + 2),
                new Sample(Double.POSITIVE_INFINITY, T0 + 3), new Sample(stale, T0 + 4)))));

        assertThat(reading.observations()).hasSize(1);
        assertThat(reading.rejected()).isEmpty();
        assertThat(reading.skipped()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Skipped.STALE, 2, Skipped.NAN, 1, Skipped.INFINITE, 1));
    }

    @Test
    void aSeriesThatBreaksVigilsNameRulesIsRejectedWithTheReasonAndTheOthersAreRead() {
        RemoteWriteSeries commaInValue = RemoteWriteRequests.series("http_requests_total",
                Map.of("path", "/search?q=a,b"), List.of(new Sample(1, T0)));
        RemoteWriteSeries noName = new RemoteWriteSeries(Map.of("job", "node"), List.of(new Sample(1, T0)));
        RemoteWriteSeries fine = RemoteWriteRequests.series("up", Map.of("job", "node"), List.of(new Sample(1, T0)));

        Reading reading = reader.read(List.of(commaInValue, noName, fine));

        assertThat(reading.observations()).extracting(Observation::series).containsExactly("up{job=node}");
        assertThat(reading.rejected()).hasSize(2);
        assertThat(reading.rejected().get(0).reason()).contains("path").contains("forbidden character");
        assertThat(reading.rejected().get(0).series().printable()).isEqualTo("http_requests_total{path=\"/search?q=a,b\"}");
        assertThat(reading.rejected().get(1).reason()).contains("metric is missing");
    }
}
