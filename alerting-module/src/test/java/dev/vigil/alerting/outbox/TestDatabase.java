package dev.vigil.alerting.outbox;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;

/**
 * A real H2 database in a file, with the alerting module's real migrations (V1 alerts, V4 outbox, V16 claims, V17 attempt start). Opening it again
 * after {@link #shutdown()} is what a restarted Vigil finds.
 */
public final class TestDatabase {

    private final String url;

    public TestDatabase(Path folder) {
        this("jdbc:h2:file:" + folder.resolve("vigil").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    }

    /** The database at a URL of its own: an H2 server's, for a test of an outage. */
    TestDatabase(String url) {
        this.url = url;
    }

    /** The database as a (re)started Vigil opens it. */
    JdbcDataSource open() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(url);
        return db;
    }

    public JdbcDataSource migrated() throws Exception {
        JdbcDataSource db = open();
        run(db, "db/migration/V1__alerts.sql");
        run(db, "db/migration/V4__outbox.sql");
        run(db, "db/migration/V16__outbox_claims.sql");
        run(db, "db/migration/V17__delivery_attempt_started.sql");
        return db;
    }

    /** Closes the database as a stopping process does. */
    void shutdown() throws Exception {
        try (Connection c = open().getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static void run(JdbcDataSource db, String resource) throws Exception {
        String sql;
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}
