package dev.vigil.feedback.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Verdict;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stored alerts with their current verdict (the latest answer, if any): the incidents operators confirmed, the false
 * alarms they called, what tuning, the report, the export and the verdicts' effects work from. Reads the tables of
 * alerting's {@code V1__alerts.sql} and {@code V3__feedback.sql}; writes nothing.
 */
@ApplicationScoped
public class AlertVerdicts {

    /**
     * An alert as feedback sees it.
     *
     * @param endsAt  null while it fires
     * @param verdict its current verdict, or null while nobody answered
     */
    public record AnsweredAlert(String id, String fingerprint, String detector, String source, String entity,
            SortedMap<String, String> labels, String severity, Instant startsAt, Instant endsAt, Verdict verdict,
            String actor, Instant answeredAt) {

        /** Whether the alert was firing at {@code t}: from its start to its resolve (or on, while it fires). */
        public boolean covers(Instant t) {
            return !t.isBefore(startsAt) && (endsAt == null || !t.isAfter(endsAt));
        }

        public boolean answered(Verdict v) {
            return verdict == v;
        }
    }

    private static final TypeReference<SortedMap<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT a.id, a.fingerprint, a.detector, a.source, a.entity, a.labels,"
            + " a.severity, a.starts_at, a.ends_at, f.verdict, f.actor, f.answered_at FROM alert a LEFT JOIN feedback f"
            + " ON f.alert_id = a.id AND f.id = (SELECT MAX(g.id) FROM feedback g WHERE g.alert_id = a.id)";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public AlertVerdicts(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** One alert, if stored. */
    public Optional<AnsweredAlert> alert(String id) throws SQLException {
        return query(SELECT + " WHERE a.id = ?", id).stream().findFirst();
    }

    /** Every alert that started in {@code [from, to)}, oldest first. */
    public List<AnsweredAlert> startedBetween(Instant from, Instant to) throws SQLException {
        return query(SELECT + " WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id",
                Timestamp.from(from), Timestamp.from(to));
    }

    /** The alerts of a detector that were firing at some time in {@code [from, to)}, oldest first. */
    public List<AnsweredAlert> overlapping(String detector, Instant from, Instant to) throws SQLException {
        String where = " WHERE a.starts_at < ? AND (a.ends_at IS NULL OR a.ends_at >= ?)";
        return detector == null
                ? query(SELECT + where + " ORDER BY a.starts_at, a.id", Timestamp.from(to), Timestamp.from(from))
                : query(SELECT + where + " AND a.detector = ? ORDER BY a.starts_at, a.id", Timestamp.from(to),
                        Timestamp.from(from), detector);
    }

    /** Every alert of a fingerprint, oldest first. */
    public List<AnsweredAlert> ofFingerprint(String fingerprint) throws SQLException {
        return query(SELECT + " WHERE a.fingerprint = ? ORDER BY a.starts_at, a.id", fingerprint);
    }

    private List<AnsweredAlert> query(String sql, Object... parameters) throws SQLException {
        return Sql.query(dataSource, sql, this::read, parameters);
    }

    private AnsweredAlert read(ResultSet rows) throws SQLException {
        String verdict = rows.getString("verdict");
        Timestamp endsAt = rows.getTimestamp("ends_at");
        Timestamp answeredAt = rows.getTimestamp("answered_at");
        SortedMap<String, String> labels;
        try {
            labels = json.readValue(rows.getString("labels"), LABELS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("alert " + rows.getString("id") + " has labels that are not a JSON object", e);
        }
        return new AnsweredAlert(rows.getString("id"), rows.getString("fingerprint"), rows.getString("detector"),
                rows.getString("source"), rows.getString("entity"), labels, rows.getString("severity"),
                rows.getTimestamp("starts_at").toInstant(), endsAt == null ? null : endsAt.toInstant(),
                verdict == null ? null : Verdict.valueOf(verdict), rows.getString("actor"),
                answeredAt == null ? null : answeredAt.toInstant());
    }
}
