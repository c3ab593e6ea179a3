package dev.vigil.bench.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NAB's data and results files as CSV: quoted cells, CRLF and a byte order mark read, bad rows named by their line. */
class NabCsvTest {

    private static final LocalDateTime T0 = LocalDateTime.parse("2020-01-01T00:00:00");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void dataTimestampsAreReadThroughQuotesCrlfAndAByteOrderMark() throws IOException {
        Path data = write("data.csv", "\uFEFF\"timestamp\",\"value\"\r\n\"2020-01-01 00:00:00\",\"1,5\"\r\n\r\n"
                + "2020-01-01 00:01:00,\"say \"\"2\"\"\"\r\n");

        assertThat(CorpusReader.readTimestamps(data)).containsExactly(T0, T0.plusMinutes(1));
    }

    @Test
    void aBadDataRowIsNamedByItsLine() throws IOException {
        Path badTime = write("bad-time.csv", "timestamp,value\n2020-01-01 00:00:00,1\n\nyesterday,2\n");
        Path badQuote = write("bad-quote.csv", "timestamp,value\n2020-01-01 00:00:00,\"1\n");
        Path noHeader = write("no-header.csv", "\"time\",value\n");

        assertThatThrownBy(() -> CorpusReader.readTimestamps(badTime)).isInstanceOf(NabInputException.class)
                .hasMessage(badTime + ": row 4: bad timestamp 'yesterday'");
        assertThatThrownBy(() -> CorpusReader.readTimestamps(badQuote)).isInstanceOf(NabInputException.class)
                .hasMessage(badQuote + ": row 2: a quoted cell is not closed before the end of the file");
        assertThatThrownBy(() -> CorpusReader.readTimestamps(noHeader)).isInstanceOf(NabInputException.class)
                .hasMessage(noHeader + ": row 1: expected header timestamp,value, got time,value");
    }

    @Test
    void resultScoresAreReadThroughQuotesCrlfAndAByteOrderMark() throws IOException {
        DataFile file = new DataFile("cat/data.csv", List.of(T0, T0.plusMinutes(1)), List.of());
        Path results = write("det_data.csv", "\uFEFFtimestamp,value,anomaly_score,label\r\n"
                + "\"2020-01-01 00:00:00\",\"1,5\",\"0.25\",0\r\n2020-01-01 00:01:00,2,1,\"a \"\"b\"\"\"\r\n");

        assertThat(ResultsReader.readFile(results, file)).containsExactly(0.25, 1.0);
    }

    @Test
    void aBadResultRowIsNamedByItsLine() throws IOException {
        DataFile file = new DataFile("cat/data.csv", List.of(T0, T0.plusMinutes(1)), List.of());
        Path notNumber = write("a.csv", "timestamp,anomaly_score\n2020-01-01 00:00:00,\"0,5\"\n2020-01-01 00:01:00,1\n");
        Path badQuote = write("b.csv", "timestamp,anomaly_score\n2020-01-01 00:00:00,\"0.5\"x\n");

        assertThatThrownBy(() -> ResultsReader.readFile(notNumber, file)).isInstanceOf(NabInputException.class)
                .hasMessage(notNumber + ": row 2: anomaly_score '0,5' is not a number");
        assertThatThrownBy(() -> ResultsReader.readFile(badQuote, file)).isInstanceOf(NabInputException.class)
                .hasMessageStartingWith(badQuote + ": row 2: text follows a quoted cell's closing quote");
    }
}
