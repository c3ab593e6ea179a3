package dev.vigil.alerting.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps every alert and its latest state in the database, before any receiver hears of it, and reads them back: for
 * the restore at start (what was firing) and for the alerts API.
 */
@ApplicationScoped
public class AlertStore {

    private static final String COLUMNS = "id, fingerprint, status, severity, source, entity, detector, starts_at,"
            + " ends_at, summary, explanation, labels";

    // summary and labels change too: a flapping notice is the same alert relabelled
    // a resolved alert takes no other state than resolved
    private static final String UPDATE = "UPDATE alert SET status = ?, severity = ?, ends_at = ?, updated_at = ?,"
            + " summary = ?, labels = ? WHERE id = ? AND (status = 'FIRING' OR ? = 'RESOLVED')";
    private static final String INSERT = "INSERT INTO alert (id, fingerprint, status, severity, source, entity, detector,"
            + " starts_at, ends_at, summary, explanation, labels, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final AlertJson json;

    public AlertStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = new AlertJson(json);
    }

    /**
     * Inserts a new alert or updates the state of a known one (portable: no vendor upsert). Resolved is final: a
     * firing state of an alert that arrives after its resolve changes nothing, so an alert told resolved never shows
     * firing again. Saving the same state twice (a retried write) changes nothing either.
     *
     * @return whether the alert is news: false for a firing state of an alert already resolved, which nobody is to hear
     */
    public boolean save(Alert alert) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setString(1, alert.status().name());
                update.setString(2, alert.severity().name());
                update.setTimestamp(3, timestamp(alert.endsAt()));
                update.setTimestamp(4, now);
                update.setString(5, alert.summary());
                update.setString(6, json.write(alert.labels()));
                update.setString(7, alert.id());
                update.setString(8, alert.status().name());
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            if (exists(connection, alert.id())) {
                return false; // resolved already: this firing state is older news
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
                insert.setString(11, json.write(alert.explanation()));
                insert.setString(12, json.write(alert.labels()));
                insert.setTimestamp(13, now);
                insert.executeUpdate();
                return true;
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
        try (Connection connection = dataSource.getConnection()) {
            return exists(connection, id);
        }
    }

    private static boolean exists(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM alert WHERE id = ?")) {
            query.setString(1, id);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The id of the most recent alert of a fingerprint (ticket systems know alerts by fingerprint), if any. */
    public Optional<String> latestIdOf(String fingerprint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM alert WHERE fingerprint = ? ORDER BY starts_at DESC, id DESC")) {
            query.setString(1, fingerprint);
            query.setMaxRows(1);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every alert firing now, oldest first: what the lifecycle and the dispatcher take back at start. */
    public List<Alert> firing() throws SQLException {
        return select("SELECT " + COLUMNS + " FROM alert WHERE status = 'FIRING' ORDER BY starts_at, id", 0);
    }

    public Optional<Alert> byId(String id) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM alert WHERE id = ?", 1, id).stream().findFirst();
    }

    /** The most recent alert of a fingerprint: its current incident, or the last one it had. */
    public Optional<Alert> latestOf(String fingerprint) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM alert WHERE fingerprint = ? ORDER BY starts_at DESC, id DESC", 1,
                fingerprint).stream().findFirst();
    }

    /**
     * The alerts that were firing at some time in {@code [from, to]} (started by {@code to}, not resolved before
     * {@code from}), oldest first, at most {@code maxRows}: the candidates for an incident's other members.
     */
    public List<Alert> overlapping(Instant from, Instant to, int maxRows) throws SQLException {
        return select("SELECT " + COLUMNS + " FROM alert WHERE starts_at <= ? AND (ends_at IS NULL OR ends_at >= ?)"
                + " ORDER BY starts_at, id", maxRows, Timestamp.from(to), Timestamp.from(from));
    }

    /** The alerts a query asks for, newest first. */
    public List<Alert> find(AlertQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE ");
        List<Object> args = new ArrayList<>();
        AlertStatus status = query.status().orElse(null);
        if (status == AlertStatus.FIRING) {
            sql.append("status = 'FIRING'");
        } else if (status == AlertStatus.RESOLVED) {
            sql.append("status = 'RESOLVED' AND ends_at >= ?");
            args.add(Timestamp.from(query.resolvedSince()));
        } else {
            sql.append("(status = 'FIRING' OR ends_at >= ?)");
            args.add(Timestamp.from(query.resolvedSince()));
        }
        query.severity().ifPresent(s -> {
            sql.append(" AND severity = ?");
            args.add(s.name());
        });
        query.source().ifPresent(s -> {
            sql.append(" AND source = ?");
            args.add(s);
        });
        query.detector().ifPresent(d -> {
            sql.append(" AND detector = ?");
            args.add(d);
        });
        sql.append(" ORDER BY starts_at DESC, id DESC");
        return select(sql.toString(), query.limit(), args.toArray());
    }

    private List<Alert> select(String sql, int maxRows, Object... args) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            query.setMaxRows(maxRows);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(alert(rows));
                }
            }
        }
        return alerts;
    }

    private Alert alert(ResultSet row) throws SQLException {
        Timestamp endsAt = row.getTimestamp("ends_at");
        return new Alert(row.getString("id"), row.getString("fingerprint"),
                AlertStatus.valueOf(row.getString("status")), Severity.valueOf(row.getString("severity")),
                row.getString("source"), row.getString("entity"), row.getString("detector"),
                row.getTimestamp("starts_at").toInstant(), endsAt == null ? null : endsAt.toInstant(),
                row.getString("summary"), json.explanation(row.getString("explanation")),
                json.labels(row.getString("labels")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
