package dev.vigil.ingest.csv;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@link Csv#FORMAT} row by row, holding one row at a time: each row with the line it starts on, blank lines
 * skipped but counted, a byte order mark before the first line skipped. Bytes are strict UTF-8; text that is not
 * UTF-8 or not CSV (a quoted cell never closed, text after a closing quote, a row longer than
 * {@value #MAX_ROW_CHARS} characters) ends the reading with a {@link CsvException} naming the line, since no row
 * after it can be trusted.
 */
public final class CsvReader implements Closeable {

    /**
     * The most a row may hold. A quote opened and never closed makes the rest of the file one cell: this bounds what
     * is held before that is found out, far above any row Vigil reads (a few hundred characters).
     */
    public static final int MAX_ROW_CHARS = 1 << 20;

    /** Spreadsheet programs start UTF-8 CSV files with one. */
    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private final RowBound bound;
    private final PushbackReader text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private boolean started;

    private CsvReader(Reader text) throws IOException {
        this.bound = new RowBound(text);
        this.text = new PushbackReader(bound, 1);
        this.parser = Csv.FORMAT.parse(this.text);
        this.records = parser.iterator();
    }

    public static CsvReader open(Path file) throws IOException {
        return of(Files.newInputStream(file));
    }

    /** Reads the bytes as strict UTF-8: undecodable bytes are a {@link CsvException}, never replaced. */
    public static CsvReader of(InputStream in) throws IOException {
        return of(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** Reads text already decoded, for files in another charset. */
    public static CsvReader of(Reader text) throws IOException {
        return new CsvReader(text);
    }

    /**
     * The next row with something in it, or null after the last.
     *
     * @throws CsvException when the text from the next row on is not UTF-8 or not CSV
     * @throws IOException  when it cannot be read
     */
    public CsvRow next() throws IOException {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            bound.newRow();
            String[] cells;
            try {
                skipByteOrderMark();
                if (!records.hasNext()) {
                    return null;
                }
                cells = records.next().values();
            } catch (UncheckedIOException e) {
                throw unreadable(line, e.getCause());
            } catch (CharacterCodingException e) {
                throw unreadable(line, e);
            }
            if (cells.length > 1 || !cells[0].isEmpty()) {
                return new CsvRow(line, Arrays.asList(cells));
            }
        }
    }

    private void skipByteOrderMark() throws IOException {
        if (!started) {
            started = true;
            int first = text.read();
            if (first != BYTE_ORDER_MARK && first != -1) {
                text.unread(first);
            }
        }
    }

    private static CsvException unreadable(long line, IOException cause) throws IOException {
        if (cause instanceof CharacterCodingException) {
            return new CsvException(line, "not UTF-8 text (undecodable bytes on this line or a later one)");
        }
        if (cause instanceof CSVException) {
            return new CsvException(line, describe(cause.getMessage()));
        }
        if (cause instanceof RowTooLongException) {
            return new CsvException(line, "the row is longer than " + MAX_ROW_CHARS
                    + " characters (is a quoted cell not closed?)");
        }
        throw cause;
    }

    /** Commons CSV's words for the two ways quoting goes wrong, in the words of whoever wrote the file. */
    private static String describe(String message) {
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted cell is not closed before the end of the file";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text follows a quoted cell's closing quote (a quote inside a quoted cell is written twice)";
        }
        return "not CSV: " + message;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static final class RowTooLongException extends IOException {
    }

    /** Counts what the parser reads and refuses to read further than {@link #MAX_ROW_CHARS} past a row's start. */
    private static final class RowBound extends FilterReader {

        private long read;
        private long limit = MAX_ROW_CHARS;

        RowBound(Reader in) {
            super(in);
        }

        void newRow() {
            limit = read + MAX_ROW_CHARS;
        }

        @Override
        public int read() throws IOException {
            if (read >= limit) {
                throw new RowTooLongException();
            }
            int c = super.read();
            if (c != -1) {
                read++;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length > 0 && read >= limit) {
                throw new RowTooLongException();
            }
            int n = super.read(buffer, offset, (int) Math.min(length, limit - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
