package dev.vigil.feedback.tuning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.vigil.feedback.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The audit trail of threshold factors (table {@code threshold_change}, migration {@code V6__thresholds_and_effects.sql}).
 * Append-only: the latest row of a detector and entity is the factor in force.
 */
@ApplicationScoped
public class ThresholdLog {

    private static final int REASON_MAX = 4000;
    private static final String COLUMNS = "id, detector, entity, old_factor, new_factor, pinned, reason, changed_by, changed_at";

    private final DataSource dataSource;

    public ThresholdLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ThresholdChange append(ThresholdChange change) throws SQLException {
        String reason = change.reason().length() <= REASON_MAX ? change.reason() : change.reason().substring(0, REASON_MAX - 1) + "…";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO threshold_change (detector, entity,"
                        + " old_factor, new_factor, pinned, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, change.detector());
            insert.setString(2, change.entity());
            insert.setDouble(3, change.oldFactor());
            insert.setDouble(4, change.newFactor());
            insert.setBoolean(5, change.pinned());
            insert.setString(6, reason);
            insert.setString(7, change.changedBy());
            insert.setTimestamp(8, Timestamp.from(change.changedAt()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the threshold change");
                }
                return change.withId(keys.getLong(1));
            }
        }
    }

    /** The latest change of every detector and entity: the factors in force. */
    public List<ThresholdChange> current() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM threshold_change WHERE id IN (SELECT MAX(id) FROM threshold_change"
                + " GROUP BY detector, entity) ORDER BY id");
    }

    /** Changes stored after the one with id {@code afterId}, oldest first. */
    public List<ThresholdChange> after(long afterId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM threshold_change WHERE id > ? ORDER BY id", afterId);
    }

    /** A detector's changes (its own and its entities') made in {@code [from, to)}, oldest first. */
    public List<ThresholdChange> history(String detector, Instant from, Instant to) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM threshold_change WHERE detector = ? AND changed_at >= ?"
                + " AND changed_at < ? ORDER BY id", detector, Timestamp.from(from), Timestamp.from(to));
    }

    private List<ThresholdChange> query(String sql, Object... parameters) throws SQLException {
        return Sql.query(dataSource, sql, rows -> new ThresholdChange(rows.getLong("id"), rows.getString("detector"),
                rows.getString("entity"), rows.getDouble("old_factor"), rows.getDouble("new_factor"),
                rows.getBoolean("pinned"), rows.getString("reason"), rows.getString("changed_by"),
                rows.getTimestamp("changed_at").toInstant()), parameters);
    }
}
