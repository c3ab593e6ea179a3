package dev.vigil.alerting.dispatch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static dev.vigil.alerting.dispatch.Alerts.T0;
import static dev.vigil.alerting.dispatch.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

/** The notification path end to end, with the time passed in: grouping, the three timers, upgrades and resolves. */
class DispatcherTest {

    static final List<String> RECEIVERS = List.of("console", "slack", "pagerduty");

    static Dispatcher dispatcher(AlertingConfig config, Silences silences) {
        return new Dispatcher(config.route(), NotificationPipeline.standard(new Inhibitor(config.inhibitRules()),
                config.maintenanceWindows(), silences));
    }

    static AlertingConfig config(String yaml) {
        return new AlertingConfigLoader(RECEIVERS)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    static Dispatcher dispatcher(String yaml) {
        AlertingConfig config = config(yaml);
        return dispatcher(config, new Silences(Clock.fixed(T0, ZoneOffset.UTC), config.silences()));
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static final String GROUPED = """
            route:
              receivers: [slack]
              group-by: [site]
              group-wait: 30s
              group-interval: 5m
              repeat-interval: 4h
            """;

    @Test
    void theStagesRunInAlertmanagersOrder() {
        assertThat(NotificationPipeline.standard(new Inhibitor(List.of()), List.of(),
                new Silences(Clock.systemUTC(), List.of())).stages()).extracting(Object::toString)
                .containsExactly("inhibit", "maintenance", "silence", "group wait", "dedup", "incident", "record");
    }

    @Test
    void theDefaultTreeTellsEveryAlertAtOnceToEveryReceiverAsItIs() {
        AlertingConfig config = new AlertingConfigLoader(List.of("console", "slack")).loadDefault();
        Dispatcher d = dispatcher(config, new Silences(Clock.systemUTC(), List.of()));
        Alert a = firing("pump-1", "site=plant-1");
        Alert b = firing("pump-2", "site=plant-1");

        assertThat(d.accept(a, at(0))).extracting(Notification::receiver, Notification::alert)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("console", a), org.assertj.core.groups.Tuple.tuple("slack", a));
        assertThat(d.accept(b, at(0))).extracting(Notification::alert).containsOnly(b);
        assertThat(d.accept(a.resolved(at(60)), at(60))).extracting(Notification::alert).containsOnly(a.resolved(at(60)));
        assertThat(d.flush(at(3600))).isEmpty();
        assertThat(d.groups()).hasSize(1);
    }

    @Test
    void coMovingEntitiesWithinTheGroupWaitBecomeOneIncidentListingThem() {
        Dispatcher d = dispatcher(GROUPED);
        Alert temp = firing("temperature{device=boiler-1,site=plant-1}", "site=plant-1", "device=boiler-1");
        Alert pressure = firing("pressure{device=boiler-1,site=plant-1}", Severity.CRITICAL, "site=plant-1", "device=boiler-1");
        Alert flow = firing("flow{device=pump-4,site=plant-1}", "site=plant-1", "device=pump-4");
        Alert elsewhere = firing("temperature{device=boiler-9,site=plant-2}", "site=plant-2");

        assertThat(d.accept(temp, at(0))).isEmpty();
        assertThat(d.accept(pressure, at(5))).isEmpty();
        assertThat(d.accept(flow, at(10))).isEmpty();
        assertThat(d.accept(elsewhere, at(12))).isEmpty();
        assertThat(d.flush(at(29))).as("group wait not over").isEmpty();

        List<Notification> told = d.flush(at(30));
        assertThat(told).hasSize(1);
        Alert incident = told.get(0).alert();
        assertThat(incident.id()).isEqualTo(temp.id());
        assertThat(incident.fingerprint()).isEqualTo(temp.fingerprint());
        assertThat(incident.severity()).as("a group's severity is its highest alert's").isEqualTo(Severity.CRITICAL);
        assertThat(incident.entity()).isEqualTo(temp.entity() + " (+2 more)");
        assertThat(incident.summary()).startsWith("3 entities anomalous together:")
                .contains(temp.entity(), pressure.entity(), flow.entity());
        assertThat(incident.labels()).containsExactlyEntriesOf(java.util.Map.of("site", "plant-1"));

        assertThat(d.flush(at(42))).as("plant-2's own group wait").extracting(n -> n.alert().id())
                .containsExactly(elsewhere.id());
    }

    @Test
    void changesWaitForTheGroupIntervalAndAnUnchangedGroupRepeatsAfterTheRepeatInterval() {
        Dispatcher d = dispatcher(GROUPED);
        Alert a = firing("a", "site=s");
        d.accept(a, at(0));
        assertThat(d.flush(at(30))).hasSize(1);

        Alert b = firing("b", "site=s");
        assertThat(d.accept(b, at(60))).as("within the group interval").isEmpty();
        assertThat(d.flush(at(329))).isEmpty();
        assertThat(d.flush(at(330))).singleElement().satisfies(n -> assertThat(n.alert().summary()).contains("a", "b"));

        assertThat(d.flush(at(330 + 300))).as("nothing changed, repeat not due").isEmpty();
        assertThat(d.flush(at(330 + 4 * 3600 - 1))).isEmpty();
        assertThat(d.flush(at(330 + 4 * 3600 + 300))).as("repeat interval since the last notification").hasSize(1);
    }

    @Test
    void anUpgradeIsToldAgainADowngradeOrAPartialResolveIsNotAndTheLastResolveClosesTheIncident() {
        Dispatcher d = dispatcher("route: {receivers: [slack], group-by: [site]}");
        Alert a = firing("a", "site=s");
        Alert b = firing("b", "site=s");
        assertThat(d.accept(a, at(0))).hasSize(1);
        assertThat(d.accept(b, at(1))).singleElement().satisfies(n -> assertThat(n.alert().severity()).isEqualTo(Severity.WARNING));

        Alert bCritical = b.withSeverity(Severity.CRITICAL);
        assertThat(d.accept(bCritical, at(2))).singleElement().satisfies(n -> {
            assertThat(n.alert().id()).isEqualTo(a.id());
            assertThat(n.alert().severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(d.accept(bCritical.resolved(at(3)), at(3))).as("the group drops to WARNING: no resolve, nothing").isEmpty();
        List<Notification> resolved = d.accept(a.resolved(at(4)), at(4));
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.alert().status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(n.alert().id()).isEqualTo(a.id());
            assertThat(n.alert().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.alert().endsAt()).isEqualTo(at(4));
        });
        assertThat(d.groups()).isEmpty();
    }

    @Test
    void anAlertThatFiresAndResolvesWithinTheGroupWaitIsNeverTold() {
        Dispatcher d = dispatcher(GROUPED);
        Alert a = firing("a", "site=s");
        d.accept(a, at(0));
        assertThat(d.accept(a.resolved(at(10)), at(10))).isEmpty();
        assertThat(d.flush(at(30))).isEmpty();
        assertThat(d.groups()).isEmpty();
    }

    @Test
    void aRestoredGroupIsNotToldAgainButHearsItsMembersResolve() {
        Dispatcher before = dispatcher(GROUPED);
        Alert a = firing("a", "site=s");
        Alert b = firing("b", "site=s");
        before.accept(a, at(0));
        before.accept(b, at(1));
        List<Notification> told = before.flush(at(30));
        GroupLog log = told.get(0).log();
        assertThat(log.notified()).containsOnlyKeys(a.fingerprint(), b.fingerprint());
        assertThat(log.leadId()).isEqualTo(a.id());

        Dispatcher after = dispatcher(GROUPED);
        // b resolved while Vigil was down: the store has it resolved
        assertThat(after.restore(List.of(log), List.of(a, b.resolved(at(40))), at(60))).isEqualTo(1);
        assertThat(after.flush(at(60 + 300))).as("nothing new since it was told").isEmpty();
        assertThat(after.flush(at(30 + 4 * 3600))).as("its repeat interval counts from before the restart").hasSize(1);

        assertThat(after.accept(a.resolved(at(5 * 3600)), at(5 * 3600))).singleElement().satisfies(n -> {
            assertThat(n.alert().status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(n.alert().id()).as("told under its lead, as before the restart").isEqualTo(a.id());
            assertThat(n.alert().summary()).contains("a", "b");
            assertThat(n.log().closed()).isTrue();
        });
        assertThat(after.groups()).isEmpty();
    }

    @Test
    void aFiringAlertNoLogKnowsIsToldAfterItsGroupWait() {
        Dispatcher after = dispatcher(GROUPED);
        Alert a = firing("a", "site=s");

        assertThat(after.restore(List.of(), List.of(a), at(0))).isZero();

        assertThat(after.flush(at(29))).isEmpty();
        assertThat(after.flush(at(30))).singleElement().satisfies(n -> assertThat(n.alert().id()).isEqualTo(a.id()));
    }
}
