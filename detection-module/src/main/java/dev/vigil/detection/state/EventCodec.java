package dev.vigil.detection.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A batch of one stream's events as the input journal keeps them: the records as JSON, deflated. Events are immutable
 * records of the ingest module, so the JSON is their components.
 *
 * @param <E> the event record
 */
public final class EventCodec<E> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JavaType batch;

    public EventCodec(Class<E> event) {
        this.batch = JSON.getTypeFactory().constructCollectionType(List.class, event);
    }

    public byte[] encode(List<E> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 128 * events.size());
        try (OutputStream out = new DeflaterOutputStream(bytes)) {
            JSON.writerFor(batch).writeValue(out, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException for bytes that are not a batch of these events */
    public List<E> decode(byte[] bytes) throws IOException {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            return JSON.readValue(in, batch);
        }
    }
}
