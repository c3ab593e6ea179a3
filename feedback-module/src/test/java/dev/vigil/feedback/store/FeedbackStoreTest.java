package dev.vigil.feedback.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.vigil.contracts.Feedback;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.TestDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real H2 database with the real migrations ({@link TestDatabase}). */
class FeedbackStoreTest {

    private static final Instant T = Instant.parse("2024-06-01T08:10:00Z");

    private JdbcDataSource db;
    private FeedbackStore store;

    @BeforeEach
    void migrate() throws Exception {
        db = TestDatabase.migrated();
        store = new FeedbackStore(db, Clock.fixed(T.plusSeconds(5), ZoneOffset.UTC));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String id : new String[] {"a1", "a2"}) {
                s.executeUpdate("INSERT INTO alert (id, fingerprint, status, severity, source, entity, detector, starts_at,"
                        + " summary, explanation, labels, updated_at) VALUES ('" + id + "', 'fp', 'FIRING', 'CRITICAL',"
                        + " 'mqtt', 'e', 'd', CURRENT_TIMESTAMP, 's', '{}', '{}', CURRENT_TIMESTAMP)");
            }
        }
    }

    @Test
    void aLaterAnswerSupersedesTheEarlierWhichStaysInTheHistory() throws Exception {
        StoredFeedback first = store.append(new Feedback("a1", Verdict.TRUE_INCIDENT, "slack", "amy", T, null), "slack U1");
        StoredFeedback second = store.append(new Feedback("a1", Verdict.EXPECTED, "email", "bob@example.com",
                T.plusSeconds(60), "deploy 4.2"), "email <m1@example.com>");
        store.append(new Feedback("a2", Verdict.FALSE_ALARM, "rest", "ci", T, ""), "api key ci");

        assertThat(first.supersedes()).isNull();
        assertThat(second.supersedes()).isEqualTo(first.id());
        assertThat(store.latest("a1")).get().satisfies(latest -> {
            assertThat(latest.feedback().verdict()).isEqualTo(Verdict.EXPECTED);
            assertThat(latest.feedback().comment()).isEqualTo("deploy 4.2");
            assertThat(latest.reference()).isEqualTo("email <m1@example.com>");
            assertThat(latest.recordedAt()).isEqualTo(T.plusSeconds(5));
        });
        assertThat(store.history("a1")).extracting(r -> r.feedback().verdict())
                .containsExactly(Verdict.TRUE_INCIDENT, Verdict.EXPECTED);
        assertThat(store.history("a1").get(0).feedback()).isEqualTo(
                new Feedback("a1", Verdict.TRUE_INCIDENT, "slack", "amy", T, ""));
        assertThat(store.latestPerAlert()).containsOnlyKeys("a1", "a2");
        assertThat(store.latestPerAlert().get("a1").id()).isEqualTo(second.id());
        assertThat(store.latest("unanswered")).isEmpty();
    }

    @Test
    void theCurrentVerdictsOfAListOfAlertsLeaveOutTheUnanswered() throws Exception {
        store.append(new Feedback("a1", Verdict.TRUE_INCIDENT, "slack", "amy", T, null), "slack U1");
        StoredFeedback current = store.append(new Feedback("a1", Verdict.FALSE_ALARM, "console", "bob", T, ""), "console");

        assertThat(store.latestOf(List.of("a1", "a2", "a1", "ghost"))).containsOnlyKeys("a1")
                .hasEntrySatisfying("a1", latest -> assertThat(latest.id()).isEqualTo(current.id()));
        assertThat(store.latestOf(List.of())).isEmpty();
        List<String> many = new ArrayList<>(Collections.nCopies(FeedbackStore.IDS_PER_QUERY, "ghost"));
        for (int i = 0; i < FeedbackStore.IDS_PER_QUERY; i++) {
            many.add("unknown-" + i);
        }
        many.add("a1");
        assertThat(store.latestOf(many)).as("asked in pieces").containsOnlyKeys("a1");
    }

    @Test
    void anAnswerToAnAlertThatIsNotStoredIsRefusedByTheDatabase() {
        assertThatThrownBy(() -> store.append(new Feedback("ghost", Verdict.FALSE_ALARM, "rest", "ci", T, ""), "x"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void longTextIsCutNotRefused() throws Exception {
        StoredFeedback stored = store.append(new Feedback("a1", Verdict.FALSE_ALARM, "email", "x".repeat(300), T,
                "y".repeat(5000)), "r");
        assertThat(stored.feedback().comment()).hasSize(FeedbackStore.COMMENT_MAX);
        assertThat(store.latest("a1").get().feedback().actor()).hasSize(FeedbackStore.ACTOR_MAX);
    }
}
