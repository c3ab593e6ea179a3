package dev.vigil.detection.state;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The inputs that open windows hold, kept where a crash cannot take them, so an input that was acknowledged is
 * reflected in a score after any crash. A batch gets a position before it is taken in ({@link #allocate}), its held
 * events are appended once it was ({@link #append}, before the source acknowledges it), and rows no open window needs
 * any more are forgotten ({@link #forgetBefore}). At start the rows left are replayed into the windows.
 */
public interface InputJournal {

    /** One batch as it was appended. */
    record Entry(long position, String stream, Instant takenAt, byte[] events) {
    }

    /** No journal: windows open at a stop are lost (the replay tool, tests of the streams alone). */
    InputJournal NONE = new InputJournal() {
        @Override
        public long allocate() {
            return 0;
        }

        @Override
        public void append(long position, String stream, Instant takenAt, byte[] events) {
        }

        @Override
        public void abandon(long position) {
        }

        @Override
        public long settled() {
            return 0;
        }

        @Override
        public void forgetBefore(long position) {
        }

        @Override
        public void mark(String stream, long position) {
        }

        @Override
        public Map<String, Long> marks() {
            return Map.of();
        }

        @Override
        public void replay(Consumer<Entry> each) {
        }
    };

    /** A position for a batch about to be taken in: greater than every one before it. */
    long allocate();

    /** Keeps the events of a batch that open windows now hold; the position is no longer in flight. */
    void append(long position, String stream, Instant takenAt, byte[] events) throws JournalException;

    /** A batch that holds nothing to keep (or failed): its position is no longer in flight. */
    void abandon(long position);

    /**
     * Every position below this one is settled: its batch was appended or abandoned. A batch still in flight
     * (allocated, not yet appended) may not be in its windows yet, so rows are only forgotten below this, and a saved
     * state has learned from every batch below it.
     */
    long settled();

    /** Forgets the rows before {@code position}. */
    void forgetBefore(long position) throws JournalException;

    /**
     * Notes that the stream's learned state, as just saved, has learned from every batch below {@code position}: at
     * start, rows below it are replayed into the windows only, the others learned from again.
     */
    void mark(String stream, long position) throws JournalException;

    /** The marks of every stream. */
    Map<String, Long> marks() throws JournalException;

    /** Every row, in position order. */
    void replay(Consumer<Entry> each) throws JournalException;

    /** The journal's database could not be written or read. */
    final class JournalException extends Exception {

        public JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
