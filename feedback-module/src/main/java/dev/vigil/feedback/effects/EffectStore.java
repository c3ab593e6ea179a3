package dev.vigil.feedback.effects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.feedback.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** What answers changed (table {@code feedback_effect}, migration {@code V6__thresholds_and_effects.sql}); append-only. */
@ApplicationScoped
public class EffectStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, feedback_id, alert_id, effect, detail, matchers, starts_at, ends_at,"
            + " silence_id, created_at";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public EffectStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Effect append(Effect effect) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback_effect (feedback_id,"
                        + " alert_id, effect, detail, matchers, starts_at, ends_at, silence_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, effect.feedbackId());
            insert.setString(2, effect.alertId());
            insert.setString(3, effect.kind());
            insert.setString(4, effect.detail().length() <= 4000 ? effect.detail() : effect.detail().substring(0, 3999) + "…");
            insert.setString(5, effect.matchers().isEmpty() ? null : json.writeValueAsString(effect.matchers()));
            insert.setTimestamp(6, effect.startsAt() == null ? null : Timestamp.from(effect.startsAt()));
            insert.setTimestamp(7, effect.endsAt() == null ? null : Timestamp.from(effect.endsAt()));
            insert.setString(8, effect.silenceId());
            insert.setTimestamp(9, Timestamp.from(effect.createdAt()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the effect");
                }
                return effect.withId(keys.getLong(1));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("matchers cannot be written as JSON", e);
        }
    }

    /** What the answers to an alert changed, oldest first. */
    public List<Effect> ofAlert(String alertId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feedback_effect WHERE alert_id = ? ORDER BY id", alertId);
    }

    /** Every effect of a kind, newest first. */
    public List<Effect> ofKind(String kind) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feedback_effect WHERE effect = ? ORDER BY id DESC", kind);
    }

    public Optional<Effect> find(long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM feedback_effect WHERE id = ?", id).stream().findFirst();
    }

    private List<Effect> query(String sql, Object parameter) throws SQLException {
        return Sql.query(dataSource, sql, this::read, parameter);
    }

    private Effect read(ResultSet rows) throws SQLException {
        String matchers = rows.getString("matchers");
        Timestamp startsAt = rows.getTimestamp("starts_at");
        Timestamp endsAt = rows.getTimestamp("ends_at");
        try {
            return new Effect(rows.getLong("id"), rows.getLong("feedback_id"), rows.getString("alert_id"),
                    rows.getString("effect"), rows.getString("detail"),
                    matchers == null ? List.of() : json.readValue(matchers, STRINGS),
                    startsAt == null ? null : startsAt.toInstant(), endsAt == null ? null : endsAt.toInstant(),
                    rows.getString("silence_id"), rows.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("stored matchers are not a JSON list", e);
        }
    }
}
