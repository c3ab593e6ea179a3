package dev.vigil.feedback.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the table {@code score_history} (migration {@code V5__score_history.sql}): batches of rows in one
 * transaction, and the purge of old windows. {@link ScoreHistory} decides when; {@link HistoryReader} reads.
 */
@ApplicationScoped
public class HistoryStore {

    private static final String INSERT = "INSERT INTO score_history (detector, source, entity, fingerprint, labels,"
            + " window_end, score, anomalous, ratio, threshold_factor, scorer, feature, observed, expected, spread,"
            + " feature_names, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public HistoryStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Deletes the windows that ended before {@code cutoff}; returns how many. */
    public int purgeBefore(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM score_history WHERE window_end < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }

    /** Inserts rows in one batch and one transaction. */
    public void insert(List<ScoredWindow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (ScoredWindow w : rows) {
                    insert.setString(1, w.detector());
                    insert.setString(2, w.source());
                    insert.setString(3, w.entity());
                    insert.setString(4, w.fingerprint());
                    insert.setString(5, json.writeValueAsString(w.labels()));
                    insert.setTimestamp(6, Timestamp.from(w.windowEnd()));
                    insert.setDouble(7, w.score());
                    insert.setBoolean(8, w.anomalous());
                    insert.setDouble(9, w.ratio());
                    insert.setDouble(10, w.thresholdFactor());
                    insert.setString(11, w.scorer());
                    insert.setString(12, w.feature());
                    setNumber(insert, 13, w.observed());
                    setNumber(insert, 14, w.expected());
                    setNumber(insert, 15, w.spread());
                    insert.setString(16, String.join(",", w.features().keySet()));
                    insert.setString(17, json.writeValueAsString(finiteOnly(w.features())));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (JsonProcessingException e) {
                connection.rollback();
                // a data exception (SQLState 22): refused for what it is, never retried
                throw new SQLException("a window cannot be written as JSON: " + e.getOriginalMessage(), "22000", e);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** JSON has no NaN or infinity: such a feature value is stored as null. */
    private static Map<String, Double> finiteOnly(Map<String, Double> features) {
        if (features.values().stream().allMatch(Double::isFinite)) {
            return features;
        }
        Map<String, Double> finite = new TreeMap<>();
        features.forEach((k, v) -> finite.put(k, Double.isFinite(v) ? v : null));
        return finite;
    }

    private static void setNumber(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }
}
