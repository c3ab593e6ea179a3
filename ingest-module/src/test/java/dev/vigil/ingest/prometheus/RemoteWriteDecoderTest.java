package dev.vigil.ingest.prometheus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.prometheus.RemoteWriteSeries.Sample;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteWriteDecoderTest {

    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(1 << 20);

    @Test
    void readsSeriesWithTheirLabelsAndSamples() {
        List<RemoteWriteSeries> sent = List.of(
                RemoteWriteRequests.series("http_requests_total", Map.of("job", "api", "instance", "10.0.0.1:9100"),
                        List.of(new Sample(12.5, 1_767_225_600_000L), new Sample(13, 1_767_225_615_000L))),
                RemoteWriteRequests.series("up", Map.of(), List.of(new Sample(1, 1_767_225_600_000L))));

        List<RemoteWriteSeries> read = decoder.decode(RemoteWriteRequests.body(sent));

        assertThat(read).containsExactlyElementsOf(sent);
    }

    @Test
    void skipsFieldsVigilDoesNotUseSuchAsMetadataAndHistograms() throws IOException {
        RemoteWriteSeries series = RemoteWriteRequests.series("up", Map.of("job", "node"), List.of(new Sample(1, 5)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeRawBytes(RemoteWriteRequests.writeRequest(List.of(series)));
        out.writeByteArray(3, "metadata: type, help, unit".getBytes(StandardCharsets.UTF_8)); // WriteRequest.metadata
        out.flush();

        assertThat(decoder.decode(Snappy.compress(bytes.toByteArray()))).containsExactly(series);
    }

    @Test
    void rejectsABodyThatIsNotSnappyWithTheReason() {
        byte[] uncompressed = RemoteWriteRequests.writeRequest(
                List.of(RemoteWriteRequests.series("up", Map.of(), List.of(new Sample(1, 5)))));

        assertThatThrownBy(() -> decoder.decode("{\"metric\":\"up\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("snappy");
        assertThatThrownBy(() -> decoder.decode(uncompressed))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("snappy");
        assertThatThrownBy(() -> decoder.decode(new byte[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty body");
    }

    @Test
    void rejectsSnappyAroundSomethingThatIsNotAWriteRequest() throws IOException {
        byte[] truncated = RemoteWriteRequests.writeRequest(
                List.of(RemoteWriteRequests.series("up", Map.of("job", "node"), List.of(new Sample(1, 5)))));
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 3);

        assertThatThrownBy(() -> decoder.decode(Snappy.compress(cut)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("prometheus.WriteRequest");
    }

    @Test
    void refusesToDecompressMoreThanTheLimit() throws IOException {
        byte[] large = Snappy.compress(new byte[2 << 20]);

        assertThatThrownBy(() -> decoder.decode(large))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than the limit of 1048576");
    }
}
