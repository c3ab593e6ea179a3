package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static dev.vigil.alerting.dispatch.Alerts.T0;
import static dev.vigil.alerting.dispatch.Alerts.firing;
import static dev.vigil.alerting.dispatch.DispatcherTest.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Inhibition, maintenance windows and silences in the path: the firing alerts they mute are not told, resolves are. */
class MutingStagesTest {

    /** A clock the test moves. */
    static final class TestClock extends java.time.Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void aFiringSiteOutageInhibitsItsOwnSensorsOnly() {
        Dispatcher d = DispatcherTest.dispatcher("""
                route: {receivers: [slack]}
                inhibit-rules:
                  - source-matchers: ['detector="site-down"']
                    target-matchers: ['detector!="site-down"']
                    equal: [site]
                """);
        Alert outage = new Alert("id-down", "fp-down", AlertStatus.FIRING, Severity.CRITICAL, "mqtt", "plant-1",
                "site-down", T0, null, "plant-1 is down", firing("x").explanation(), new java.util.TreeMap<>(java.util.Map.of("site", "plant-1")));
        assertThat(d.accept(outage, at(0))).hasSize(1);

        assertThat(d.accept(firing("t1", "site=plant-1"), at(1))).as("same site: inhibited").isEmpty();
        assertThat(d.accept(firing("t2", "site=plant-2"), at(2))).as("other site").hasSize(1);

        d.accept(outage.resolved(at(3)), at(3));
        assertThat(d.flush(at(4))).as("the source resolved: the target is told now")
                .extracting(n -> n.alert().id()).containsExactly("id-t1");
    }

    @Test
    void aMaintenanceWindowMutesWhileOpenAndItsAlertsAreToldWhenItCloses() {
        Dispatcher d = DispatcherTest.dispatcher("""
                route: {receivers: [slack]}
                maintenance-windows:
                  - {name: migration, matchers: ['site="plant-1"'], from: 2026-01-10T10:00:00Z, until: 2026-01-10T11:00:00Z}
                """);
        Alert a = firing("a", "site=plant-1");
        assertThat(d.accept(a, at(10))).isEmpty();
        assertThat(d.accept(firing("b", "site=plant-2"), at(11))).hasSize(1);
        assertThat(d.flush(at(3599))).isEmpty();
        assertThat(d.flush(at(3600))).extracting(n -> n.alert().id()).containsExactly("id-a");
    }

    @Test
    void aSilenceMutesWhatItMatchesUntilItExpiresAndNeverMutesAResolve() {
        TestClock clock = new TestClock();
        AlertingConfig config = DispatcherTest.config("route: {receivers: [slack]}");
        Silences silences = new Silences(clock, List.of());
        Dispatcher d = DispatcherTest.dispatcher(config, silences);

        Alert told = firing("told", "site=plant-1");
        assertThat(d.accept(told, at(0))).hasSize(1);
        Silence silence = silences.create(Matchers.parse(List.of("site=\"plant-1\"")), "ops", "boiler swap",
                T0.plusSeconds(3600));

        assertThat(d.accept(firing("quiet", "site=plant-1"), at(5))).isEmpty();
        assertThat(d.accept(told.resolved(at(6)), at(6))).as("a resolve is never muted").hasSize(1);

        clock.now.set(at(60));
        assertThat(silences.expire(silence.id(), "bob")).get().satisfies(s -> {
            assertThat(s.expiredAt(at(60))).isTrue();
            assertThat(s.expiredBy()).isEqualTo("bob");
        });
        assertThat(d.flush(at(61))).extracting(n -> n.alert().id()).containsExactly("id-quiet");
        assertThat(silences.list()).hasSize(1);
    }
}
