package dev.vigil.app.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.vigil.app.testing.PostgresProfile;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster build's scheduled jobs on a real PostgreSQL ({@link PostgresProfile}): the alert-budget tuning and the
 * score history's purge live in Quartz's clustered JDBC store, which runs each on one instance at a time and hands it
 * to another when that instance stops checking in; reading threshold changes stays on every instance's own in-memory
 * scheduler. Skipped where PostgreSQL is not installed.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIf(value = "dev.vigil.app.testing.PostgresServer#installed",
        disabledReason = "PostgreSQL is not installed here (Debian's postgresql package)")
class ClusterJobsTest {

    @Inject
    DataSource database;
    @Inject
    Scheduler scheduler;

    @Test
    void theJobsThatMustRunOnceAreInTheClusteredStoreAndThisInstanceChecksIn() throws SQLException {
        assertThat(column("SELECT job_name FROM qrtz_job_details")).containsExactlyInAnyOrder("vigil-budget-tuning",
                "vigil-history-purge");
        assertThat(column("SELECT instance_name FROM qrtz_scheduler_state")).as("cluster members").hasSize(1);
        assertThat(column("SELECT lock_name FROM qrtz_locks")).as("the locks clustered instances take")
                .contains("TRIGGER_ACCESS");
    }

    @Test
    void everyInstanceReadsThresholdChangesOnItsOwnScheduler() throws SQLException {
        assertThat(scheduler.getScheduledJob("vigil-threshold-refresh")).isNotNull();
        assertThat(column("SELECT job_name FROM qrtz_job_details")).doesNotContain("vigil-threshold-refresh");
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
