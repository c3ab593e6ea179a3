package dev.vigil.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database with the real migrations this module reads and writes: alerting's V1 (alerts), then
 * this module's V3 (feedback), V5 (score history) and V6 (thresholds and effects), and alerting's V19 (the silences an
 * "expected" answer creates).
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static JdbcDataSource migrated() {
        return migrated("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** The database at a URL of one's choosing (an H2 server's, for an outage), migrated. */
    public static JdbcDataSource migrated(String url) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(url);
        for (String migration : new String[] {"V1__alerts.sql", "V3__feedback.sql", "V5__score_history.sql",
                "V6__thresholds_and_effects.sql", "V19__silences.sql"}) {
            run(db, "db/migration/" + migration);
        }
        return db;
    }

    private static void run(JdbcDataSource db, String resource) {
        String sql;
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }
}
