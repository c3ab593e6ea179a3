package dev.vigil.ingest.sparkplug;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.sparkplug.SparkplugReader.Reading;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/** Sparkplug B messages read as a host application reads them: births, data by alias, deaths, sequence numbers. */
class SparkplugReaderTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final long T = Instant.parse("2026-12-07T09:59:00Z").toEpochMilli();

    private final SparkplugReader reader = new SparkplugReader("sparkplug");

    @Test
    void dataByAliasBecomesObservationsNamedAsTheBirthDeclared() {
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(0, 7), NOW);
        reader.read(topic("spBv1.0/plant/DBIRTH/gw-1/pump-3"), payload(1,
                declared("Inputs/Motor 1/RPM", 10, DataType.Float).setFloatValue(1450f),
                declared("Running", 11, DataType.Boolean).setBooleanValue(true),
                declared("Serial", 12, DataType.String).setStringValue("A-17")), NOW);

        Reading data = reader.read(topic("spBv1.0/plant/DDATA/gw-1/pump-3"), payload(2,
                Metric.newBuilder().setAlias(10).setTimestamp(T).setFloatValue(1500.5f),
                Metric.newBuilder().setAlias(11).setTimestamp(T).setBooleanValue(false),
                Metric.newBuilder().setAlias(12).setTimestamp(T).setStringValue("A-18")), NOW);

        assertThat(data.problems()).isEmpty();
        assertThat(data.gap()).isNull();
        assertThat(data.observations()).extracting(Observation::series, Observation::value, Observation::timestamp)
                .containsExactly(
                        tuple("Inputs.Motor_1.RPM{device=pump-3,group=plant,node=gw-1}", 1500.5, Instant.ofEpochMilli(T)),
                        tuple("Running{device=pump-3,group=plant,node=gw-1}", 0.0, Instant.ofEpochMilli(T)));
        assertThat(data.observations().get(0).tags()).isEqualTo(Map.of("group", "plant", "node", "gw-1", "device", "pump-3"));
        assertThat(data.observations().get(0).source()).isEqualTo("sparkplug");
    }

    @Test
    void aBirthsValuesAreObservationsButNotItsBookkeeping() {
        Reading birth = reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), payload(0,
                declared("bdSeq", 0, DataType.UInt64).setLongValue(4),
                declared("Node Control/Rebirth", 1, DataType.Boolean).setBooleanValue(false),
                declared("Temperature", 2, DataType.Double).setDoubleValue(21.5)), NOW);

        assertThat(birth.observations()).extracting(Observation::series).containsExactly("Temperature{group=plant,node=gw-1}");
        assertThat(birth.statuses()).singleElement().satisfies(s -> {
            assertThat(s.online()).isTrue();
            assertThat(s.entity()).isEqualTo("plant/gw-1");
            assertThat(s.detail()).isEqualTo("NBIRTH (bdSeq 4)");
        });
    }

    @Test
    void anAliasNoBirthDeclaredIsAProblemAndTheRestIsRead() {
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(0, 7), NOW);

        Reading data = reader.read(topic("spBv1.0/plant/NDATA/gw-1"), payload(1,
                Metric.newBuilder().setAlias(99).setDoubleValue(1),
                Metric.newBuilder().setAlias(2).setDoubleValue(22.0)), NOW);

        assertThat(data.observations()).extracting(Observation::value).containsExactly(22.0);
        assertThat(data.reason()).isEqualTo("alias 99 is not in the birth certificate of plant/gw-1");
    }

    @Test
    void dataOfANodeNeverBornIsAProblem() {
        Reading data = reader.read(topic("spBv1.0/plant/NDATA/gw-9"), payload(5,
                Metric.newBuilder().setAlias(2).setDoubleValue(22.0)), NOW);

        assertThat(data.observations()).isEmpty();
        assertThat(data.reason()).startsWith("no NBIRTH from plant/gw-9 since Vigil subscribed");
    }

    @Test
    void aSkippedSequenceNumberIsAGapReportedFirstOncePerBirth() {
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(254, 7), NOW);
        assertThat(reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(255, 20), NOW).gap()).isNull();
        assertThat(reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(0, 20), NOW).gap()).as("wraps at 256").isNull();

        SparkplugReader.SequenceGap first = reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(3, 20), NOW).gap();
        SparkplugReader.SequenceGap second = reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(9, 20), NOW).gap();
        assertThat(reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(10, 20), NOW).gap()).isNull();

        assertThat(first).isEqualTo(new SparkplugReader.SequenceGap("plant", "gw-1", 1, 3, true));
        assertThat(second).isEqualTo(new SparkplugReader.SequenceGap("plant", "gw-1", 4, 9, false));
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(0, 8), NOW);
        assertThat(reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(5, 20), NOW).gap().firstSinceBirth())
                .as("a new birth reports its first gap again").isTrue();
    }

    @Test
    void aDeathOfTheLastBirthIsOfflineUntilTheNextBirthAndAnEarlierOnesWillIsIgnored() {
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(0, 7), NOW);

        Reading stale = reader.read(topic("spBv1.0/plant/NDEATH/gw-1"), death(6), NOW);
        assertThat(stale.statuses()).as("the will of the connection before bdSeq 7").isEmpty();
        assertThat(reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(1, 20), NOW).observations()).hasSize(1);

        Reading death = reader.read(topic("spBv1.0/plant/NDEATH/gw-1"), death(7), NOW);
        assertThat(death.statuses()).extracting(EdgeStatus::entity, EdgeStatus::online, EdgeStatus::detail, EdgeStatus::at)
                .containsExactly(tuple("plant/gw-1", false, "NDEATH (bdSeq 7)", NOW));
        assertThat(reader.read(topic("spBv1.0/plant/NDATA/gw-1"), temperature(2, 20), NOW).reason())
                .isEqualTo("plant/gw-1 is dead (NDEATH) and was not born again");

        assertThat(reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(0, 8), NOW).statuses())
                .extracting(EdgeStatus::online).containsExactly(true);
    }

    @Test
    void aDeviceDeathIsOfflineAndItsDataUnknownUntilItsNextBirth() {
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), nodeBirth(0, 7), NOW);
        reader.read(topic("spBv1.0/plant/DBIRTH/gw-1/pump-3"), payload(1,
                declared("Pressure", 20, DataType.Double).setDoubleValue(4.2)), NOW);

        Reading death = reader.read(topic("spBv1.0/plant/DDEATH/gw-1/pump-3"), payload(2), NOW);

        assertThat(death.statuses()).extracting(EdgeStatus::entity, EdgeStatus::online)
                .containsExactly(tuple("plant/gw-1/pump-3", false));
        assertThat(reader.read(topic("spBv1.0/plant/DDATA/gw-1/pump-3"), payload(3,
                Metric.newBuilder().setAlias(20).setDoubleValue(4.3)), NOW).reason())
                .startsWith("no DBIRTH from plant/gw-1/pump-3");
    }

    @Test
    void integersAreReadAsTheirDeclaredTypeAndAValueOfAnotherTypeIsAProblem() {
        reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), payload(0,
                declared("i8", 1, DataType.Int8).setIntValue(-5),
                declared("u32", 2, DataType.UInt32).setIntValue(-1),
                declared("u64", 3, DataType.UInt64).setLongValue(-1L),
                declared("i64", 4, DataType.Int64).setLongValue(-7L),
                declared("bad", 5, DataType.Double).setStringValue("x")), NOW);

        Reading data = reader.read(topic("spBv1.0/plant/NDATA/gw-1"), payload(1,
                Metric.newBuilder().setAlias(1).setIntValue(0xFB),
                Metric.newBuilder().setAlias(2).setIntValue(-1),
                Metric.newBuilder().setAlias(3).setLongValue(-1L),
                Metric.newBuilder().setAlias(4).setLongValue(-7L),
                Metric.newBuilder().setAlias(5).setStringValue("x")), NOW);

        assertThat(data.observations()).extracting(Observation::value)
                .containsExactly(-5.0, 4294967295.0, 18446744073709551615.0, -7.0);
        assertThat(data.reason()).isEqualTo("metric 'bad': declared Double but carries string_value");
    }

    /** The reference implementation's encoder writes each type where it does (UInt32 as a long): each reads back. */
    @Test
    void everyNumericTypeTahusEncoderWritesIsReadBack() throws Exception {
        Object[][] values = { { MetricDataType.Int8, (byte) -8 }, { MetricDataType.Int16, (short) -16 },
                { MetricDataType.Int32, -32 }, { MetricDataType.Int64, -64L }, { MetricDataType.UInt8, (short) 250 },
                { MetricDataType.UInt16, 65_000 }, { MetricDataType.UInt32, 4_000_000_000L },
                { MetricDataType.UInt64, new BigInteger("18000000000000000000") }, { MetricDataType.Float, 1.5f },
                { MetricDataType.Double, -2.25 }, { MetricDataType.Boolean, true },
                { MetricDataType.String, "not a number" } };
        SparkplugBPayload.SparkplugBPayloadBuilder birth = new SparkplugBPayload.SparkplugBPayloadBuilder().setSeq(0L);
        for (Object[] value : values) {
            birth.addMetric(new org.eclipse.tahu.message.model.Metric.MetricBuilder(value[0].toString(),
                    (MetricDataType) value[0], value[1]).timestamp(new Date(T)).createMetric());
        }
        byte[] bytes = new SparkplugBPayloadEncoder().getBytes(birth.createPayload(), false);

        Reading reading = reader.read(topic("spBv1.0/plant/NBIRTH/gw-1"), Payload.parseFrom(bytes), NOW);

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.observations()).extracting(o -> o.series().substring(0, o.series().indexOf('{')),
                Observation::value).containsExactly(tuple("Int8", -8.0), tuple("Int16", -16.0), tuple("Int32", -32.0),
                tuple("Int64", -64.0), tuple("UInt8", 250.0), tuple("UInt16", 65_000.0), tuple("UInt32", 4_000_000_000.0),
                tuple("UInt64", 1.8e19), tuple("Float", 1.5), tuple("Double", -2.25), tuple("Boolean", 1.0));
    }

    @Test
    void topicsThatAreNotSparkplugAreInvalid() {
        assertThat(SparkplugTopic.parse("spBv1.0/plant/DDATA/gw-1/pump-3"))
                .isEqualTo(new SparkplugTopic("plant", SparkplugTopic.MessageType.DDATA, "gw-1", "pump-3"));
        assertThat(SparkplugTopic.parse("spBv1.0/STATE/scada-1").type()).isEqualTo(SparkplugTopic.MessageType.STATE);
        for (String bad : new String[] { "vigil/sensors/x", "spBv1.0/plant/NDATA", "spBv1.0/plant/DDATA/gw-1",
                "spBv1.0/plant/NDATA/gw-1/pump-3", "spBv1.0/plant/XDATA/gw-1" }) {
            assertThat(catchThrowable(() -> SparkplugTopic.parse(bad)))
                    .as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    private static SparkplugTopic topic(String topic) {
        return SparkplugTopic.parse(topic);
    }

    private static Payload nodeBirth(long seq, long bdSeq) {
        return payload(seq, declared("bdSeq", 0, DataType.UInt64).setLongValue(bdSeq),
                declared("Temperature", 2, DataType.Double).setDoubleValue(21.0));
    }

    private static Payload temperature(long seq, double value) {
        return payload(seq, Metric.newBuilder().setAlias(2).setDoubleValue(value));
    }

    private static Payload death(long bdSeq) {
        return Payload.newBuilder().setTimestamp(T)
                .addMetrics(declared("bdSeq", 0, DataType.UInt64).setLongValue(bdSeq)).build();
    }

    private static Metric.Builder declared(String name, long alias, DataType type) {
        return Metric.newBuilder().setName(name).setAlias(alias).setDatatype(type.getNumber());
    }

    private static Payload payload(long seq, Metric.Builder... metrics) {
        Payload.Builder payload = Payload.newBuilder().setTimestamp(T).setSeq(seq);
        for (Metric.Builder metric : metrics) {
            payload.addMetrics(metric);
        }
        return payload.build();
    }
}
