package dev.vigil.alerting.silence;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.dispatch.Alerts;
import dev.vigil.alerting.matcher.Matcher;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.outbox.TestDatabase;
import dev.vigil.contracts.Alert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Silences kept in a real H2 database in a file, with the real migration: what is created or expired at run time
 * survives a restart (the database closed and opened again, new {@link Silences} over it), and two instances over one
 * database see each other's silences once they read it again.
 */
class StoredSilencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private TestDatabase database;
    private DataSource db;

    @BeforeEach
    void migrate() throws Exception {
        database = new TestDatabase(folder);
        db = database.migrated();
    }

    private Silences instance(List<Silence> configured) throws Exception {
        return new Silences(Clock.systemUTC(), configured, new SilenceStore(db, JSON));
    }

    private void restart() throws Exception {
        database.shutdown();
        db = database.open();
    }

    private static Alert boiler() {
        return Alerts.firing("boiler-3", "site=plant-1");
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void aSilenceCreatedAtRunTimeStillMutesAfterARestartWithWhoMadeItAndWhy() throws Exception {
        Silences before = instance(List.of());
        Silence made = before.create(Matchers.parse(List.of("entity=~\"boiler-.*\"", "site=\"plant-1\"")), "ops",
                "descaling", inAnHour());

        restart();
        Silences after = instance(List.of());

        assertThat(after.silencing(boiler(), Instant.now())).get().satisfies(s -> {
            assertThat(s.id()).isEqualTo(made.id());
            assertThat(s.creator()).isEqualTo("ops");
            assertThat(s.comment()).isEqualTo("descaling");
            assertThat(s.matchers()).isEqualTo(made.matchers());
            assertThat(s.startsAt()).isEqualTo(made.startsAt());
            assertThat(s.endsAt()).isEqualTo(made.endsAt());
        });
        assertThat(after.silencing(Alerts.firing("pump-1", "site=plant-1"), Instant.now())).isEmpty();
    }

    @Test
    void anExpiryIsKeptWithWhoEndedItAcrossARestart() throws Exception {
        Silences before = instance(List.of());
        Silence made = before.create(Matchers.parse(List.of("site=\"plant-1\"")), "ops", "boiler swap", inAnHour());
        before.expire(made.id(), "bob");

        restart();
        Silences after = instance(List.of());

        assertThat(after.silencing(boiler(), Instant.now())).isEmpty();
        assertThat(after.list()).singleElement().satisfies(s -> {
            assertThat(s.creator()).isEqualTo("ops");
            assertThat(s.expiredBy()).isEqualTo("bob");
            assertThat(s.expiredAt(Instant.now())).isTrue();
        });
    }

    @Test
    void twoInstancesOfOneDatabaseSeeEachOthersSilencesWhenTheyReadItAgainAndTheFirstExpiryStands() throws Exception {
        Silences a = instance(List.of());
        Silences b = instance(List.of());

        Silence made = a.create(Matchers.parse(List.of("site=\"plant-1\"")), "amy", "maintenance", inAnHour());
        assertThat(b.silencing(boiler(), Instant.now())).as("not read yet").isEmpty();
        b.refresh();
        assertThat(b.silencing(boiler(), Instant.now())).get().extracting(Silence::id).isEqualTo(made.id());

        assertThat(b.expire(made.id(), "bob")).get().extracting(Silence::expiredBy).isEqualTo("bob");
        assertThat(a.silencing(boiler(), Instant.now())).as("a has not read it yet").isPresent();
        a.refresh();
        assertThat(a.silencing(boiler(), Instant.now())).isEmpty();
        assertThat(a.expire(made.id(), "carl")).as("ended already: bob did").get().extracting(Silence::expiredBy)
                .isEqualTo("bob");
    }

    @Test
    void anInstanceExpiresASilenceAnotherJustCreatedWithoutWaitingForItsNextRead() throws Exception {
        Silences a = instance(List.of());
        Silences b = instance(List.of());
        Silence made = a.create(Matchers.parse(List.of("site=\"plant-1\"")), "amy", "maintenance", inAnHour());

        assertThat(b.expire(made.id(), "bob")).get().extracting(Silence::expiredBy).isEqualTo("bob");
        a.refresh();
        assertThat(a.silencing(boiler(), Instant.now())).isEmpty();
    }

    @Test
    void anExpiryOfASilenceFromTheFileIsSharedAndKeptWhileTheFileKeepsItsMatchers() throws Exception {
        Silence fromFile = new Silence("config-0", Matchers.parse(List.of("site=\"plant-1\"")), "ops", "test rig",
                Instant.EPOCH, inAnHour());
        Silences a = instance(List.of(fromFile));
        Silences b = instance(List.of(fromFile));
        assertThat(b.silencing(boiler(), Instant.now())).isPresent();

        a.expire("config-0", "amy");
        b.refresh();
        assertThat(b.silencing(boiler(), Instant.now())).isEmpty();
        assertThat(b.list()).singleElement().extracting(Silence::expiredBy).isEqualTo("amy");

        restart();
        assertThat(instance(List.of(fromFile)).silencing(boiler(), Instant.now())).as("after a restart").isEmpty();
        Silence changedInTheFile = new Silence("config-0", Matchers.parse(List.of("site=\"plant-2\"")), "ops", "rig moved",
                Instant.EPOCH, inAnHour());
        assertThat(instance(List.of(changedInTheFile)).silencing(Alerts.firing("boiler-3", "site=plant-2"), Instant.now()))
                .as("the file gave config-0 other matchers: the file's silence runs").isPresent();
    }

    @Test
    void matchersComeBackExactlyAsTheyWereMadeWhateverTheirValuesHold() throws Exception {
        Matchers tricky = new Matchers(List.of(
                new Matcher("entity", Matcher.Op.REGEX, "temp\\{site=\"a\\\\b\"\\}.*"),
                new Matcher("note", Matcher.Op.NOT_EQUAL, "line one\nline \"two\""),
                new Matcher("site", Matcher.Op.NOT_REGEX, "plant-\\d+"),
                new Matcher("team", Matcher.Op.EQUAL, "")));
        Silence made = instance(List.of()).create(tricky, "ops", "tricky", inAnHour());

        restart();

        assertThat(instance(List.of()).list()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(made.id());
            assertThat(s.matchers().all()).extracting(Matcher::name, Matcher::op, Matcher::value)
                    .containsExactlyElementsOf(tricky.all().stream()
                            .map(m -> org.assertj.core.groups.Tuple.tuple(m.name(), m.op(), m.value())).toList());
        });
    }

    @Test
    void aSilenceExpiredInTheMillisecondItWasMadeEndsThereAndIsStoredSo() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Silences silences = new Silences(Clock.fixed(now, java.time.ZoneOffset.UTC), List.of(), new SilenceStore(db, JSON));
        Silence made = silences.create(Matchers.parse(List.of("site=\"plant-1\"")), "ops", "oops", inAnHour());

        assertThat(silences.expire(made.id(), "ops")).get().satisfies(s -> {
            assertThat(s.endsAt()).isEqualTo(now);
            assertThat(s.startsAt()).isBefore(now);
        });
        assertThat(instance(List.of()).silencing(boiler(), now)).isEmpty();
    }

    @Test
    void silencesThatEndedLongAgoAreForgottenAndRunningOnesKept() throws Exception {
        Silences silences = instance(List.of());
        Silence ended = silences.create(Matchers.parse(List.of("site=\"a\"")), "ops", "done", inAnHour());
        silences.expire(ended.id(), "ops");
        Silence running = silences.create(Matchers.parse(List.of("site=\"b\"")), "ops", "running", inAnHour());

        assertThat(silences.prune(Instant.now().minusSeconds(60))).as("ended only just").isZero();
        assertThat(silences.prune(Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(silences.list()).extracting(Silence::id).containsExactly(running.id());
    }
}
