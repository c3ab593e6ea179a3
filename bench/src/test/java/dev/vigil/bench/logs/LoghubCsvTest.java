package dev.vigil.bench.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.vigil.ingest.csv.CsvException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** loghub's CSV files as pandas writes them: quoted templates with commas, quotes and line breaks, Latin-1 bytes. */
class LoghubCsvTest {

    @TempDir
    Path dir;

    @Test
    void quotedCellsCrlfAndLatin1BytesAreRead() throws IOException {
        Path file = Files.write(dir.resolve("structured.csv"), ("LineId,EventId,EventTemplate\r\n"
                + "1,E5,\"Receiving block <*> src: <*>, dest: \"\"<*>\"\"\"\r\n"
                + "2,E7,\"two\nlines\"\r\n3,E9,caf\u00e9\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(LoghubCsv.read(file)).containsExactly(
                List.of("LineId", "EventId", "EventTemplate"),
                List.of("1", "E5", "Receiving block <*> src: <*>, dest: \"<*>\""),
                List.of("2", "E7", "two\nlines"),
                List.of("3", "E9", "caf\u00e9"));
    }

    @Test
    void aQuotedCellNeverClosedNamesItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.csv"), "BlockId,Label\nblk_1,Normal\nblk_2,\"Anomaly\n");

        assertThatThrownBy(() -> LoghubCsv.read(file)).isInstanceOf(CsvException.class)
                .hasMessage("line 3: a quoted cell is not closed before the end of the file");
    }
}
