package dev.vigil.detection.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import javax.sql.DataSource;

/**
 * The input journal in the database (tables {@code input_journal} and {@code input_journal_mark}, migration
 * {@code V18__input_journal.sql}): one row per batch. Positions continue after the highest row found at start.
 * Thread-safe.
 */
public final class JdbcInputJournal implements InputJournal {

    private static final String INSERT = "INSERT INTO input_journal (position, stream, taken_at, events) VALUES (?, ?, ?, ?)";
    private static final String DELETE_BEFORE = "DELETE FROM input_journal WHERE position < ?";
    private static final String SELECT_ALL = "SELECT position, stream, taken_at, events FROM input_journal ORDER BY position";
    private static final String DELETE_MARK = "DELETE FROM input_journal_mark WHERE stream = ?";
    private static final String INSERT_MARK = "INSERT INTO input_journal_mark (stream, position) VALUES (?, ?)";

    private final DataSource dataSource;
    /** Positions allocated and not yet appended or abandoned. */
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long next;

    public JdbcInputJournal(DataSource dataSource) throws JournalException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
                ResultSet max = query.executeQuery("SELECT MAX(position) FROM input_journal")) {
            max.next();
            this.next = Math.max(max.getLong(1), 0) + 1;
        } catch (SQLException e) {
            throw new JournalException("cannot read the input journal", e);
        }
    }

    @Override
    public synchronized long allocate() {
        long position = next++;
        inFlight.add(position);
        return position;
    }

    @Override
    public void append(long position, String stream, Instant takenAt, byte[] events) throws JournalException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, position);
            insert.setString(2, stream);
            insert.setTimestamp(3, Timestamp.from(takenAt));
            insert.setBytes(4, events);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot append to the input journal", e);
        } finally {
            abandon(position);
        }
    }

    @Override
    public synchronized void abandon(long position) {
        inFlight.remove(position);
    }

    @Override
    public synchronized long settled() {
        return inFlight.isEmpty() ? next : inFlight.first();
    }

    @Override
    public void forgetBefore(long position) throws JournalException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_BEFORE)) {
            delete.setLong(1, position);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot forget rows of the input journal", e);
        }
    }

    @Override
    public void mark(String stream, long position) throws JournalException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(DELETE_MARK);
                    PreparedStatement insert = connection.prepareStatement(INSERT_MARK)) {
                delete.setString(1, stream);
                delete.executeUpdate();
                insert.setString(1, stream);
                insert.setLong(2, position);
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new JournalException("cannot mark the input journal", e);
        }
    }

    @Override
    public Map<String, Long> marks() throws JournalException {
        Map<String, Long> marks = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT stream, position FROM input_journal_mark")) {
            while (rows.next()) {
                marks.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read the input journal's marks", e);
        }
        return marks;
    }

    @Override
    public void replay(Consumer<Entry> each) throws JournalException {
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement()) {
            query.setFetchSize(100); // rows one batch each: stream them rather than hold the journal
            try (ResultSet rows = query.executeQuery(SELECT_ALL)) {
                while (rows.next()) {
                    each.accept(new Entry(rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getBytes(4)));
                }
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read the input journal", e);
        }
    }
}
