package dev.vigil.detection.state;

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
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import dev.vigil.features.state.SeriesStates;
import dev.vigil.scoring.model.Ensemble;
import org.jboss.logging.Logger;

/**
 * Saves what a detector's series have learned to the database and reads it back at start (and, through
 * {@link Snapshotted}, any other learned state: users' activity, log templates, session and sequence models). A
 * snapshot taken with another state spec (the detector's scorers or memory were reconfigured) is not restored: the
 * detector relearns, and says so, rather than misreading state of another shape.
 */
public final class StateSnapshots {

    private static final Logger LOG = Logger.getLogger(StateSnapshots.class);
    private static final String DELETE = "DELETE FROM detector_state WHERE detector = ?";
    private static final String INSERT = "INSERT INTO detector_state (detector, spec, series, snapshot, saved_at) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT spec, snapshot FROM detector_state WHERE detector = ?";

    private final DataSource dataSource;

    /**
     * Learned state saved as one row: what it is valid for (compared at restore), how many entries it holds, and how
     * it writes and reads itself.
     */
    public interface Snapshotted {

        /** What the saved state is only valid for, at most 200 characters. */
        String spec();

        int size();

        void write(DataOutput out) throws IOException;

        /** @throws IOException (a {@code SnapshotMismatchException} among them) for state it cannot take */
        void read(DataInput in) throws IOException;

        /** Writes state. */
        @FunctionalInterface
        interface Writer {
            void write(DataOutput out) throws IOException;
        }

        /** Reads state. */
        @FunctionalInterface
        interface Reader {
            void read(DataInput in) throws IOException;
        }

        /** Learned state from its parts: its spec, its size and how it writes and reads itself. */
        static Snapshotted of(Supplier<String> spec, IntSupplier size, Writer writer, Reader reader) {
            return new Snapshotted() {
                @Override
                public String spec() {
                    return spec.get();
                }

                @Override
                public int size() {
                    return size.getAsInt();
                }

                @Override
                public void write(DataOutput out) throws IOException {
                    writer.write(out);
                }

                @Override
                public void read(DataInput in) throws IOException {
                    reader.read(in);
                }
            };
        }
    }

    public StateSnapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A detector's series as learned state. */
    public static Snapshotted of(SeriesStates states) {
        return Snapshotted.of(() -> states.spec().toString(), states::size, states::writeSnapshot, states::readSnapshot);
    }

    /** A detector's entities with their members and models, as learned state. */
    public static Snapshotted of(Ensemble ensemble) {
        return Snapshotted.of(ensemble::spec, ensemble::size, ensemble::writeSnapshot, ensemble::readSnapshot);
    }

    /** Replaces the state saved under {@code key} with the state's now; returns its size. */
    public int save(String key, Snapshotted states) throws SQLException {
        byte[] snapshot = compress(states);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(DELETE);
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                delete.setString(1, key);
                delete.executeUpdate();
                insert.setString(1, key);
                insert.setString(2, states.spec());
                insert.setInt(3, states.size());
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
        return states.size();
    }

    /** Restores the state saved under {@code key}, if it was saved with the same spec; returns its size, 0 if none. */
    public int restore(String key, Snapshotted states) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return 0;
                }
                if (!row.getString(1).equals(states.spec())) {
                    LOG.warnf("%s was reconfigured since its state was saved (%s, now %s): it relearns from scratch",
                            key, row.getString(1), states.spec());
                    return 0;
                }
                try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(row.getBytes(2))))) {
                    states.read(in);
                } catch (IOException e) {
                    LOG.warnf("%s: its saved state cannot be read (%s): it relearns from scratch", key, e.getMessage());
                    return 0;
                }
                return states.size();
            }
        }
    }

    private static byte[] compress(Snapshotted states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            states.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
