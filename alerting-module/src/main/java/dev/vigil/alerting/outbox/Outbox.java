package dev.vigil.alerting.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.dispatch.GroupLog;
import dev.vigil.alerting.dispatch.Notification;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.store.AlertJson;
import dev.vigil.alerting.store.DatabaseRetry;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Severity;

/**
 * The outbox (Flyway {@code V4__outbox.sql}): what the dispatcher decided to tell is written here, in one transaction
 * with the notification log of its groups, before any receiver is called; the delivery workers then take each
 * receiver's pending deliveries in order and mark them acknowledged, rescheduled or dead. A notification (one state
 * change of an incident) gets the next number of the outbox's sequence, and each of its deliveries the idempotency
 * key {@code <fingerprint>:<firing|resolved>:<number>}, unique per receiver (a database constraint). A worker tells a
 * delivery only after {@link #startAttempt claiming} it for its instance (Flyway {@code V16__outbox_claims.sql}), so
 * instances sharing the database never tell one delivery twice, and counting the attempt (Flyway
 * {@code V17__delivery_attempt_started.sql}). Portable JDBC.
 */
public class Outbox {

    /** The states of a delivery. */
    public enum State {
        /** Not acknowledged yet: the workers try it (again) when it is due. */
        PENDING,
        /** The receiver acknowledged it; never sent again. */
        SENT,
        /** Given up, with the reason: refused by the receiver, or not acknowledged before its deadline. */
        DEAD
    }

    private static final TypeReference<LinkedHashMap<String, Severity>> NOTIFIED = new TypeReference<>() {
    };
    private static final String PENDING_COLUMNS = "d.id, d.receiver, d.idempotency_key, d.attempts, d.created_at,"
            + " d.next_attempt_at, d.deadline_at, d.last_error, n.alert";

    private final DataSource dataSource;
    private final AlertJson alerts;
    private final ObjectMapper json;
    private final RetryPolicy policy;
    private final Clock clock;
    private final String instance;
    private final Duration claimLease;

    /** The outbox of a single instance, {@code local}, whose claims last two minutes. */
    public Outbox(DataSource dataSource, ObjectMapper json, RetryPolicy policy, Clock clock) {
        this(dataSource, json, policy, clock, "local", Duration.ofMinutes(2));
    }

    /**
     * @param instance   who claims deliveries: the same after a restart (so its own claims are taken back at once),
     *                   different for each instance sharing the database
     * @param claimLease how long a claim holds: longer than one attempt can take, after which another instance may
     *                   take over the delivery of one that died mid-attempt
     */
    public Outbox(DataSource dataSource, ObjectMapper json, RetryPolicy policy, Clock clock, String instance,
            Duration claimLease) {
        if (instance == null || instance.isBlank() || instance.length() > 128) {
            throw new IllegalArgumentException("an instance id is 1 to 128 characters, got '" + instance + "'");
        }
        if (claimLease.isNegative() || claimLease.isZero()) {
            throw new IllegalArgumentException("a claim lease must be positive, got " + claimLease);
        }
        this.dataSource = dataSource;
        this.alerts = new AlertJson(json);
        this.json = json;
        this.policy = policy;
        this.clock = clock;
        this.instance = instance;
        this.claimLease = claimLease;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * Stores what one dispatch decided, all or nothing: per incident told (a group's notifications) one notification
     * row with its sequence number, one pending delivery per receiver due now, and the group's log (removed once
     * its incident is closed).
     */
    public void enqueue(List<Notification> told) throws SQLException {
        if (told.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        // a group's flush addresses one incident to each receiver of its route: one notification, a delivery each
        Map<Told, Map<String, Notification>> byIncident = new LinkedHashMap<>();
        Map<String, GroupLog> logs = new LinkedHashMap<>();
        for (Notification n : told) {
            byIncident.computeIfAbsent(new Told(n.groupKey(), n.alert()), t -> new LinkedHashMap<>()).putIfAbsent(n.receiver(), n);
            logs.put(n.groupKey(), n.log());
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Map.Entry<Told, Map<String, Notification>> incident : byIncident.entrySet()) {
                    Alert alert = incident.getKey().alert();
                    long sequence = insertNotification(connection, alert, incident.getKey().groupKey(), now);
                    String key = Delivery.key(alert, sequence);
                    for (String receiver : incident.getValue().keySet()) {
                        insertDelivery(connection, sequence, receiver, key, now);
                    }
                }
                for (GroupLog log : logs.values()) {
                    saveLog(connection, log);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Stores what one dispatch decided like {@link #enqueue(List)}, waiting while the database is unreachable (the
     * caller's thread waits: what comes after this decision waits behind it, in order). A try that failed after the
     * database had committed it (the answer to the commit was lost) is found on the next try and not written again.
     *
     * @throws SQLException the database refused the write, or stopped being waited for
     */
    public void enqueue(List<Notification> told, DatabaseRetry retry) throws SQLException, InterruptedException {
        if (told.isEmpty()) {
            return;
        }
        Instant begun = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        retry.run(attempt -> {
            if (attempt == 0 || !written(told.get(0), begun)) {
                enqueue(told);
            }
            return null;
        });
    }

    /**
     * Whether a notification like this one was written since {@code since}: as one dispatch is written in one
     * transaction, and decided by one thread at a time, its first notification tells whether all of it is stored.
     */
    private boolean written(Notification notification, Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM outbox_notification WHERE alert_id = ?"
                        + " AND group_key = ? AND status = ? AND severity = ? AND created_at >= ?")) {
            query.setString(1, notification.alert().id());
            query.setString(2, notification.groupKey());
            query.setString(3, notification.alert().status().name());
            query.setString(4, notification.alert().severity().name());
            query.setTimestamp(5, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** One incident told by one group. */
    private record Told(String groupKey, Alert alert) {
    }

    private long insertNotification(Connection connection, Alert alert, String groupKey, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_notification (alert_id,"
                + " fingerprint, status, severity, group_key, entity, alert, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, alert.id());
            insert.setString(2, alert.fingerprint());
            insert.setString(3, alert.status().name());
            insert.setString(4, alert.severity().name());
            insert.setString(5, groupKey);
            insert.setString(6, cut(alert.entity(), 1024));
            insert.setString(7, alerts.write(alert));
            insert.setTimestamp(8, Timestamp.from(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database gave no id for the new outbox notification");
                }
                return keys.getLong(1);
            }
        }
    }

    private void insertDelivery(Connection connection, long notification, String receiver, String key, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_delivery (notification_id,"
                + " receiver, idempotency_key, state, attempts, created_at, next_attempt_at, deadline_at)"
                + " VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?)")) {
            insert.setLong(1, notification);
            insert.setString(2, receiver);
            insert.setString(3, key);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(now));
            insert.setTimestamp(6, Timestamp.from(now.plus(policy.deadline())));
            insert.executeUpdate();
        }
    }

    private void saveLog(Connection connection, GroupLog log) throws SQLException {
        String hash = hash(log.groupKey());
        if (log.closed()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notification_group WHERE group_hash = ?")) {
                delete.setString(1, hash);
                delete.executeUpdate();
            }
            return;
        }
        String notified = alerts.write(log.notified());
        try (PreparedStatement update = connection.prepareStatement("UPDATE notification_group SET lead_id = ?,"
                + " lead_fingerprint = ?, notified = ?, last_sent_at = ?, last_flush_at = ? WHERE group_hash = ?")) {
            update.setString(1, log.leadId());
            update.setString(2, log.leadFingerprint());
            update.setString(3, notified);
            update.setTimestamp(4, Timestamp.from(log.lastSentAt()));
            update.setTimestamp(5, Timestamp.from(log.lastFlushAt()));
            update.setString(6, hash);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_group (group_key,"
                + " group_hash, lead_id, lead_fingerprint, notified, last_sent_at, last_flush_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, log.groupKey());
            insert.setString(2, hash);
            insert.setString(3, log.leadId());
            insert.setString(4, log.leadFingerprint());
            insert.setString(5, notified);
            insert.setTimestamp(6, Timestamp.from(log.lastSentAt()));
            insert.setTimestamp(7, Timestamp.from(log.lastFlushAt()));
            insert.executeUpdate();
        }
    }

    /** Every group whose incident is open and was told: what the dispatcher is restored from. */
    public List<GroupLog> groupLogs() throws SQLException {
        List<GroupLog> logs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT group_key, lead_id, lead_fingerprint,"
                        + " notified, last_sent_at, last_flush_at FROM notification_group");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Map<String, Severity> notified = json.readValue(rows.getString("notified"), NOTIFIED);
                logs.add(new GroupLog(rows.getString("group_key"), rows.getString("lead_id"),
                        rows.getString("lead_fingerprint"), notified, rows.getTimestamp("last_sent_at").toInstant(),
                        rows.getTimestamp("last_flush_at").toInstant()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a stored notification log is not readable: " + e.getOriginalMessage(), e);
        }
        return logs;
    }

    /** A receiver's deliveries not acknowledged yet, in the order they were written. */
    public List<PendingDelivery> pending(String receiver, int limit) throws SQLException {
        List<PendingDelivery> pending = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT " + PENDING_COLUMNS
                        + " FROM outbox_delivery d JOIN outbox_notification n ON n.id = d.notification_id"
                        + " WHERE d.receiver = ? AND d.state = 'PENDING' ORDER BY d.id")) {
            query.setString(1, receiver);
            query.setMaxRows(limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.add(new PendingDelivery(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                            rows.getTimestamp(5).toInstant(), rows.getTimestamp(6).toInstant(),
                            rows.getTimestamp(7).toInstant(), rows.getString(8), alerts.alert(rows.getString(9))));
                }
            }
        }
        return pending;
    }

    /** How many deliveries of every receiver are pending: what a start resumes. */
    public int pendingCount() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM outbox_delivery WHERE state = 'PENDING'");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * What the receiver answered for the incident's latest acknowledged delivery before this one (its message, its
     * ticket), which the receiver edits or comments on instead of starting anew.
     */
    public Optional<String> earlierReference(PendingDelivery delivery) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT d.reference FROM outbox_delivery d"
                        + " JOIN outbox_notification n ON n.id = d.notification_id WHERE n.alert_id = ? AND d.receiver = ?"
                        + " AND d.state = 'SENT' AND d.reference IS NOT NULL AND d.id < ? ORDER BY d.id DESC")) {
            query.setString(1, delivery.alert().id());
            query.setString(2, delivery.receiver());
            query.setLong(3, delivery.id());
            query.setMaxRows(1);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Takes a pending delivery for this instance for the claim lease and records the attempt about to start (one
     * more try, started now), in one statement before the receiver is called: a crash during the call leaves the
     * try counted. True when no other instance holds it (never claimed, claimed by this instance, or its claim
     * lapsed); only the instance that claimed a delivery tells it.
     */
    public boolean startAttempt(PendingDelivery delivery) throws SQLException {
        Instant now = clock.instant();
        return update("UPDATE outbox_delivery SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1,"
                + " last_attempt_at = ? WHERE id = ? AND state = 'PENDING'"
                + " AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?)", instance,
                Timestamp.from(now.plus(claimLease)), Timestamp.from(now), delivery.id(), instance,
                Timestamp.from(now)) == 1;
    }

    /** The receiver took it: never sent again. */
    public void acknowledged(PendingDelivery delivery, int attempts, Optional<String> reference) throws SQLException {
        finish(delivery, State.SENT, attempts, null, reference.filter(r -> !r.isBlank()).orElse(null));
    }

    /** Given up, with the reason. */
    public void deadLettered(PendingDelivery delivery, int attempts, String reason) throws SQLException {
        finish(delivery, State.DEAD, attempts, reason, null);
    }

    /** Not taken this time: tried again at {@code next}. */
    public void rescheduled(PendingDelivery delivery, int attempts, Instant next, String error) throws SQLException {
        update("UPDATE outbox_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'PENDING'",
                attempts, Timestamp.from(next), cut(error, 2048), delivery.id());
    }

    /**
     * Forgets the delivery log older than {@code before}: deliveries finished (sent or dead) before it, then the
     * notifications none of whose deliveries is left. Pending ones stay whatever their age. The sequence goes on
     * (an identity never reuses a number), so no idempotency key comes back.
     *
     * @return how many deliveries were forgotten
     */
    public int prune(Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int deliveries;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM outbox_delivery WHERE state <> 'PENDING' AND finished_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(before));
                deliveries = delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_notification n WHERE"
                    + " n.created_at < ? AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.notification_id = n.id)")) {
                delete.setTimestamp(1, Timestamp.from(before));
                delete.executeUpdate();
            }
            return deliveries;
        }
    }

    private void finish(PendingDelivery delivery, State state, int attempts, String error, String reference)
            throws SQLException {
        update("UPDATE outbox_delivery SET state = ?, attempts = ?, finished_at = ?, last_error = ?, reference = ?"
                + " WHERE id = ? AND state = 'PENDING'", state.name(), attempts, Timestamp.from(clock.instant()),
                cut(error, 2048), cut(reference, 512), delivery.id());
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                update.setObject(i + 1, args[i]);
            }
            return update.executeUpdate();
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String hash(String groupKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(groupKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
