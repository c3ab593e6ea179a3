package dev.vigil.features.logs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.features.state.SnapshotMismatchException;

/**
 * The templates one service logs: its own Drain miner, when each template was born (the event time of its first line
 * and how many of the service's lines came before it, which tells a template born while the service was still being
 * learned from one that is new to a service long known), and the last few lines of each template, for explanations.
 * <p>
 * The miner and the births survive a restart ({@link #writeTo} / {@link #readFrom}); the example lines and when each
 * template was last seen are not kept.
 * Not thread-safe: the caller synchronises.
 */
public final class ServiceTemplates {

    /** Version of the snapshot layout written by {@link #writeTo}. */
    public static final short FORMAT_VERSION = 1;
    /** Example lines kept per template. */
    static final int EXAMPLES = 3;
    /** Characters of a message kept as an example; longer ones are cut. */
    static final int EXAMPLE_CHARS = 300;

    /** When a template first appeared: the event time of its first line, after how many of the service's lines. */
    public record Birth(Instant at, long afterLines) {
    }

    /** One recent line of a template, as an explanation shows it. */
    public record Example(Instant at, LogLevel level, String message) {

        /** {@code 2026-01-06T10:00:00Z ERROR message}. */
        @Override
        public String toString() {
            return at + " " + level + " " + message;
        }
    }

    private final DrainMiner miner;
    private final Map<String, Birth> births = new HashMap<>();
    /** What is known of each template since start, in one entry so that a line costs one lookup (the hot path). */
    private final Map<String, Seen> seen = new HashMap<>();
    private long lines;

    /** A template's newest line time and last few lines since start. */
    private static final class Seen {
        Instant last;
        final ArrayDeque<Example> recent = new ArrayDeque<>(EXAMPLES);
    }

    public ServiceTemplates(DrainParameters parameters, TemplateOverrides overrides) {
        this(new DrainMiner(parameters, overrides));
    }

    private ServiceTemplates(DrainMiner miner) {
        this.miner = miner;
    }

    /** Learns a line: the template it belongs to now, and whether the line created it. */
    public MinedLine learn(LogEvent event) {
        Template template = miner.match(event.message());
        boolean created = !births.containsKey(template.id());
        if (created) {
            births.put(template.id(), new Birth(event.timestamp(), lines));
        }
        lines++;
        Seen known = seen.computeIfAbsent(template.id(), k -> new Seen());
        if (known.last == null || event.timestamp().isAfter(known.last)) {
            known.last = event.timestamp();
        }
        ArrayDeque<Example> recent = known.recent;
        if (recent.size() == EXAMPLES) {
            recent.removeFirst();
        }
        String message = event.message();
        recent.addLast(new Example(event.timestamp(), event.level(),
                message.length() > EXAMPLE_CHARS ? message.substring(0, EXAMPLE_CHARS) + "…" : message));
        return new MinedLine(event, template, created);
    }

    /** Lines learned so far, over the service's whole life (restored ones included). */
    public long lines() {
        return lines;
    }

    public Optional<Birth> birth(String templateId) {
        return Optional.ofNullable(births.get(templateId));
    }

    /** Event time of the template's newest line since start; empty after a restart until it is seen again. */
    public Optional<Instant> lastSeen(String templateId) {
        Seen known = seen.get(templateId);
        return Optional.ofNullable(known == null ? null : known.last);
    }

    /** The template as it is now. */
    public Optional<Template> template(String templateId) {
        return miner.template(templateId);
    }

    /**
     * How a sentence names a template: its text in quotes, after its configured name when it has one
     * ({@code block-received 'Receiving block <*> src: <*>'}); the bare id of a template this service does not know.
     */
    public String label(String templateId) {
        return miner.template(templateId)
                .map(t -> (t.name().equals(t.id()) ? "" : t.name() + " ") + "'" + t.text() + "'")
                .orElse(templateId);
    }

    /** Every template, in order of creation. */
    public List<Template> templates() {
        return miner.templates();
    }

    /** The last few lines of a template seen since start, oldest first; empty after a restart until it is seen again. */
    public List<Example> examples(String templateId) {
        Seen known = seen.get(templateId);
        return known == null ? List.of() : List.copyOf(known.recent);
    }

    /** Replaces the renames and ignores for later answers. */
    public void overrides(TemplateOverrides overrides) {
        miner.overrides(overrides);
    }

    /** Writes the lines learned, the births and then the miner ({@link DrainMiner#writeTo}). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeLong(lines);
        out.writeInt(births.size());
        for (Map.Entry<String, Birth> e : births.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().at().getEpochSecond());
            out.writeInt(e.getValue().at().getNano());
            out.writeLong(e.getValue().afterLines());
        }
        miner.writeTo(out);
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @throws SnapshotMismatchException for another format version, or a miner written with other Drain parameters
     */
    public static ServiceTemplates readFrom(DataInput in, DrainParameters parameters, TemplateOverrides overrides)
            throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("service templates snapshot has format version " + version
                    + ", expected " + FORMAT_VERSION);
        }
        long lines = in.readLong();
        int size = in.readInt();
        Map<String, Birth> births = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String id = in.readUTF();
            births.put(id, new Birth(Instant.ofEpochSecond(in.readLong(), in.readInt()), in.readLong()));
        }
        ServiceTemplates restored = new ServiceTemplates(DrainMiner.readFrom(in, parameters, overrides));
        restored.lines = lines;
        restored.births.putAll(births);
        return restored;
    }
}
