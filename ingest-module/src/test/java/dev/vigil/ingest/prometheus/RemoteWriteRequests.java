package dev.vigil.ingest.prometheus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.ingest.prometheus.RemoteWriteSeries.Sample;
import org.xerial.snappy.Snappy;

/**
 * Remote-write request bodies as a Prometheus server sends them: a {@code prometheus.WriteRequest} written with
 * protobuf-java's wire writer (labels sorted by name, as Prometheus sorts them), snappy block-compressed. No
 * maintained Java artifact writes remote-write requests (the Prometheus Java clients expose metrics; they do not
 * push remote write), so tests encode with the protobuf and snappy libraries themselves. Shared with deploy's tests
 * (this module's test jar).
 */
public final class RemoteWriteRequests {

    private RemoteWriteRequests() {
    }

    /** The compressed body of a request carrying these series. */
    public static byte[] body(List<RemoteWriteSeries> series) {
        try {
            return Snappy.compress(writeRequest(series));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A series of {@code samples} of the metric {@code name} with these labels. */
    public static RemoteWriteSeries series(String name, Map<String, String> labels, List<Sample> samples) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(RemoteWriteSeries.NAME_LABEL, name);
        return new RemoteWriteSeries(all, samples);
    }

    /** The uncompressed protobuf {@code WriteRequest}. */
    public static byte[] writeRequest(List<RemoteWriteSeries> series) {
        return message(out -> {
            for (RemoteWriteSeries one : series) {
                out.writeByteArray(1, timeSeries(one));
            }
        });
    }

    private static byte[] timeSeries(RemoteWriteSeries series) {
        return message(out -> {
            for (Map.Entry<String, String> label : new TreeMap<>(series.labels()).entrySet()) {
                out.writeByteArray(1, message(l -> {
                    l.writeString(1, label.getKey());
                    l.writeString(2, label.getValue());
                }));
            }
            for (Sample sample : series.samples()) {
                out.writeByteArray(2, message(s -> {
                    s.writeDouble(1, sample.value());
                    s.writeInt64(2, sample.timestampMillis());
                }));
            }
        });
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
