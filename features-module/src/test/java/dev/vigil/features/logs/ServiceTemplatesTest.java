package dev.vigil.features.logs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.features.state.SnapshotMismatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTemplatesTest {

    private static final Instant T0 = Instant.parse("2026-01-06T10:00:00Z");

    private final ServiceTemplates templates = new ServiceTemplates(DrainParameters.defaults(), TemplateOverrides.NONE);

    private static LogEvent line(int second, LogLevel level, String message) {
        return new LogEvent("hdfs", "datanode", T0.plusSeconds(second), level, message, Map.of());
    }

    @Test
    void aTemplateIsBornWithItsFirstLineAndRemembersHowManyLinesCameBefore() {
        MinedLine first = templates.learn(line(0, LogLevel.INFO, "Receiving block blk_1 src: /10.0.0.1:50010"));
        MinedLine again = templates.learn(line(1, LogLevel.INFO, "Receiving block blk_2 src: /10.0.0.2:50010"));
        MinedLine other = templates.learn(line(2, LogLevel.ERROR, "writeBlock blk_3 received exception java.io.EOFException"));

        assertThat(first.newTemplate()).isTrue();
        assertThat(again.newTemplate()).isFalse();
        assertThat(again.template().id()).isEqualTo(first.template().id());
        assertThat(other.newTemplate()).isTrue();
        assertThat(templates.birth(first.template().id())).contains(new ServiceTemplates.Birth(T0, 0));
        assertThat(templates.birth(other.template().id())).contains(new ServiceTemplates.Birth(T0.plusSeconds(2), 2));
        assertThat(templates.lines()).isEqualTo(3);
        assertThat(templates.label(first.template().id())).isEqualTo("'Receiving block blk_<*> src: <*>'");
    }

    @Test
    void keepsTheLastFewLinesOfEachTemplateCutToAReadableLength() {
        for (int i = 0; i < 5; i++) {
            templates.learn(line(i, LogLevel.WARN, "slow write of packet " + i + " took " + (100 + i) + " ms"));
        }
        String id = templates.templates().get(0).id();
        templates.learn(line(9, LogLevel.INFO, "x".repeat(400)));

        assertThat(templates.examples(id)).extracting(Object::toString).containsExactly(
                "2026-01-06T10:00:02Z WARN slow write of packet 2 took 102 ms",
                "2026-01-06T10:00:03Z WARN slow write of packet 3 took 103 ms",
                "2026-01-06T10:00:04Z WARN slow write of packet 4 took 104 ms");
        assertThat(templates.examples(templates.templates().get(1).id()).get(0).message()).hasSize(301).endsWith("…");
    }

    @Test
    void aRenamedTemplateIsCalledByItsNameAndTheTextStillShows() {
        String id = templates.learn(line(0, LogLevel.INFO, "Receiving block blk_1")).template().id();
        templates.overrides(TemplateOverrides.NONE.rename(id, "block-received"));

        assertThat(templates.label(id)).isEqualTo("block-received 'Receiving block blk_<*>'");
        assertThat(templates.label("unknown")).isEqualTo("unknown");
    }

    @Test
    void aRestoredServiceKnowsItsTemplatesAndTheirBirths() throws IOException {
        templates.learn(line(0, LogLevel.INFO, "Receiving block blk_1"));
        templates.learn(line(5, LogLevel.ERROR, "Exception in receiveBlock for block blk_2"));
        byte[] snapshot = write(templates);

        ServiceTemplates restored = ServiceTemplates.readFrom(read(snapshot), DrainParameters.defaults(), TemplateOverrides.NONE);
        MinedLine known = restored.learn(line(60, LogLevel.ERROR, "Exception in receiveBlock for block blk_9"));

        assertThat(known.newTemplate()).isFalse();
        assertThat(restored.templates()).extracting(Template::id).isEqualTo(templates.templates().stream().map(Template::id).toList());
        assertThat(restored.birth(known.template().id())).contains(new ServiceTemplates.Birth(T0.plusSeconds(5), 1));
        assertThat(restored.lines()).isEqualTo(3);
        assertThat(restored.examples(known.template().id())).hasSize(1);
        assertThatThrownBy(() -> ServiceTemplates.readFrom(read(snapshot), DrainParameters.defaults().withDepth(5),
                TemplateOverrides.NONE)).isInstanceOf(SnapshotMismatchException.class);
    }

    static byte[] write(ServiceTemplates templates) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            templates.writeTo(out);
        }
        return bytes.toByteArray();
    }

    static DataInputStream read(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
