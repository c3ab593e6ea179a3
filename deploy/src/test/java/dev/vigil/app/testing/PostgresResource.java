package dev.vigil.app.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL server ({@link PostgresServer}) as Vigil's database: the test that uses it may {@link #server()
 * halt and resume} it. A test with it checks {@link PostgresServer#installed()} first (JUnit's {@code @EnabledIf}), so
 * the application is never started where PostgreSQL is not installed.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile PostgresServer server;

    /** The running server. */
    public static PostgresServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = PostgresServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("the PostgreSQL test server did not start", e);
        }
        if (server == null) {
            throw new IllegalStateException("PostgreSQL is not installed: " + PostgresServer.missing);
        }
        return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl(), "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("the PostgreSQL test server did not stop", e);
            }
        }
    }
}
