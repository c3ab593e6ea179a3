package dev.vigil.features.users;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.UserEvent;
import dev.vigil.contracts.UserEvent.Outcome;
import dev.vigil.features.sequence.ActionTransitions;
import dev.vigil.features.state.SnapshotMismatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UserActivityTest {

    /** A Monday, 10:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final UserActivity activity = new UserActivity(ActionClasses.DEFAULT, ZoneOffset.UTC, 1000, 1000,
            Clock.fixed(T0, ZoneOffset.UTC));

    private static UserEvent event(String user, Instant at, String action, Outcome outcome, String ip, String country,
            String endpoint) {
        return new UserEvent("users", user, at, action, outcome, ip, country, endpoint, null, Map.of());
    }

    private static UserEvent read(String user, Instant at, String endpoint) {
        return event(user, at, "read", Outcome.SUCCESS, "10.0.0.1", "DE", endpoint);
    }

    /** The user's window [end - 1 min, end). */
    private Map<String, Double> userFeatures(String user, Instant end) {
        return userWindow(user, end).vector().features();
    }

    private UserWindow userWindow(String user, Instant end) {
        return activity.window(new FeatureVector("users", EntityKind.USER.entity(user),
                UserActivity.labels(EntityKind.USER, user), end.minus(Duration.ofMinutes(1)), end, Map.of()));
    }

    private Map<String, Double> ipFeatures(String ip, Instant end) {
        return activity.window(new FeatureVector("users", EntityKind.IP.entity(ip), UserActivity.labels(EntityKind.IP, ip),
                end.minus(Duration.ofMinutes(1)), end, Map.of())).vector().features();
    }

    @Test
    void countsAndRatiosOverEachMinuteHorizon() {
        // minute 0: login ok, 3 reads; minute 3: a failed and a good login, 2 updates, 1 read
        activity.observe(event("alice", T0, "login", Outcome.SUCCESS, "10.0.0.1", "DE", "POST /login"));
        for (int i = 1; i <= 3; i++) {
            activity.observe(read("alice", T0.plusSeconds(i), "GET /orders"));
        }
        Instant m3 = T0.plus(Duration.ofMinutes(3));
        activity.observe(event("alice", m3, "login", Outcome.FAILURE, "10.0.0.1", "DE", "POST /login"));
        activity.observe(event("alice", m3.plusSeconds(5), "login", Outcome.SUCCESS, "10.0.0.1", "DE", "POST /login"));
        activity.observe(event("alice", m3.plusSeconds(6), "update", Outcome.SUCCESS, "10.0.0.1", "DE", "PUT /orders"));
        activity.observe(event("alice", m3.plusSeconds(7), "update", Outcome.SUCCESS, "10.0.0.1", "DE", "PUT /orders"));
        activity.observe(read("alice", m3.plusSeconds(8), "GET /orders"));

        Map<String, Double> f = userFeatures("alice", T0.plus(Duration.ofMinutes(4)));

        assertThat(f).containsEntry("events_1m", 5.0).containsEntry("events_5m", 9.0);
        assertThat(f).containsEntry("login_count_1m", 2.0).containsEntry("login_count_5m", 3.0);
        assertThat(f).containsEntry("failed_logins_1m", 1.0).containsEntry("failed_login_ratio_1m", 0.5);
        assertThat(f.get("failed_login_ratio_5m")).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(f).containsEntry("write_ops_ratio_1m", 0.4);
        // 9 actions in 2 active minutes
        assertThat(f).containsEntry("requests_per_min_5m", 4.5).containsEntry("requests_per_min_1m", 5.0);
        assertThat(f).containsEntry("distinct_endpoints_5m", 3.0).containsEntry("new_endpoints_1m", 1.0);
        // the minute before the window is outside the 1-minute horizon
        assertThat(userFeatures("alice", T0.plus(Duration.ofMinutes(5)))).containsEntry("events_1m", 0.0)
                .containsEntry("events_5m", 9.0);
    }

    @Test
    void theDayHorizonCountsTheOverlappingHourProRata() {
        // 60 actions spread over 09:00-10:00 yesterday, then one now
        Instant yesterday = T0.minus(Duration.ofHours(25));
        for (int i = 0; i < 60; i++) {
            activity.observe(read("bob", yesterday.plus(Duration.ofMinutes(i)), "GET /a"));
        }
        activity.observe(read("bob", T0.plus(Duration.ofMinutes(29)), "GET /a"));

        // a window ending 09:30 today looks back to 09:30 yesterday: the last half of that hour, 30 of its 60 actions
        Map<String, Double> f = userFeatures("bob", T0.plus(Duration.ofMinutes(30)).minus(Duration.ofHours(1)));

        assertThat(f.get("events_24h")).isCloseTo(30.0, within(1e-9));
        assertThat(userFeatures("bob", T0.plus(Duration.ofMinutes(30))).get("events_24h")).isEqualTo(1.0);
    }

    @Test
    void addressesCountriesAndGeoJumpsCountSuccessfulActionsOnly() {
        // two days ago from DE on one address, then a failed login from RU and a takeover from KP
        Instant start = T0.minus(Duration.ofDays(2));
        activity.observe(event("carol", start, "login", Outcome.SUCCESS, "10.0.0.1", "DE", "POST /login"));
        activity.observe(event("carol", T0, "login", Outcome.FAILURE, "198.51.100.9", "RU", "POST /login"));
        activity.observe(read("carol", T0.plusSeconds(10), "GET /a"));
        activity.observe(event("carol", T0.plusSeconds(20), "login", Outcome.SUCCESS, "203.0.113.5", "KP", "POST /login"));
        activity.observe(event("carol", T0.plusSeconds(30), "change-password", Outcome.SUCCESS, "203.0.113.5", "KP",
                "POST /account/password"));

        UserWindow window = userWindow("carol", T0.plus(Duration.ofMinutes(1)));
        Map<String, Double> f = window.vector().features();

        assertThat(f).containsEntry("distinct_ips_1m", 2.0).containsEntry("new_ips_1m", 1.0);
        assertThat(f).containsEntry("distinct_countries_24h", 2.0).containsEntry("new_countries_24h", 1.0)
                .containsEntry("known_countries", 1.0);
        assertThat(f).containsEntry("geo_jumps_1m", 1.0);
        assertThat(f).containsEntry("failed_logins_1m", 1.0);
        assertThat(window.evidence()).containsExactly(
                "countries in the last 24 h: DE, KP (new for this user: KP)",
                "country changed from DE to KP at 2026-01-05 10:00",
                "addresses new for this user in the last 24 h: 203.0.113.5",
                "endpoints never used before in the last hour: GET /a, POST /account/password");
        assertThat(UserFeatures.describe("distinct_countries_24h", f))
                .isEqualTo("2 countries in the last 24 h (1 new for this user)");
    }

    @Test
    void nightIsUtcMidnightToSixAndOffHoursAreTheUsersOwnRareHours() {
        // three days of office hours (09-17 UTC, 10 actions an hour) teach the user's usual hours
        Instant day0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int day = 0; day < 3; day++) {
            for (int hour = 9; hour < 17; hour++) {
                for (int i = 0; i < 10; i++) {
                    activity.observe(read("dave", day0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour))
                            .plus(Duration.ofMinutes(i)), "GET /a"));
                }
            }
        }
        Instant night = Instant.parse("2026-01-04T03:10:00Z");
        for (int i = 0; i < 4; i++) {
            activity.observe(read("dave", night.plusSeconds(i), "GET /a"));
        }
        Map<String, Double> atNight = userFeatures("dave", Instant.parse("2026-01-04T03:11:00Z"));
        assertThat(atNight).containsEntry("night_activity_ratio_1m", 1.0).containsEntry("off_hours_ratio_1h", 1.0)
                .containsEntry("active_hour", 3.0).containsEntry("usual_share_active_hour", 0.0);
        assertThat(UserFeatures.describe("off_hours_ratio_1h", atNight)).isEqualTo(
                "100% of actions in the last 1 h at hours this user is rarely active (03:00–04:00: usually 0% of its actions)");
        activity.observe(read("dave", Instant.parse("2026-01-04T09:10:00Z"), "GET /a"));
        Map<String, Double> inTheMorning = userFeatures("dave", Instant.parse("2026-01-04T09:11:00Z"));
        assertThat(inTheMorning).containsEntry("off_hours_ratio_1m", 0.0).containsEntry("night_activity_ratio_1m", 0.0);
        // 30 of the 240 office-hour actions were at 09:00, and the night hour has been learned since (4 more)
        assertThat(inTheMorning.get("usual_share_active_hour")).isCloseTo(30 / 244.0, within(1e-9));
    }

    @Test
    void nightFollowsTheConfiguredZone() {
        UserActivity berlin = new UserActivity(ActionClasses.DEFAULT, ZoneId.of("Europe/Berlin"), 10, 10,
                Clock.systemUTC());
        // 23:30 UTC is 00:30 in Berlin in January
        berlin.observe(read("erin", Instant.parse("2026-01-05T23:30:00Z"), "GET /a"));

        Map<String, Double> f = berlin.window(new FeatureVector("users", "user:erin",
                UserActivity.labels(EntityKind.USER, "erin"), Instant.parse("2026-01-05T23:30:00Z"),
                Instant.parse("2026-01-05T23:31:00Z"), Map.of())).vector().features();

        assertThat(f).containsEntry("night_activity_ratio_1m", 1.0);
    }

    @Test
    void burstinessIsMeasuredAgainstTheUsersOwnMedianPace() {
        // 20 minutes at 10 reads and 1 write per minute
        for (int m = 0; m < 20; m++) {
            for (int i = 0; i < 10; i++) {
                activity.observe(read("frank", T0.plus(Duration.ofMinutes(m)).plusSeconds(i), "GET /a"));
            }
            activity.observe(event("frank", T0.plus(Duration.ofMinutes(m)).plusSeconds(30), "update", Outcome.SUCCESS,
                    "10.0.0.1", "DE", "PUT /a"));
        }
        // then one minute of 40 deletes
        Instant burst = T0.plus(Duration.ofMinutes(20));
        for (int i = 0; i < 40; i++) {
            activity.observe(event("frank", burst.plusSeconds(i), "delete", Outcome.SUCCESS, "10.0.0.1", "DE",
                    "DELETE /a"));
        }

        Map<String, Double> f = userFeatures("frank", burst.plus(Duration.ofMinutes(1)));

        assertThat(f).containsEntry("median_requests_per_min", 11.0).containsEntry("median_writes_per_min", 1.0);
        assertThat(f).containsEntry("writes_vs_median_1m", 40.0);
        assertThat(f.get("requests_vs_median_1m")).isCloseTo(40 / 11.0, within(1e-9));
        assertThat(UserFeatures.describe("writes_vs_median_1m", f))
                .isEqualTo("writes 40x the user's median in the last 1 min (1.0 per active minute usually)");
    }

    @Test
    void aWindowsActionsFollowThePreviousActionOfTheSameSessionElseTheStart() {
        activity.observe(event("gina", T0, "login", Outcome.SUCCESS, "10.0.0.1", "DE", null));
        activity.observe(event("gina", T0.plusSeconds(50), "read", Outcome.SUCCESS, "10.0.0.1", "DE", null));
        activity.observe(event("gina", T0.plusSeconds(70), "update", Outcome.SUCCESS, "10.0.0.1", "DE", null));
        activity.observe(event("gina", T0.plusSeconds(80), "logout", Outcome.SUCCESS, "10.0.0.1", "DE", null));
        activity.observe(event("gina", T0.plus(Duration.ofHours(2)), "login", Outcome.SUCCESS, "10.0.0.1", "DE", null));

        assertThat(userWindow("gina", T0.plus(Duration.ofMinutes(2))).actions())
                .containsExactly("read", "update", "logout");
        assertThat(userWindow("gina", T0.plus(Duration.ofMinutes(121))).actions())
                .containsExactly(ActionTransitions.START, "login");
    }

    @Test
    void anAddressCountsFailedLoginsPerMinuteAndTheUsersTriedFromIt() {
        Instant burst = T0.plus(Duration.ofMinutes(10));
        for (int i = 0; i < 120; i++) {
            activity.observe(event("victim-" + (i % 80), burst.plusMillis(i * 400L), "login", Outcome.FAILURE,
                    "203.0.113.66", "KP", "POST /login"));
        }

        Map<String, Double> f = ipFeatures("203.0.113.66", burst.plus(Duration.ofMinutes(1)));

        assertThat(f).containsEntry("failed_logins_1m", 120.0).containsEntry("failed_login_ratio_1m", 1.0)
                .containsEntry("login_count_5m", 120.0);
        // the set keeps the 64 users used most recently
        assertThat(f).containsEntry("distinct_users_1m", 64.0);
        assertThat(UserFeatures.describe("failed_logins_1m", f)).isEqualTo("120 failed logins in the last 1 min");
        assertThat(activity.window(new FeatureVector("users", "ip:203.0.113.66",
                UserActivity.labels(EntityKind.IP, "203.0.113.66"), burst, burst.plus(Duration.ofMinutes(1)), Map.of()))
                .evidence()).singleElement().asString().startsWith("latest users new to this address: ");
    }

    @Test
    void everyFeatureIsPresentAndFiniteEvenForAnEntityNeverSeen() {
        Map<String, Double> user = userFeatures("nobody", T0);
        Map<String, Double> ip = ipFeatures("192.0.2.1", T0);

        assertThat(user.keySet()).containsExactlyInAnyOrderElementsOf(UserFeatures.names(EntityKind.USER));
        assertThat(ip.keySet()).containsExactlyInAnyOrderElementsOf(UserFeatures.names(EntityKind.IP));
        assertThat(user.values()).allMatch(Double::isFinite);
        assertThat(ip.values()).allMatch(Double::isFinite);
        assertThat(UserFeatures.names(EntityKind.USER)).contains("login_count_1h", "failed_login_ratio_1h",
                "distinct_ips_24h", "distinct_countries_24h", "write_ops_ratio_1h", "requests_per_min_1h",
                "distinct_endpoints_1h", "night_activity_ratio_24h");
    }

    @Test
    void aSnapshotRestoresEveryProfileSoFeaturesAndLearningContinueExactly() throws IOException {
        UserActivity restored = new UserActivity(ActionClasses.DEFAULT, ZoneOffset.UTC, 1000, 1000, Clock.systemUTC());
        for (int m = 0; m < 90; m++) {
            activity.observe(event("hank", T0.plus(Duration.ofMinutes(m)), m % 7 == 0 ? "login" : "update",
                    m % 11 == 0 ? Outcome.FAILURE : Outcome.SUCCESS, "10.0.0." + (m % 3), m % 30 == 0 ? "FR" : "DE",
                    "GET /e" + (m % 9)));
        }
        restored.readSnapshot(snapshot(activity));
        UserEvent next = event("hank", T0.plus(Duration.ofMinutes(91)), "delete", Outcome.SUCCESS, "10.0.0.9", "ES",
                "DELETE /x");
        activity.observe(next);
        UserActivity other = restored;
        other.observe(next);

        Instant end = T0.plus(Duration.ofMinutes(92));
        assertThat(features(other, "hank", end)).isEqualTo(features(activity, "hank", end));
        assertThat(other.users()).isEqualTo(1);
        assertThat(other.ips()).isEqualTo(4);
    }

    @Test
    void aSnapshotOfOtherSettingsIsRefused() throws IOException {
        activity.observe(read("ivan", T0, "GET /a"));
        UserActivity berlin = new UserActivity(ActionClasses.DEFAULT, ZoneId.of("Europe/Berlin"), 10, 10,
                Clock.systemUTC());

        assertThatThrownBy(() -> berlin.readSnapshot(snapshot(activity)))
                .isInstanceOf(SnapshotMismatchException.class).hasMessageContaining("zone=Z ");
        assertThat(berlin.users()).isZero();
    }

    @Test
    void memoryIsBoundedByTheLeastRecentlyUsedAndByIdleness() {
        Clock[] now = { Clock.fixed(T0, ZoneOffset.UTC) };
        UserActivity small = new UserActivity(ActionClasses.DEFAULT, ZoneOffset.UTC, 3, 2, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        });
        for (String user : List.of("u1", "u2", "u3", "u4")) {
            small.observe(event(user, T0, "read", Outcome.SUCCESS, "10.0.0." + user.charAt(1), "DE", null));
        }
        assertThat(small.users()).isEqualTo(3);
        assertThat(small.ips()).isEqualTo(2);

        now[0] = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        small.observe(event("u4", T0, "read", Outcome.SUCCESS, "10.0.0.4", "DE", null));
        assertThat(small.evictIdle(T0.plus(Duration.ofMinutes(30)))).isEqualTo(3);
        assertThat(small.users()).isEqualTo(1);
        assertThat(small.ips()).isEqualTo(1);
    }

    private static Map<String, Double> features(UserActivity activity, String user, Instant end) {
        return activity.window(new FeatureVector("users", "user:" + user, UserActivity.labels(EntityKind.USER, user),
                end.minus(Duration.ofMinutes(1)), end, Map.of())).vector().features();
    }

    private static DataInputStream snapshot(UserActivity activity) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        activity.writeSnapshot(new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
