package dev.vigil.ingest.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.file.MetricCsvReader.RejectedRow;
import dev.vigil.ingest.file.MetricCsvReader.Summary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

class MetricCsvReaderTest {

    private static final String ROW = "2026-11-22T10:00:00Z,revenue,12.5";

    private final List<List<Observation>> chunks = new ArrayList<>();
    private final List<RejectedRow> rejects = new ArrayList<>();

    private Summary read(int chunkSize, String csv) throws IOException {
        return read(chunkSize, csv.getBytes(StandardCharsets.UTF_8));
    }

    private Summary read(int chunkSize, byte[] bytes) throws IOException {
        return new MetricCsvReader(chunkSize).read(new ByteArrayInputStream(bytes), chunks::add, rejects::add);
    }

    private List<Observation> all() {
        return chunks.stream().flatMap(List::stream).toList();
    }

    @Test
    void rowBecomesObservation() throws IOException {
        Summary summary = read(10, ROW + "\n");
        assertThat(summary).isEqualTo(new Summary(1, 0));
        Observation o = all().get(0);
        assertThat(o.source()).isEqualTo("file");
        assertThat(o.series()).isEqualTo("revenue");
        assertThat(o.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(o.value()).isEqualTo(12.5);
    }

    @Test
    void headerLineIsSkipped() throws IOException {
        Summary summary = read(10, "Timestamp,Metric,Value\n" + ROW + "\n");
        assertThat(summary).isEqualTo(new Summary(1, 0));
        assertThat(rejects).isEmpty();
    }

    @Test
    void headerIsOptional() throws IOException {
        assertThat(read(10, ROW)).isEqualTo(new Summary(1, 0));
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        Summary summary = read(10, "\n" + ROW + "\n   \n\r\n" + ROW + "\n\n");
        assertThat(summary).isEqualTo(new Summary(2, 0));
        assertThat(rejects).isEmpty();
    }

    @Test
    void tagColumnsBecomeTags() throws IOException {
        read(10, ROW + ", shop=web ,region=eu\n");
        Observation o = all().get(0);
        assertThat(o.tags()).containsExactly(entry("region", "eu"), entry("shop", "web"));
        assertThat(o.series()).isEqualTo("revenue{region=eu,shop=web}");
    }

    @Test
    void rowsAreHandedOnInChunks() throws IOException {
        String csv = String.join("\n", ROW, ROW, ROW, ROW, ROW);
        Summary summary = read(2, csv);
        assertThat(summary).isEqualTo(new Summary(5, 0));
        assertThat(chunks).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void exactMultipleOfChunkSizeLeavesNoEmptyChunk() throws IOException {
        read(2, String.join("\n", ROW, ROW, ROW, ROW));
        assertThat(chunks).extracting(List::size).containsExactly(2, 2);
    }

    @Test
    void badRowsAreReportedWithLineNumbersWhileGoodRowsFlow() throws IOException {
        String csv = String.join("\n",
                "timestamp,metric,value",
                ROW,
                "2026-11-22T10:01:00Z,revenue,lots",
                "",
                "2026-11-22T10:02:00Z,revenue,13",
                "yesterday,revenue,1",
                "2026-11-22T10:03:00Z,revenue");
        Summary summary = read(10, csv);

        assertThat(summary).isEqualTo(new Summary(2, 3));
        assertThat(all()).extracting(Observation::value).containsExactly(12.5, 13.0);
        assertThat(rejects).extracting(RejectedRow::lineNumber).containsExactly(3, 6, 7);
        assertThat(rejects.get(0).line()).isEqualTo("2026-11-22T10:01:00Z,revenue,lots");
        assertThat(rejects.get(0).reason()).isEqualTo("value 'lots' is not a number");
        assertThat(rejects.get(1).reason()).contains("timestamp 'yesterday'");
        assertThat(rejects.get(2).reason()).contains("got 2 columns");
    }

    @Test
    void nonFiniteValueIsRejected() throws IOException {
        read(10, ROW + "\n2026-11-22T10:00:00Z,revenue,NaN\n");
        assertThat(rejects).singleElement()
                .extracting(RejectedRow::reason).asString().contains("value must be a finite number");
    }

    @Test
    void malformedTagColumnIsRejectedNamingTheColumn() throws IOException {
        read(10, ROW + "\n" + ROW + ",=eu\n");
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.reason()).isEqualTo("column 4 is not tag=value");
        });
    }

    @Test
    void tagValueWithInjectionCharacterIsRejected() throws IOException {
        read(10, ROW + "\n" + ROW + ",shop=a{b}\n");
        assertThat(rejects).singleElement()
                .extracting(RejectedRow::reason).asString().contains("tag 'shop'").contains("forbidden character");
    }

    @Test
    void invalidMetricNameIsRejected() throws IOException {
        read(10, ROW + "\n2026-11-22T10:00:00Z,temp; DROP TABLE,1\n");
        assertThat(rejects).singleElement()
                .extracting(RejectedRow::reason).asString().startsWith("metric 'temp; DROP TABLE'");
    }

    @Test
    void rowWithNulByteIsRejected() throws IOException {
        read(10, ROW + "\n2026-11-22T10:00:00Z,rev\0enue,1\n");
        assertThat(rejects).singleElement()
                .extracting(RejectedRow::reason).isEqualTo("row contains a NUL byte");
    }

    @Test
    void fileOfOnlyBadRowsIsRejected() {
        assertThatThrownBy(() -> read(10, "a,b\nc,d\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no readable row")
                .hasMessageContaining("all 2 rows");
    }

    @Test
    void anEmptyFileIsRejected() {
        for (String empty : List.of("", "\n\r\n  \n", "\uFEFF")) {
            assertThatThrownBy(() -> read(10, empty))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("the file is empty; expected timestamp,metric,value[,tag=value...] rows");
        }
        assertThat(chunks).isEmpty();
    }

    @Test
    void aFileOfOnlyAHeaderIsRejected() {
        assertThatThrownBy(() -> read(10, "timestamp,metric,value\r\n\r\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the file has only a header and no rows; expected timestamp,metric,value[,tag=value...] rows");
        assertThat(chunks).isEmpty();
    }

    @Test
    void nonUtf8BytesAreRejected() {
        byte[] bytes = { '2', '0', '2', '6', (byte) 0xC3, (byte) 0x28, ',', 'm', ',', '1', '\n' };
        assertThatThrownBy(() -> read(10, bytes))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void parseRowReadsTagsAndTrimsCells() {
        Observation o = MetricCsvReader.parseRow(List.of(" 1795341600 ", " orders ", " 7 ", " channel=app "));
        assertThat(o.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(o.series()).isEqualTo("orders{channel=app}");
        assertThat(o.value()).isEqualTo(7.0);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkipped() throws IOException {
        Summary summary = read(10, "\uFEFFtimestamp,metric,value\n2026-01-01T00:00:00Z,orders,5\n");
        assertThat(summary).isEqualTo(new Summary(1, 0));
    }

    @Test
    void aSpreadsheetsQuotedCellsCrlfAndByteOrderMarkAreRead() throws IOException {
        Summary summary = read(10, "\uFEFF\"Timestamp\",\"Metric\",\"Value\",\"Tags\"\r\n"
                + "\"2026-11-22T10:00:00Z\",\"revenue\",\"12.5\",\"shop=Main St. 5\"\r\n"
                + "\"2026-11-22T10:01:00Z\",\"revenue\",\"1,250\",\"shop=web\"\r\n"
                + "\"2026-11-22T10:02:00Z\", \"revenue\" ,13,\"shop=say \"\"hi\"\"\"\r\n"
                + "2026-11-22T10:03:00Z,revenue,14,\"shop=web\"\r\n");

        assertThat(summary).isEqualTo(new Summary(2, 2));
        assertThat(all()).extracting(Observation::series, Observation::value).containsExactly(
                tuple("revenue{shop=Main St. 5}", 12.5), tuple("revenue{shop=web}", 14.0));
        assertThat(rejects).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                tuple(3, "value '1,250' is not a number"),
                tuple(4, "tag 'shop' contains a forbidden character (control, {, }, comma, = or \")"));
        assertThat(rejects.get(0).line()).as("the row as CSV again, quoted where it must be")
                .isEqualTo("2026-11-22T10:01:00Z,revenue,\"1,250\",shop=web");
    }

    @Test
    void aQuotedCellMayHoldALineBreakAndTheRowsAfterKeepTheirLineNumbers() throws IOException {
        read(10, ROW + ",\"shop=two\nlines\"\n" + "2026-11-22T10:01:00Z,revenue,lots\n" + ROW + "\n");

        assertThat(rejects).extracting(RejectedRow::lineNumber, RejectedRow::reason).containsExactly(
                tuple(1, "tag 'shop' contains a forbidden character (control, {, }, comma, = or \")"),
                tuple(3, "value 'lots' is not a number"));
    }

    @Test
    void textThatStopsBeingCsvRejectsTheFileNamingTheLineAfterHandingOnTheRowsBefore() {
        assertThatThrownBy(() -> read(1, ROW + "\n" + ROW + "\n2026-11-22T10:02:00Z,revenue,\"13\"x\n" + ROW + "\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("line 3: text follows a quoted cell's closing quote (a quote inside a quoted cell is written twice)");
        assertThat(all()).hasSize(2);
    }
}
