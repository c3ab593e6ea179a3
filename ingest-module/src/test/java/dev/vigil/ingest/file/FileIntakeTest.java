package dev.vigil.ingest.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.vigil.contracts.Observation;
import dev.vigil.ingest.file.FileIntake.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way a file of the inbox can end, on a real folder. */
class FileIntakeTest {

    private static final String ROW = "2026-11-22T10:00:00Z,revenue,12.5\n";

    @TempDir
    Path inbox;

    private final List<Observation> handedOn = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    private Consumer<Path> whileReading = file -> { };

    private Outcome take(String name, String content) throws IOException {
        Path file = Files.writeString(inbox.resolve(name), content);
        return intake().take(file);
    }

    private FileIntake intake() {
        return new FileIntake(new MetricCsvReader(1), chunk -> {
            handedOn.addAll(chunk);
            whileReading.accept(inbox.resolve("orders.csv"));
        }, (origin, payload, reason) -> deadLetters.add(origin + " " + reason));
    }

    private String reason(String folder, String name) throws IOException {
        return Files.readString(inbox.resolve(folder).resolve(name + ".reason.txt")).strip();
    }

    @Test
    void aReadFileMovesToDoneWithItsBadRowsDeadLettered() throws IOException {
        Outcome outcome = take("orders.csv", ROW + "2026-11-22T10:01:00Z,revenue,lots\n" + ROW);

        assertThat(outcome).isEqualTo(new Outcome(".done", 2, 1, null));
        assertThat(inbox.resolve(".done/orders.csv")).exists();
        assertThat(inbox.resolve("orders.csv")).doesNotExist();
        assertThat(inbox.resolve(".done/orders.csv.reason.txt")).doesNotExist();
        assertThat(handedOn).hasSize(2);
        assertThat(deadLetters).containsExactly("orders.csv:2 value 'lots' is not a number");
    }

    @Test
    void aFileOfTheSameNameReplacesTheOneReadBeforeAndItsReason() throws IOException {
        whileReading = file -> {
            assertThat(file.toFile().delete()).isTrue();
            whileReading = f -> { };
        };
        take("orders.csv", ROW);
        take("orders.csv", ROW + ROW);

        assertThat(Files.readString(inbox.resolve(".done/orders.csv"))).isEqualTo(ROW + ROW);
        assertThat(inbox.resolve(".done/orders.csv.reason.txt")).as("the reason of the one that vanished").doesNotExist();
    }

    @Test
    void anEmptyFileMovesToErrorWithItsReasonAndIsOneDeadLetter() throws IOException {
        Outcome outcome = take("empty.csv", "");

        assertThat(outcome.folder()).isEqualTo(".error");
        assertThat(inbox.resolve(".error/empty.csv")).exists();
        assertThat(reason(".error", "empty.csv")).isEqualTo("the file is empty; expected timestamp,metric,value[,tag=value...] rows");
        assertThat(deadLetters).containsExactly("empty.csv file moved to .error: the file is empty; expected "
                + "timestamp,metric,value[,tag=value...] rows");
    }

    @Test
    void aFileOfOnlyAHeaderMovesToErrorWithItsReason() throws IOException {
        take("header.csv", "timestamp,metric,value\n");

        assertThat(inbox.resolve(".error/header.csv")).exists();
        assertThat(reason(".error", "header.csv")).startsWith("the file has only a header and no rows");
        assertThat(deadLetters).hasSize(1);
    }

    @Test
    void aFileThatStopsBeingCsvMovesToErrorSayingHowManyRowsWereTakenInBefore() throws IOException {
        take("broken.csv", ROW + ROW + "2026-11-22T10:02:00Z,revenue,\"13\n" + ROW);

        assertThat(handedOn).hasSize(2);
        assertThat(reason(".error", "broken.csv")).isEqualTo("line 3: a quoted cell is not closed before the end of the"
                + " file; 2 rows before it were taken in");
    }

    @Test
    void aFileThatVanishesWhileItIsReadLeavesItsReasonInDoneAndIsNoDeadLetter() throws IOException {
        whileReading = file -> {
            assertThat(file.toFile().delete()).isTrue();
            whileReading = f -> { };
        };

        Outcome outcome = take("orders.csv", ROW + ROW + ROW);

        assertThat(outcome.folder()).isEqualTo(".done");
        assertThat(handedOn).as("read to its end from the open file").hasSize(3);
        assertThat(inbox.resolve(".done/orders.csv")).doesNotExist();
        assertThat(reason(".done", "orders.csv")).isEqualTo("the file vanished from the inbox while it was being read"
                + " (3 rows taken in, 0 rejected); nothing was left to move");
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aFileReplacedWhileItIsReadLeavesTheNewOneForTheNextLook() throws IOException {
        whileReading = file -> {
            try {
                Path next = Files.writeString(inbox.resolve(".orders.csv"), ROW);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            whileReading = f -> { };
        };

        take("orders.csv", ROW + ROW);

        assertThat(inbox.resolve("orders.csv")).as("the new file, unread").hasContent(ROW.strip());
        assertThat(inbox.resolve(".done/orders.csv")).doesNotExist();
        assertThat(reason(".done", "orders.csv")).contains("vanished from the inbox while it was being read");
    }

    @Test
    void aFileGoneBeforeItIsOpenedIsOnlyLogged() throws IOException {
        Outcome outcome = intake().take(inbox.resolve("gone.csv"));

        assertThat(outcome).isEqualTo(new Outcome(null, 0, 0, null));
        try (var left = Files.list(inbox)) {
            assertThat(left).isEmpty();
        }
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aFileThatIsNotTextMovesToError() throws IOException {
        Path file = Files.write(inbox.resolve("binary.csv"), new byte[] {(byte) 0xC3, 0x28, 0, (byte) 0xFF, '\n'});
        intake().take(file);

        assertThat(inbox.resolve(".error/binary.csv")).exists();
        assertThat(Files.readString(inbox.resolve(".error/binary.csv.reason.txt"), StandardCharsets.UTF_8))
                .contains("not UTF-8 text");
    }

    @Test
    void aFileWhoseRowsThePipelineRefusesMovesToErrorSayingHowManyWereTakenIn() throws IOException {
        whileReading = file -> {
            if (handedOn.size() == 2) {
                throw new IllegalStateException("the detection route is stopped");
            }
        };

        take("orders.csv", ROW + ROW + ROW);

        assertThat(reason(".error", "orders.csv")).isEqualTo("its rows could not be handed on: "
                + "java.lang.IllegalStateException: the detection route is stopped; 1 row before it was taken in");
        assertThat(deadLetters).singleElement().asString().startsWith("orders.csv file moved to .error: its rows could not");
    }
}
