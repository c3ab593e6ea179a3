package dev.vigil.app.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil built as the cluster build is (PostgreSQL, Quartz's clustered job store; the database kind is fixed at build
 * time, so this profile's application is built apart) on a real server of its own ({@link PostgresResource}).
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // as the cluster build: its jobs in Quartz's clustered store, the tuning job scheduled (not fired in a test)
        return Map.of("quarkus.datasource.db-kind", "postgresql", "quarkus.quartz.clustered", "true",
                "quarkus.quartz.store-type", "jdbc-tx", "quarkus.flyway.locations", "db/migration,db/cluster",
                "vigil.tuning.cron", "0 30 3 * * ?");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}
