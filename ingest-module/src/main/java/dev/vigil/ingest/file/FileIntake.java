package dev.vigil.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Consumer;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import org.jboss.logging.Logger;

/**
 * What becomes of one file of the inbox. Its rows are read ({@link MetricCsvReader}) and handed on in chunks, bad rows
 * dead-lettered one by one; then the file moves to {@code .done/}. A file that cannot be read (not UTF-8, not CSV, no
 * good row, empty, only a header) or whose rows the pipeline refused moves to {@code .error/} with
 * {@code <name>.reason.txt} beside it and is one dead letter; rows handed on before the point where it failed stay
 * handed on, and the reason says how many.
 * <p>
 * A file that vanishes (or is replaced by another of its name) while it is read leaves its reason in the folder it
 * would have moved to: {@code .done/} when it was read to its end (its rows are in, nothing is dead-lettered),
 * {@code .error/} with a dead letter when it was not. A file gone before it was opened is only logged: nothing of it
 * was read, and whoever took it (an operator, another instance sharing the folder) knows where it went.
 */
public final class FileIntake {

    /** Where dead letters of the file source go: origin (file, or file:line), payload and reason. */
    @FunctionalInterface
    public interface DeadLetterSink {
        void reject(String origin, String payload, String reason);
    }

    /** How a file ended: the folder it (or its reason) went to, or none when it was gone before it was read. */
    public record Outcome(String folder, int accepted, int rejected, String reason) {
    }

    public static final String DONE = ".done";
    public static final String ERROR = ".error";
    private static final String REASON_SUFFIX = ".reason.txt";

    private static final Logger LOG = Logger.getLogger(FileIntake.class);

    private final MetricCsvReader reader;
    private final Consumer<List<Observation>> handOn;
    private final DeadLetterSink deadLetters;

    public FileIntake(MetricCsvReader reader, Consumer<List<Observation>> handOn, DeadLetterSink deadLetters) {
        this.reader = reader;
        this.handOn = handOn;
        this.deadLetters = deadLetters;
    }

    public Outcome take(Path file) throws IOException {
        String name = file.getFileName().toString();
        int[] accepted = {0};
        int[] rejected = {0};
        Object identity = null;
        String failure = null;
        try (InputStream in = Files.newInputStream(file)) {
            identity = identity(file);
            reader.read(in, chunk -> {
                handOn.accept(chunk);
                accepted[0] += chunk.size();
            }, row -> {
                rejected[0]++;
                deadLetters.reject(name + ":" + row.lineNumber(), row.line(), row.reason());
            });
        } catch (NoSuchFileException e) {
            LOG.infof("%s vanished from the inbox before it was read; nothing of it was taken in", name);
            return new Outcome(null, 0, 0, null);
        } catch (InvalidInputException e) {
            failure = e.getMessage() + takenIn(accepted[0]);
        } catch (IOException e) {
            failure = "could not be read: " + e + takenIn(accepted[0]);
        } catch (RuntimeException e) {
            // the pipeline refused a chunk: the file is kept in .error for whoever fixes that to drop again
            failure = "its rows could not be handed on: " + e + takenIn(accepted[0]);
        }
        return settle(file, name, identity, failure, accepted[0], rejected[0]);
    }

    private static String takenIn(int accepted) {
        return accepted == 0 ? "" : "; " + rows(accepted) + " before it " + (accepted == 1 ? "was" : "were") + " taken in";
    }

    private static String rows(int count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private Outcome settle(Path file, String name, Object identity, String failure, int accepted, int rejected)
            throws IOException {
        Path folder = Files.createDirectories(file.resolveSibling(failure == null ? DONE : ERROR));
        Path reasonFile = folder.resolve(name + REASON_SUFFIX);
        if (failure != null) {
            // beside the file before it moves, so whoever sees the file there also finds why
            Files.writeString(reasonFile, failure + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        String reason = failure;
        boolean moved = moved(file, folder.resolve(name), identity);
        if (!moved) {
            reason = (failure == null ? "" : failure + "; ") + "the file vanished from the inbox while it was being read ("
                    + rows(accepted) + " taken in, " + rejected + " rejected); nothing was left to move";
            Files.writeString(reasonFile, reason + System.lineSeparator(), StandardCharsets.UTF_8);
            LOG.warnf("%s: %s", name, reason);
        } else if (failure == null) {
            // an earlier file of this name may have left one
            Files.deleteIfExists(reasonFile);
            LOG.infof("Read %s: %d rows accepted, %d rejected", name, accepted, rejected);
        }
        if (failure != null) {
            deadLetters.reject(name, "", (moved ? "file moved to " + ERROR + ": " : "") + reason);
        }
        return new Outcome(folder.getFileName().toString(), accepted, rejected, reason);
    }

    /**
     * Moves the file that was read, replacing an earlier one of its name; false when it is gone, or when another file
     * took its name meanwhile (a writer dropping it again): that one is left for the next look at the folder.
     */
    private static boolean moved(Path file, Path target, Object identity) throws IOException {
        if (identity != null && !identity.equals(identity(file))) {
            return false;
        }
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The file's inode (or the platform's equivalent), null when it is gone or the platform has none. */
    private static Object identity(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
