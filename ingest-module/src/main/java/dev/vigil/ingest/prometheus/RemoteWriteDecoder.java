package dev.vigil.ingest.prometheus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.prometheus.RemoteWriteSeries.Sample;
import org.xerial.snappy.Snappy;

/**
 * Reads the body of a Prometheus remote-write 1.0 request: snappy's block format around a protobuf
 * {@code prometheus.WriteRequest} (Prometheus' {@code prompb/remote.proto} and {@code types.proto}). Only the fields
 * Vigil uses are read; the others (metadata, exemplars, native histograms) are skipped as protobuf skips unknown
 * fields:
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 * No maintained artifact ships these messages as generated Java classes and no protoc plugin is in the build, so
 * the decoder uses protobuf-java's wire reader directly.
 */
public final class RemoteWriteDecoder {

    private static final int WRITE_REQUEST_TIMESERIES = 1;
    private static final int SERIES_LABELS = 1;
    private static final int SERIES_SAMPLES = 2;
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;

    private final int maxUncompressedBytes;

    /** @param maxUncompressedBytes the largest request Vigil decompresses, checked before decompressing */
    public RemoteWriteDecoder(int maxUncompressedBytes) {
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    /** The request's series; invalid input, with the reason, when the body is not a snappy-compressed WriteRequest. */
    public List<RemoteWriteSeries> decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("empty body: a remote-write request is a snappy-compressed protobuf WriteRequest");
        }
        byte[] message;
        try {
            int length = Snappy.uncompressedLength(body);
            if (length < 0 || length > maxUncompressedBytes) {
                throw new InvalidInputException("the request would decompress to " + Integer.toUnsignedString(length)
                        + " bytes, more than the limit of " + maxUncompressedBytes);
            }
            if (!Snappy.isValidCompressedBuffer(body)) {
                throw new InvalidInputException("body is not snappy-compressed (block format)");
            }
            message = Snappy.uncompress(body);
        } catch (IOException e) {
            throw new InvalidInputException("body is not snappy-compressed (block format): " + e.getMessage());
        }
        try {
            return writeRequest(CodedInputStream.newInstance(message));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException("body is not a protobuf prometheus.WriteRequest: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("body could not be read: " + e.getMessage());
        }
    }

    private static List<RemoteWriteSeries> writeRequest(CodedInputStream in) throws IOException {
        List<RemoteWriteSeries> series = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(WRITE_REQUEST_TIMESERIES, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                series.add(timeSeries(in));
                in.popLimit(limit);
            } else {
                skip(in, tag);
            }
        }
        return series;
    }

    private static RemoteWriteSeries timeSeries(CodedInputStream in) throws IOException {
        Map<String, String> labels = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(SERIES_LABELS, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                label(in, labels);
                in.popLimit(limit);
            } else if (tag == tag(SERIES_SAMPLES, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                samples.add(sample(in));
                in.popLimit(limit);
            } else {
                skip(in, tag);
            }
        }
        return new RemoteWriteSeries(labels, samples);
    }

    private static void label(CodedInputStream in, Map<String, String> labels) throws IOException {
        String name = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(LABEL_NAME, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                name = in.readStringRequireUtf8();
            } else if (tag == tag(LABEL_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                value = in.readStringRequireUtf8();
            } else {
                skip(in, tag);
            }
        }
        if (labels.putIfAbsent(name, value) != null) {
            throw new InvalidProtocolBufferException("a series has the label '" + name + "' twice");
        }
    }

    private static Sample sample(CodedInputStream in) throws IOException {
        double value = 0;
        long timestamp = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(SAMPLE_VALUE, WireFormat.WIRETYPE_FIXED64)) {
                value = in.readDouble();
            } else if (tag == tag(SAMPLE_TIMESTAMP, WireFormat.WIRETYPE_VARINT)) {
                timestamp = in.readInt64();
            } else {
                skip(in, tag);
            }
        }
        return new Sample(value, timestamp);
    }

    /** A field's tag as it is on the wire (protobuf-java keeps its own {@code makeTag} package-private). */
    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("unexpected end-group tag");
        }
    }
}
