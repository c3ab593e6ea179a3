package dev.vigil.alerting.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the delivery log, the outbox's deliveries with their notifications: who was told what, when, through which
 * channel, and how it went (sent, pending with its next attempt, dead with the reason).
 */
@ApplicationScoped
public class DeliveryLog {

    private static final String SELECT = "SELECT d.id, n.id, d.idempotency_key, d.receiver, n.alert_id, n.fingerprint,"
            + " n.status, n.severity, n.entity, d.state, d.attempts, d.last_attempt_at, d.created_at, d.next_attempt_at,"
            + " d.deadline_at, d.finished_at, d.last_error, d.reference"
            + " FROM outbox_delivery d JOIN outbox_notification n ON n.id = d.notification_id WHERE d.created_at >= ?";

    private final DataSource dataSource;

    public DeliveryLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Newest first. */
    public List<DeliveryRecord> find(DeliveryQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(query.since()));
        query.alertId().ifPresent(id -> {
            sql.append(" AND n.alert_id = ?");
            args.add(id);
        });
        query.receiver().ifPresent(r -> {
            sql.append(" AND d.receiver = ?");
            args.add(r);
        });
        query.state().ifPresent(s -> {
            sql.append(" AND d.state = ?");
            args.add(s.name());
        });
        sql.append(" ORDER BY d.id DESC");
        List<DeliveryRecord> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            select.setMaxRows(query.limit());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new DeliveryRecord(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), AlertStatus.valueOf(rows.getString(7)),
                            Severity.valueOf(rows.getString(8)), rows.getString(9), Outbox.State.valueOf(rows.getString(10)),
                            rows.getInt(11), instant(rows, 12), instant(rows, 13), instant(rows, 14), instant(rows, 15),
                            instant(rows, 16), rows.getString(17), rows.getString(18)));
                }
            }
        }
        return found;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp at = rows.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
