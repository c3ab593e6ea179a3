package dev.vigil.feedback.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.vigil.contracts.Feedback;
import dev.vigil.contracts.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Operators' answers in the database (table {@code feedback}, migration {@code V3__feedback.sql}). Append-only: there
 * is no update and no delete; a later answer to an alert is a new row naming the one it supersedes, and the alert's
 * current verdict is its latest row.
 */
@ApplicationScoped
public class FeedbackStore {

    static final int COMMENT_MAX = 4000;
    static final int ACTOR_MAX = 256;
    static final int REFERENCE_MAX = 512;
    static final int IDS_PER_QUERY = 500;

    private static final String COLUMNS = "id, alert_id, verdict, channel, actor, answered_at, comment_text, reference,"
            + " supersedes, recorded_at";
    private static final String INSERT = "INSERT INTO feedback (alert_id, verdict, channel, actor, answered_at,"
            + " comment_text, reference, supersedes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    public FeedbackStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public FeedbackStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Appends an answer; the alert must be stored (a foreign key says so). */
    public StoredFeedback append(Feedback feedback, String reference) throws SQLException {
        Instant recordedAt = clock.instant();
        Feedback kept = new Feedback(feedback.alertId(), feedback.verdict(), cut(feedback.channel(), 32),
                cut(feedback.actor(), ACTOR_MAX), feedback.at(), cut(feedback.comment(), COMMENT_MAX));
        String ref = cut(reference == null ? "" : reference, REFERENCE_MAX);
        try (Connection connection = dataSource.getConnection()) {
            Long supersedes = latestId(connection, kept.alertId());
            try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, kept.alertId());
                insert.setString(2, kept.verdict().name());
                insert.setString(3, kept.channel());
                insert.setString(4, kept.actor());
                insert.setTimestamp(5, Timestamp.from(kept.at()));
                insert.setString(6, kept.comment());
                insert.setString(7, ref);
                if (supersedes == null) {
                    insert.setNull(8, Types.BIGINT);
                } else {
                    insert.setLong(8, supersedes);
                }
                insert.setTimestamp(9, Timestamp.from(recordedAt));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new feedback row");
                    }
                    return new StoredFeedback(keys.getLong(1), kept, ref, supersedes, recordedAt);
                }
            }
        }
    }

    /** The alert's current verdict: its latest answer. */
    public Optional<StoredFeedback> latest(String alertId) throws SQLException {
        List<StoredFeedback> rows = query("SELECT " + COLUMNS + " FROM feedback WHERE alert_id = ? ORDER BY id DESC",
                1, alertId);
        return rows.stream().findFirst();
    }

    /** Every answer to the alert, oldest first: its audit trail. */
    public List<StoredFeedback> history(String alertId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feedback WHERE alert_id = ? ORDER BY id", 0, alertId);
    }

    /** The current verdict of every answered alert, by alert id (what precision per detector is computed from). */
    public Map<String, StoredFeedback> latestPerAlert() throws SQLException {
        Map<String, StoredFeedback> latest = new LinkedHashMap<>();
        for (StoredFeedback row : query("SELECT " + COLUMNS + " FROM feedback WHERE id IN"
                + " (SELECT MAX(id) FROM feedback GROUP BY alert_id) ORDER BY id", 0)) {
            latest.put(row.feedback().alertId(), row);
        }
        return latest;
    }

    /**
     * The current verdict of each of these alerts that was answered, by alert id: what a list of alerts shows beside
     * each one. Asked in pieces of {@value #IDS_PER_QUERY} ids, so a long list stays within every database's limits.
     */
    public Map<String, StoredFeedback> latestOf(Collection<String> alertIds) throws SQLException {
        Map<String, StoredFeedback> latest = new LinkedHashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(alertIds));
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> piece = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(piece.size(), "?"));
            for (StoredFeedback row : query("SELECT " + COLUMNS + " FROM feedback WHERE id IN (SELECT MAX(id) FROM feedback"
                    + " WHERE alert_id IN (" + marks + ") GROUP BY alert_id)", 0, piece.toArray(String[]::new))) {
                latest.put(row.feedback().alertId(), row);
            }
        }
        return latest;
    }

    private static Long latestId(Connection connection, String alertId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(id) FROM feedback WHERE alert_id = ?")) {
            query.setString(1, alertId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    long id = rows.getLong(1);
                    return rows.wasNull() ? null : id;
                }
                return null;
            }
        }
    }

    private List<StoredFeedback> query(String sql, int maxRows, String... parameters) throws SQLException {
        List<StoredFeedback> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            query.setMaxRows(maxRows);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long supersedes = rows.getLong("supersedes");
                    Long previous = rows.wasNull() ? null : supersedes;
                    Feedback feedback = new Feedback(rows.getString("alert_id"),
                            Verdict.valueOf(rows.getString("verdict")), rows.getString("channel"),
                            rows.getString("actor"), rows.getTimestamp("answered_at").toInstant(),
                            rows.getString("comment_text"));
                    found.add(new StoredFeedback(rows.getLong("id"), feedback, rows.getString("reference"), previous,
                            rows.getTimestamp("recorded_at").toInstant()));
                }
            }
        }
        return found;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
