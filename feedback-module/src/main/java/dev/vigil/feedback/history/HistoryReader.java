package dev.vigil.feedback.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.feedback.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the score history back, streaming: a detector's windows fingerprint by fingerprint for a replay, or in time
 * order for an export. Rows are handed one at a time, so memory does not grow with the history.
 */
@ApplicationScoped
public class HistoryReader {

    /** Takes rows one by one; may stop the reading by throwing. */
    @FunctionalInterface
    public interface RowHandler<T> {
        void accept(T row) throws Exception;
    }

    /** What a replay needs of a window. */
    public record ReplayRow(String fingerprint, String source, String entity, String labelsJson, Instant windowEnd,
            double ratio) {
    }

    /** The time a detector's history covers. */
    public record Span(Instant first, Instant last, long windows) {
    }

    private static final TypeReference<SortedMap<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, Double>> FEATURES = new TypeReference<>() {
    };
    private static final String COLUMNS = "detector, source, entity, fingerprint, labels, window_end, score, anomalous,"
            + " ratio, threshold_factor, scorer, feature, observed, expected, spread, features";
    private static final String REPLAY_SELECT = "SELECT fingerprint, source, entity, labels, window_end, ratio"
            + " FROM score_history";
    private static final int FETCH = 1000;

    private final DataSource dataSource;
    private final ObjectMapper json;

    public HistoryReader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The windows of a detector that ended in {@code [from, to)}, or empty when it has none. */
    public Optional<Span> span(String detector, Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT MIN(window_end), MAX(window_end), COUNT(*)"
                        + " FROM score_history WHERE detector = ? AND window_end >= ? AND window_end < ?")) {
            query.setString(1, detector);
            query.setTimestamp(2, Timestamp.from(from));
            query.setTimestamp(3, Timestamp.from(to));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getLong(3) == 0) {
                    return Optional.empty();
                }
                return Optional.of(new Span(row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant(), row.getLong(3)));
            }
        }
    }

    /** The newest window end of a detector, if it has any. */
    public Optional<Instant> latest(String detector) throws SQLException {
        return span(detector, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")).map(Span::last);
    }

    /** A detector's windows in {@code [from, to)}, fingerprint by fingerprint, each in time order. */
    public void replayRows(String detector, Instant from, Instant to, RowHandler<ReplayRow> handler) throws Exception {
        String sql = REPLAY_SELECT + " WHERE detector = ? AND window_end >= ? AND window_end < ?"
                + " ORDER BY fingerprint, window_end, id";
        stream(sql, List.of(detector, Timestamp.from(from), Timestamp.from(to)), rows -> handler.accept(replayRow(rows)));
    }

    /** One fingerprint's windows in {@code [from, to)}, in time order. */
    public void fingerprintRows(String fingerprint, Instant from, Instant to, RowHandler<ReplayRow> handler)
            throws Exception {
        String sql = REPLAY_SELECT + " WHERE fingerprint = ? AND window_end >= ? AND window_end < ?"
                + " ORDER BY window_end, id";
        stream(sql, List.of(fingerprint, Timestamp.from(from), Timestamp.from(to)), rows -> handler.accept(replayRow(rows)));
    }

    /** Windows in {@code [from, to)} of one detector (or all, for {@code null}), in time order. */
    public void windows(String detector, Instant from, Instant to, RowHandler<ScoredWindow> handler) throws Exception {
        String sql = "SELECT " + COLUMNS + " FROM score_history WHERE window_end >= ? AND window_end < ?"
                + (detector == null ? "" : " AND detector = ?") + " ORDER BY window_end, id";
        stream(sql, parameters(detector, from, to), rows -> handler.accept(window(rows)));
    }

    /**
     * One series' windows (a detector's fingerprint) that ended in {@code [from, to)}, in time order: at most
     * {@code max} of them, the earliest, or with {@code latest} the latest ones. What a chart of the series around an
     * alert reads, a bounded piece at a time (the index on detector, fingerprint and window end serves it).
     */
    public List<ScoredWindow> seriesWindows(String detector, String fingerprint, Instant from, Instant to, int max,
            boolean latest) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM score_history WHERE detector = ? AND fingerprint = ?"
                + " AND window_end >= ? AND window_end < ? ORDER BY window_end " + (latest ? "DESC, id DESC" : "ASC, id");
        List<ScoredWindow> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, List.of(detector, fingerprint, Timestamp.from(from), Timestamp.from(to)));
            query.setMaxRows(max);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(window(rows));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored window of " + detector + " has features that are not JSON", e);
        }
        if (latest) {
            Collections.reverse(found);
        }
        return found;
    }

    /** How many windows {@link #windows} would hand. */
    public long count(String detector, Instant from, Instant to) throws SQLException {
        String sql = "SELECT COUNT(*) FROM score_history WHERE window_end >= ? AND window_end < ?"
                + (detector == null ? "" : " AND detector = ?");
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters(detector, from, to));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Every feature name the windows {@link #windows} would hand carry, sorted: the columns of an export. */
    public List<String> featureNames(String detector, Instant from, Instant to) throws SQLException {
        String sql = "SELECT DISTINCT feature_names FROM score_history WHERE window_end >= ? AND window_end < ?"
                + (detector == null ? "" : " AND detector = ?");
        TreeSet<String> names = new TreeSet<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters(detector, from, to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (String name : rows.getString(1).split(",")) {
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** The labels of a {@link ReplayRow}. */
    public SortedMap<String, String> labels(String labelsJson) throws JsonProcessingException {
        return json.readValue(labelsJson, LABELS);
    }

    private static ReplayRow replayRow(ResultSet rows) throws SQLException {
        return new ReplayRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getTimestamp(5).toInstant(), rows.getDouble(6));
    }

    private ScoredWindow window(ResultSet rows) throws SQLException, JsonProcessingException {
        return new ScoredWindow(rows.getString("detector"), rows.getString("source"), rows.getString("entity"),
                rows.getString("fingerprint"), labels(rows.getString("labels")),
                rows.getTimestamp("window_end").toInstant(), rows.getDouble("score"), rows.getBoolean("anomalous"),
                rows.getDouble("ratio"), rows.getDouble("threshold_factor"), rows.getString("scorer"),
                rows.getString("feature"), number(rows, "observed"), number(rows, "expected"), number(rows, "spread"),
                withoutNulls(json.readValue(rows.getString("features"), FEATURES)));
    }

    private static TreeMap<String, Double> withoutNulls(TreeMap<String, Double> features) {
        features.replaceAll((k, v) -> v == null ? Double.NaN : v);
        return features;
    }

    private static double number(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? Double.NaN : value;
    }

    private static List<Object> parameters(String detector, Instant from, Instant to) {
        List<Object> parameters = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (detector != null) {
            parameters.add(detector);
        }
        return parameters;
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        Sql.bind(statement, parameters.toArray());
    }

    /** Streams a query's rows; PostgreSQL only streams (fetch size) inside a transaction. */
    private void stream(String sql, List<Object> parameters, RowHandler<ResultSet> handler) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setFetchSize(FETCH);
                bind(query, parameters);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        handler.accept(rows);
                    }
                }
                connection.commit();
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
