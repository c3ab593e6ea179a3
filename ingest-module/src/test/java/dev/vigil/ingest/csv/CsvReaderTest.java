package dev.vigil.ingest.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    private static List<CsvRow> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRow> read(byte[] bytes) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.of(new ByteArrayInputStream(bytes))) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void quotedCellsKeepTheirCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRow> rows = read("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n");

        assertThat(rows).extracting(CsvRow::cells).containsExactly(
                List.of("a", "b,c", "say \"hi\"", "two\nlines"), List.of("next", "row"));
        assertThat(rows).extracting(CsvRow::line).as("the second row starts after the quoted line break")
                .containsExactly(1L, 3L);
    }

    @Test
    void crlfLineEndsAndAByteOrderMarkAreNotPartOfAnyCell() throws IOException {
        List<CsvRow> rows = read("\uFEFFtimestamp,value\r\n2026-01-01T00:00:00Z,5\r\n\"x\",\"y\"\r\n");

        assertThat(rows).extracting(CsvRow::cells).containsExactly(
                List.of("timestamp", "value"), List.of("2026-01-01T00:00:00Z", "5"), List.of("x", "y"));
        assertThat(rows).extracting(CsvRow::line).containsExactly(1L, 2L, 3L);
    }

    @Test
    void spacesAroundCellsAreDroppedAndSpacesInsideQuotesKept() throws IOException {
        assertThat(read(" a , \"b, c\" ,\" d \"\n").get(0).cells()).containsExactly("a", "b, c", " d ");
    }

    @Test
    void blankLinesAreSkippedButCountedInLineNumbers() throws IOException {
        List<CsvRow> rows = read("\na,b\n   \n\r\nc,d\n\n");

        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 5L);
    }

    @Test
    void emptyCellsStayEmpty() throws IOException {
        assertThat(read("a,,\"\",d\n").get(0).cells()).containsExactly("a", "", "", "d");
    }

    @Test
    void emptyInputAndAByteOrderMarkAloneHaveNoRow() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\uFEFF")).isEmpty();
        assertThat(read("\n\r\n")).isEmpty();
    }

    @Test
    void aQuotedCellNeverClosedNamesTheLineItOpensOn() {
        assertThatThrownBy(() -> read("a,b\nc,\"open\nd,e\n"))
                .isInstanceOf(CsvException.class)
                .hasMessage("line 2: a quoted cell is not closed before the end of the file")
                .satisfies(e -> assertThat(((CsvException) e).line()).isEqualTo(2));
    }

    @Test
    void textAfterAClosingQuoteNamesItsLine() {
        assertThatThrownBy(() -> read("a,b\n\"c\"x,d\n"))
                .isInstanceOf(CsvException.class)
                .hasMessage("line 2: text follows a quoted cell's closing quote (a quote inside a quoted cell is written twice)");
    }

    @Test
    void aQuoteNeverClosedInALargeFileStopsAtTheRowBoundInsteadOfHoldingTheRest() {
        String row = "2026-01-01T00:00:00Z,orders,5\n";
        String text = row + "2026-01-01T00:01:00Z,orders,\"5\n" + row.repeat(2 * CsvReader.MAX_ROW_CHARS / row.length());

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(CsvException.class)
                .hasMessage("line 2: the row is longer than 1048576 characters (is a quoted cell not closed?)");
    }

    @Test
    void rowsUpToTheBoundAreRead() throws IOException {
        String cell = "x".repeat(CsvReader.MAX_ROW_CHARS - 10);

        List<CsvRow> rows = read("a,\"" + cell + "\"\n" + "b,\"" + cell + "\"\n");

        assertThat(rows).extracting(r -> r.cell(1).length()).containsExactly(cell.length(), cell.length());
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsText() throws IOException {
        assertThat(read("5\" pipe,x\n").get(0).cells()).containsExactly("5\" pipe", "x");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] bytes = {'a', ',', 'b', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(CsvException.class)
                .hasMessageContaining("not UTF-8 text");
        assertThatThrownBy(() -> read(new byte[] {(byte) 0xFF, 'a'}))
                .isInstanceOf(CsvException.class)
                .hasMessage("line 1: not UTF-8 text (undecodable bytes on this line or a later one)");
    }

    @Test
    void whatThePrinterWritesReadsBackCellForCell() throws IOException {
        List<List<String>> rows = List.of(
                List.of("metric-baseline", "temperature{device=boiler-1,site=plant-1}", "say \"hi\"", ""),
                List.of("", " padded ", "two\r\nlines", "#hash"));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = Csv.printer(out)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }

        assertThat(out.toString()).startsWith("metric-baseline,\"temperature{device=boiler-1,site=plant-1}\",\"say \"\"hi\"\"\",\n");
        assertThat(read(out.toString())).extracting(CsvRow::cells).containsExactlyElementsOf(rows);
    }

    @Test
    void aRowAsTextIsQuotedAsWritten() {
        assertThat(Csv.text(List.of("2026-01-01T00:00:00Z", "orders", "1,250"))).isEqualTo("2026-01-01T00:00:00Z,orders,\"1,250\"");
    }
}
