package dev.vigil.alerting.store;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.outbox.TestDatabase;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Saving alerts: resolved is final, and a save tried again changes nothing. Real H2, real migrations. */
class AlertStoreTest {

    @TempDir
    Path folder;
    AlertStore store;

    @BeforeEach
    void open() throws Exception {
        DataSource db = new TestDatabase(folder).migrated();
        store = new AlertStore(db, new ObjectMapper());
    }

    @Test
    void aFiringStateThatComesAfterItsResolveLeavesTheAlertResolvedAndIsNoNews() throws Exception {
        Alert firing = TestAlerts.firing();
        assertThat(store.save(firing)).isTrue();
        assertThat(store.save(firing.resolved(TestAlerts.ENDS))).isTrue();

        assertThat(store.save(firing.withSeverity(Severity.WARNING))).as("a stale firing state is no news").isFalse();
        assertThat(store.byId(firing.id())).get().satisfies(a -> {
            assertThat(a.status().name()).isEqualTo("RESOLVED");
            assertThat(a.endsAt()).isEqualTo(TestAlerts.ENDS);
        });
        assertThat(store.firing()).as("none stranded firing").isEmpty();
    }

    @Test
    void aResolveSavedBeforeItsFiringStaysResolved() throws Exception {
        Alert firing = TestAlerts.firing();
        assertThat(store.save(firing.resolved(TestAlerts.ENDS))).isTrue();

        assertThat(store.save(firing)).isFalse();
        assertThat(store.statusesOf(firing.fingerprint())).containsExactly("RESOLVED");
    }

    @Test
    void savingTheSameStateAgainChangesNothing() throws Exception {
        Alert firing = TestAlerts.firing();
        Alert warning = firing.withSeverity(Severity.WARNING);
        assertThat(List.of(store.save(warning), store.save(warning))).containsOnly(true);
        assertThat(store.save(firing)).as("an upgrade of a firing alert").isTrue();
        assertThat(store.byId(firing.id())).get().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
        Alert resolved = firing.resolved(TestAlerts.ENDS);
        assertThat(List.of(store.save(resolved), store.save(resolved))).containsOnly(true);
        assertThat(store.statusesOf(firing.fingerprint())).containsExactly("RESOLVED");
    }
}
