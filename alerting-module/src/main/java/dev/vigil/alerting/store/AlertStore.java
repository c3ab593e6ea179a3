package dev.vigil.alerting.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.Alert;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps every alert and its latest state in the database, before any receiver hears of it. */
@ApplicationScoped
public class AlertStore {

    private static final String UPDATE = "UPDATE alert SET status = ?, severity = ?, ends_at = ?, updated_at = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO alert (id, fingerprint, status, severity, source, entity, detector,"
            + " starts_at, ends_at, summary, explanation, labels, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public AlertStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Inserts a new alert or updates the state of a known one (portable: no vendor upsert). */
    public void save(Alert alert) throws SQLException, JsonProcessingException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setString(1, alert.status().name());
                update.setString(2, alert.severity().name());
                update.setTimestamp(3, timestamp(alert.endsAt()));
                update.setTimestamp(4, now);
                update.setString(5, alert.id());
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, alert.id());
                insert.setString(2, alert.fingerprint());
                insert.setString(3, alert.status().name());
                insert.setString(4, alert.severity().name());
                insert.setString(5, alert.source());
                insert.setString(6, alert.entity());
                insert.setString(7, alert.detector());
                insert.setTimestamp(8, timestamp(alert.startsAt()));
                insert.setTimestamp(9, timestamp(alert.endsAt()));
                insert.setString(10, alert.summary());
                insert.setString(11, json.writeValueAsString(alert.explanation()));
                insert.setString(12, json.writeValueAsString(alert.labels()));
                insert.setTimestamp(13, now);
                insert.executeUpdate();
            }
        }
    }

    /** Status of every stored alert of a fingerprint, oldest first: what a test or an operator checks dedup with. */
    public List<String> statusesOf(String fingerprint) throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT status FROM alert WHERE fingerprint = ? ORDER BY starts_at, id")) {
            query.setString(1, fingerprint);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
        }
        return statuses;
    }

    /** Whether an alert with this id is stored: what feedback intake checks before it records an answer. */
    public boolean exists(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM alert WHERE id = ?")) {
            query.setString(1, id);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The id of the most recent alert of a fingerprint (ticket systems know alerts by fingerprint), if any. */
    public java.util.Optional<String> latestIdOf(String fingerprint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM alert WHERE fingerprint = ? ORDER BY starts_at DESC, id DESC")) {
            query.setString(1, fingerprint);
            query.setMaxRows(1);
            try (var rows = query.executeQuery()) {
                return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
