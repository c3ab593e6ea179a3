package dev.vigil.app.storage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.SilenceStore;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.app.testing.PostgresServer;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Severity;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two alerting instances over one real PostgreSQL (each its own connections and its own {@link Silences}, as two
 * Vigil processes have): a silence one creates mutes the other's alerts once it reads the table again, an expiry on
 * either ends it for both, the first of two expiries racing for one silence is the one kept, and a third instance
 * started later (a restart, also of the server) finds it all; while the server is down the silences read last go on
 * muting and a change is refused, never half made. Skipped, saying why, where PostgreSQL is not installed.
 */
class SharedSilencesPostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresServer server;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        server = PostgresServer.start();
        Assumptions.assumeTrue(server != null, () -> "shared silences test skipped: " + PostgresServer.missing);
        Flyway.configure().dataSource(server.dataSource("postgres")).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** An instance of its own: its own data source (its own connections) and its own silences read from the table. */
    private static Silences instance(List<Silence> fromFile) throws Exception {
        return new Silences(Clock.systemUTC(), fromFile, new SilenceStore(server.dataSource("postgres"), JSON));
    }

    private static Alert firing(String entity, String site) {
        return new Alert("a-" + entity, "fp-" + entity, AlertStatus.FIRING, Severity.WARNING, "mqtt", entity,
                "metric-baseline", Instant.now(), null, entity + " is anomalous", new Explanation("mean", 1, 0, 1, List.of()),
                new TreeMap<>(Map.of("site", site)));
    }

    @Test
    void aSilenceMadeOnOneInstanceMutesTheOthersAlertsAndAnExpiryOnEitherEndsItForBoth() throws Exception {
        Silences a = instance(List.of());
        Silences b = instance(List.of());
        Alert boiler = firing("boiler-7", "plant-pg");

        Silence made = a.create(Matchers.parse(List.of("entity=~\"boiler-.*\"", "site=\"plant-pg\"")), "amy",
                "descaling", Instant.now().plus(Duration.ofHours(2)));
        b.refresh();
        assertThat(b.silencing(boiler, Instant.now())).get().satisfies(s -> {
            assertThat(s.id()).isEqualTo(made.id());
            assertThat(s.creator()).isEqualTo("amy");
            assertThat(s.matchers()).isEqualTo(made.matchers());
            assertThat(s.startsAt()).isEqualTo(made.startsAt());
        });
        assertThat(b.silencing(firing("pump-1", "plant-pg"), Instant.now())).isEmpty();

        b.expire(made.id(), "bob");
        a.refresh();
        assertThat(a.silencing(boiler, Instant.now())).isEmpty();

        Silences restarted = instance(List.of());
        assertThat(restarted.list()).filteredOn(s -> s.id().equals(made.id())).singleElement().satisfies(s -> {
            assertThat(s.creator()).isEqualTo("amy");
            assertThat(s.expiredBy()).isEqualTo("bob");
        });
    }

    @Test
    void whileTheServerIsDownTheSilencesReadLastGoOnMutingAChangeIsRefusedAndAfterItsRestartTheSilenceIsThere()
            throws Exception {
        Silences a = instance(List.of());
        Alert mixer = firing("mixer-2", "plant-down");
        Silence made = a.create(Matchers.parse(List.of("site=\"plant-down\"")), "amy", "night shift",
                Instant.now().plus(Duration.ofHours(2)));

        server.halt();
        try {
            a.refresh();
            assertThat(a.silencing(mixer, Instant.now())).as("read last, still muting").isPresent();
            assertThatThrownBy(() -> a.create(Matchers.parse(List.of("site=\"other\"")), "amy", "x",
                    Instant.now().plusSeconds(600))).isInstanceOf(SQLException.class);
            assertThat(a.list()).extracting(Silence::comment).doesNotContain("x");
        } finally {
            server.resume();
        }

        Silences restarted = instance(List.of());
        assertThat(restarted.silencing(mixer, Instant.now())).get().extracting(Silence::id).isEqualTo(made.id());
    }

    @Test
    void twoInstancesExpiringOneSilenceOfTheFileAtOnceKeepOneExpiryAndBothReportIt() throws Exception {
        Silence fromFile = new Silence("config-race", Matchers.parse(List.of("site=\"plant-race\"")), "ops", "test rig",
                Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)));
        Silences a = instance(List.of(fromFile));
        Silences b = instance(List.of(fromFile));

        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Callable<Silence> byAmy = () -> a.expire("config-race", "amy").orElseThrow();
            Callable<Silence> byBob = () -> b.expire("config-race", "bob").orElseThrow();
            List<Future<Silence>> expiries = both.invokeAll(List.of(byAmy, byBob));
            String kept = instance(List.of(fromFile)).list().get(0).expiredBy();
            assertThat(kept).isIn("amy", "bob");
            for (Future<Silence> expiry : expiries) {
                assertThat(expiry.get().expiredBy()).as("both answer with the expiry that stands").isEqualTo(kept);
            }
        } finally {
            both.shutdownNow();
        }
        a.refresh();
        b.refresh();
        assertThat(a.silencing(firing("x", "plant-race"), Instant.now())).isEmpty();
        assertThat(b.silencing(firing("x", "plant-race"), Instant.now())).isEmpty();
    }
}
