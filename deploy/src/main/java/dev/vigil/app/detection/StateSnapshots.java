package dev.vigil.app.detection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import dev.vigil.features.state.SeriesStates;
import org.jboss.logging.Logger;

/**
 * Saves what a detector's series have learned (and other learned state, such as log templates and session models) to
 * the database and reads it back at start. A snapshot taken with another spec (the detector's scorers or memory were
 * reconfigured) is not restored: the detector relearns, and says so, rather than misreading state of another shape.
 */
public final class StateSnapshots {

    private static final Logger LOG = Logger.getLogger(StateSnapshots.class);
    private static final String DELETE = "DELETE FROM detector_state WHERE detector = ?";
    private static final String INSERT = "INSERT INTO detector_state (detector, spec, series, snapshot, saved_at) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT spec, snapshot FROM detector_state WHERE detector = ?";

    private final DataSource dataSource;

    public StateSnapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes a snapshot's content. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(DataOutput out) throws IOException;
    }

    /** Reads back what a {@link Writer} wrote. */
    @FunctionalInterface
    public interface Reader {
        void readFrom(DataInput in) throws IOException;
    }

    /** Replaces the detector's saved state with what its series know now; returns the number of series saved. */
    public int save(String detector, SeriesStates states) throws SQLException {
        save(detector, states.spec().toString(), states.size(), states::writeSnapshot);
        return states.size();
    }

    /**
     * Replaces the saved state under a key with what the writer writes.
     *
     * @param key   a detector name, or another name that no detector can have (such as {@code logs:templates})
     * @param spec  what the state's layout depends on: a snapshot saved under another spec is not restored
     * @param items how many things it holds, for people reading the table
     */
    public void save(String key, String spec, int items, Writer writer) throws SQLException {
        byte[] snapshot = compress(writer);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(DELETE);
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                delete.setString(1, key);
                delete.executeUpdate();
                insert.setString(1, key);
                insert.setString(2, spec);
                insert.setInt(3, items);
                insert.setBytes(4, snapshot);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Restores the detector's saved state into its (empty) registry; returns the series restored, 0 if none. */
    public int restore(String detector, SeriesStates states) throws SQLException {
        return restore(detector, states.spec().toString(), states::readSnapshot) ? states.size() : 0;
    }

    /**
     * Hands the state saved under a key to the reader, when there is one saved under the same spec.
     *
     * @return whether it was read; false when nothing is saved, it was saved under another spec, or it cannot be
     *         read (each said in the log): the caller relearns
     */
    public boolean restore(String key, String spec, Reader reader) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                if (!row.getString(1).equals(spec)) {
                    LOG.warnf("%s was reconfigured since its state was saved (%s, now %s): it relearns from scratch",
                            key, row.getString(1), spec);
                    return false;
                }
                try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(row.getBytes(2))))) {
                    reader.readFrom(in);
                } catch (IOException e) {
                    LOG.warnf("%s: its saved state cannot be read (%s): it relearns from scratch", key, e.getMessage());
                    return false;
                }
                return true;
            }
        }
    }

    private static byte[] compress(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
