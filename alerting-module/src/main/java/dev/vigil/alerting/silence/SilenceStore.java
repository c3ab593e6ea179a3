package dev.vigil.alerting.silence;

import java.io.UncheckedIOException;
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

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.matcher.Matcher;
import dev.vigil.alerting.matcher.Matchers;

/**
 * The silences in the database (table {@code silence}, Flyway {@code V19__silences.sql}), shared by every instance
 * that uses it. Matchers are stored as Alertmanager's API writes them ({@code name}, {@code value}, {@code isRegex},
 * {@code isEqual}), so no quoting stands between what was created and what is read back. Portable SQL.
 */
public final class SilenceStore {

    /** One matcher as Alertmanager's v2 API writes it. */
    record StoredMatcher(@JsonProperty("name") String name, @JsonProperty("value") String value,
            @JsonProperty("isRegex") boolean isRegex, @JsonProperty("isEqual") boolean isEqual) {

        static StoredMatcher of(Matcher m) {
            Matcher.Op op = m.op();
            return new StoredMatcher(m.name(), m.value(), op == Matcher.Op.REGEX || op == Matcher.Op.NOT_REGEX,
                    op == Matcher.Op.EQUAL || op == Matcher.Op.REGEX);
        }

        Matcher matcher() {
            Matcher.Op op = isRegex ? (isEqual ? Matcher.Op.REGEX : Matcher.Op.NOT_REGEX)
                    : (isEqual ? Matcher.Op.EQUAL : Matcher.Op.NOT_EQUAL);
            return new Matcher(name, op, value);
        }
    }

    private static final TypeReference<List<StoredMatcher>> MATCHERS = new TypeReference<>() {
    };
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, matchers, creator, comment, starts_at, ends_at, expired_by";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public SilenceStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Every stored silence, running or ended, oldest first. */
    public List<Silence> all() throws SQLException {
        List<Silence> silences = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM silence ORDER BY starts_at, id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                silences.add(silence(rows));
            }
        }
        return silences;
    }

    public Optional<Silence> byId(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM silence WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(silence(rows)) : Optional.empty();
            }
        }
    }

    public void insert(Silence silence) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO silence (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, silence.id());
            insert.setString(2, write(silence.matchers()));
            insert.setString(3, silence.creator());
            insert.setString(4, silence.comment());
            insert.setTimestamp(5, Timestamp.from(silence.startsAt()));
            insert.setTimestamp(6, Timestamp.from(silence.endsAt()));
            insert.setString(7, silence.expiredBy());
            insert.executeUpdate();
        }
    }

    /**
     * Records that a silence was ended early, unless someone ended it already (on any instance: the first to expire it
     * is the one recorded). A silence of the alerting file gets its row here.
     *
     * @return the silence as stored now: this expiry, or the one that came first
     */
    public Silence expire(Silence expired) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE silence SET starts_at = ?, ends_at = ?, expired_by = ?"
                        + " WHERE id = ? AND expired_by IS NULL AND ends_at > ?")) {
            update.setTimestamp(1, Timestamp.from(expired.startsAt()));
            update.setTimestamp(2, Timestamp.from(expired.endsAt()));
            update.setString(3, expired.expiredBy());
            update.setString(4, expired.id());
            update.setTimestamp(5, Timestamp.from(expired.endsAt()));
            if (update.executeUpdate() == 0 && byId(expired.id()).isEmpty()) {
                try {
                    insert(expired);
                } catch (SQLException e) {
                    // a unique violation (23505, H2 and PostgreSQL alike): another instance wrote its expiry of the same
                    // configured silence in between, and its expiry stands
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
        return byId(expired.id()).orElse(expired);
    }

    /**
     * Forgets the silences that ended before {@code before}.
     *
     * @return how many were forgotten
     */
    public int prune(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM silence WHERE ends_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    private Silence silence(ResultSet row) throws SQLException {
        return new Silence(row.getString("id"), read(row.getString("matchers")), row.getString("creator"),
                row.getString("comment"), row.getTimestamp("starts_at").toInstant(),
                row.getTimestamp("ends_at").toInstant(), row.getString("expired_by"));
    }

    private String write(Matchers matchers) {
        try {
            return json.writeValueAsString(matchers.all().stream().map(StoredMatcher::of).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the matchers " + matchers, e);
        }
    }

    private Matchers read(String text) {
        try {
            return new Matchers(json.readValue(text, MATCHERS).stream().map(StoredMatcher::matcher).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not read the stored matchers " + text, e);
        }
    }
}
